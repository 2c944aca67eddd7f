package io.stratus.adapters.webhooks;

import org.apiguardian.api.API;

/**
 * What one {@link WebhookDispatcher#deliverDue()} round did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sent requests sent
 * @param delivered deliveries a receiver acknowledged with 2xx
 * @param retried failed deliveries scheduled for a retry
 * @param dead deliveries moved to the dead-letter store
 * @param postponed deliveries not sent because their endpoint's circuit breaker is open
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryRound(int sent, int delivered, int retried, int dead, int postponed) {

  /**
   * Whether the round did nothing.
   *
   * @return true if nothing was due
   */
  public boolean idle() {
    return sent == 0 && dead == 0 && postponed == 0;
  }
}
