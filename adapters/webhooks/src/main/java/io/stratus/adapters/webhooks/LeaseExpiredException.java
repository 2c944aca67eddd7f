package io.stratus.adapters.webhooks;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * An outbox shared by several dispatchers refused an outcome because the dispatcher's claim on the delivery ran out
 * (its lease expired) and another dispatcher claimed the delivery since, or already recorded its outcome. Nothing was
 * written: the delivery belongs to the other dispatcher now, which sends it (again) and records the outcome; receivers
 * de-duplicate the repeat by its {@code webhook-id}. {@link WebhookDispatcher} logs it and goes on with the round's
 * other deliveries. It means a round took longer than the lease: choose a lease longer than the HTTP timeout plus the
 * time to record a round's outcomes, or smaller rounds.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class LeaseExpiredException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final transient DeliveryKey key;

  /**
   * Creates the exception.
   *
   * @param key the delivery; never null
   * @param detail what was found instead of this dispatcher's claim; never null
   */
  public LeaseExpiredException(DeliveryKey key, String detail) {
    super("the claim on delivery " + key + " expired and another dispatcher took it over (" + detail + "); its"
        + " outcome was not recorded here. Use a lease longer than a delivery round");
    this.key = key;
  }

  /**
   * The delivery whose claim expired.
   *
   * @return the key; never null
   */
  public DeliveryKey key() {
    return key;
  }
}
