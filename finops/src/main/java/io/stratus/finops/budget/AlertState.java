package io.stratus.finops.budget;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which thresholds of a budget were crossed at its last evaluation, in which window: a threshold alerts when it is
 * crossed and is not in this set; it re-arms when spend falls back below it or a new window starts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the window evaluated; never null
 * @param crossed the indexes (into {@link Budget#thresholds()}) of the crossed thresholds; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AlertState(BudgetPeriod.Window window, Set<Integer> crossed) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public AlertState {
    Objects.requireNonNull(window, "alertState.window");
    crossed = Set.copyOf(Objects.requireNonNull(crossed, "alertState.crossed"));
  }
}
