package io.stratus.finops.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one group's cost changed between two periods.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the group's values (as in {@link CostRow#key()})
 * @param currency the billing currency
 * @param previous the amount in the earlier period (zero if the group is new)
 * @param current the amount in the later period (zero if the group disappeared)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostDelta(List<String> key, Currency currency, BigDecimal previous, BigDecimal current) {
  /**
   * Validates and copies the key.
   *
   * @throws NullPointerException if a component is null
   */
  public CostDelta {
    key = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(key, "costDelta.key")));
    Objects.requireNonNull(currency, "costDelta.currency");
    Objects.requireNonNull(previous, "costDelta.previous");
    Objects.requireNonNull(current, "costDelta.current");
  }

  /**
   * The change, current minus previous.
   *
   * @return the exact change; never null
   */
  public BigDecimal change() {
    return current.subtract(previous);
  }

  /**
   * The relative change, (current − previous) / previous, to 16 significant digits.
   *
   * @return the ratio, empty when the previous amount is zero
   */
  public Optional<BigDecimal> relativeChange() {
    if (previous.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(change().divide(previous.abs(), MathContext.DECIMAL64));
  }
}
