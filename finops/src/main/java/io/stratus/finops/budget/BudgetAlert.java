package io.stratus.finops.budget;

import io.stratus.spi.Notification;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A threshold crossing, as {@link BudgetManager#evaluate()} raised it: the threshold, the status that crossed it, the
 * notification sent and whether every channel took it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the crossed threshold; never null
 * @param status the budget's status at the crossing; never null
 * @param notification what was sent; never null
 * @param delivered true if every channel accepted it (failures are logged, not thrown)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BudgetAlert(Threshold threshold, BudgetStatus status, Notification notification, boolean delivered) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public BudgetAlert {
    Objects.requireNonNull(threshold, "budgetAlert.threshold");
    Objects.requireNonNull(status, "budgetAlert.status");
    Objects.requireNonNull(notification, "budgetAlert.notification");
  }
}
