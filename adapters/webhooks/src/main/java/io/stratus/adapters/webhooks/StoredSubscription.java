package io.stratus.adapters.webhooks;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A subscription as a {@link SubscriptionStore} holds it, with its version (1 when added, plus one on every change).
 *
 * <p>Immutable and thread-safe; {@link #toString()} hides the secrets.
 *
 * @param subscription the subscription; never null
 * @param version the version, at least 1
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoredSubscription(Subscription subscription, long version) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the version is below 1
   */
  public StoredSubscription {
    Objects.requireNonNull(subscription, "storedSubscription.subscription");
    if (version < 1) {
      throw new IllegalArgumentException("storedSubscription.version must be >= 1, got " + version);
    }
  }

  /**
   * The subscription id.
   *
   * @return the id; never null
   */
  public String id() {
    return subscription.id();
  }
}
