package io.stratus.adapters.notifications;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a channel has delivered so far: counts and the outcome of its last attempt.
 *
 * <p>Immutable and thread-safe.
 *
 * @param delivered notifications the remote end accepted
 * @param failed attempts that failed (remote error, timeout, local rate limit)
 * @param rateLimited of the failed attempts, those refused by the local rate limit or answered 429
 * @param lastAttemptAt when the last attempt ended, empty before the first
 * @param lastOutcome the last attempt's outcome, e.g. {@code HTTP 202}, {@code HTTP 503}, {@code timeout}, {@code
 *     250 OK}; never contains a secret; empty before the first
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryStatus(
    long delivered, long failed, long rateLimited, Optional<Instant> lastAttemptAt, Optional<String> lastOutcome) {}
