package io.stratus.finops.attribution;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Why one record is attributed as it is: the owner(s) and the rule that decided.
 *
 * <p>Immutable and thread-safe.
 *
 * @param owners the owner, or for shared cost every owner sharing it; {@link Owner#UNALLOCATED} when no rule matched
 * @param rule the deciding rule's name; {@code "(none)"} when no rule matched
 * @param shared whether a shared-cost rule split the record
 * @param explanation a sentence for reports, e.g. "rule team-tag: tag:team = 'payments'"
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Attribution(List<Owner> owners, String rule, boolean shared, String explanation) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public Attribution {
    owners = List.copyOf(owners);
    Objects.requireNonNull(rule, "attribution.rule");
    Objects.requireNonNull(explanation, "attribution.explanation");
  }

  /**
   * Whether no rule attributed the record.
   *
   * @return true for the unallocated bucket
   */
  public boolean isUnallocated() {
    return owners.size() == 1 && owners.get(0).isUnallocated();
  }
}
