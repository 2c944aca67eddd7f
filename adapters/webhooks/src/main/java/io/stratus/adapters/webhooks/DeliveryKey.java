package io.stratus.adapters.webhooks;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Names one delivery: an event to one subscription.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId the event id; never blank
 * @param subscriptionId the subscription id; never blank
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryKey(String eventId, String subscriptionId) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if an id is blank
   */
  public DeliveryKey {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    if (eventId.isBlank() || subscriptionId.isBlank()) {
      throw new IllegalArgumentException("eventId and subscriptionId must not be blank, got '" + eventId + "', '"
          + subscriptionId + "'");
    }
  }

  @Override
  public String toString() {
    return eventId + "@" + subscriptionId;
  }
}
