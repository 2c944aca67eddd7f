package io.stratus.adapters.webhooks;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The acknowledgement of a publish: the event is durable in the outbox for every subscription listed, and will be
 * delivered at least once to each. An event no subscription matched is acknowledged with an empty list (nothing to
 * deliver), which the caller can see here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId the event id; never null
 * @param subscriptionIds the subscriptions it was routed to; never null
 * @param newlyAccepted how many of those deliveries were new (fewer if the event was published before)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PublishReceipt(String eventId, List<String> subscriptionIds, int newlyAccepted) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if newlyAccepted is outside 0..subscriptionIds.size()
   */
  public PublishReceipt {
    Objects.requireNonNull(eventId, "eventId");
    subscriptionIds = List.copyOf(subscriptionIds);
    if (newlyAccepted < 0 || newlyAccepted > subscriptionIds.size()) {
      throw new IllegalArgumentException("newlyAccepted must be in 0.." + subscriptionIds.size() + ", got "
          + newlyAccepted);
    }
  }
}
