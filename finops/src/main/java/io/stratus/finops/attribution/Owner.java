package io.stratus.finops.attribution;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who a cost is attributed to: a team, a project and a cost centre. {@link #UNALLOCATED} is the explicit bucket for
 * cost that no rule attributed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param team the team; never blank
 * @param project the project; never blank
 * @param costCenter the cost centre; never blank
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Owner(String team, String project, String costCenter) implements java.io.Serializable {
  /** The bucket of cost no rule attributed. */
  public static final Owner UNALLOCATED = new Owner("unallocated", "unallocated", "unallocated");

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a part is blank
   */
  public Owner {
    check(team, "owner.team");
    check(project, "owner.project");
    check(costCenter, "owner.costCenter");
  }

  private static void check(String v, String field) {
    Objects.requireNonNull(v, field + " must not be null");
    if (v.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, got '" + v + "'");
    }
  }

  /**
   * Whether this is the unallocated bucket.
   *
   * @return true for {@link #UNALLOCATED}
   */
  public boolean isUnallocated() {
    return equals(UNALLOCATED);
  }
}
