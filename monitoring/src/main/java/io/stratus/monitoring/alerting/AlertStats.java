package io.stratus.monitoring.alerting;

import org.apiguardian.api.API;

/**
 * Counters of an {@link AlertEngine} since it was created.
 *
 * <p>Immutable and thread-safe.
 *
 * @param notificationsSent deliveries the channels accepted, all channels counted
 * @param deliveryFailures calls to a channel that failed (retried with backoff, see {@link DeliveryPolicy})
 * @param alertsFired alert instances that reached {@code FIRING}
 * @param alertsResolved alert instances that reached {@code RESOLVED}
 * @param silencedFirings firing alert instances muted by a silence at a flush
 * @param inhibitedFirings firing alert instances muted by an inhibition rule at a flush
 * @param flappingFirings firing alert instances held back as flapping at a flush
 * @param ignoredSamples samples not evaluated: NaN values or times not after the series' previous sample
 * @param escalations alert instances escalated because they stayed unacknowledged
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AlertStats(
    long notificationsSent,
    long deliveryFailures,
    long alertsFired,
    long alertsResolved,
    long silencedFirings,
    long inhibitedFirings,
    long flappingFirings,
    long ignoredSamples,
    long escalations) {}
