package io.stratus.adapters.webhooks;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The result of one HTTP delivery attempt: a status (0 when no response arrived), the Retry-After delay if the
 * receiver sent a usable one with 429 or 503, and a one-line detail. Immutable.
 */
record HttpOutcome(int statusCode, @Nullable Duration retryAfter, String detail) {

  boolean delivered() {
    return statusCode >= 200 && statusCode < 300;
  }

  /** 410 Gone: the receiver says the endpoint is retired; retrying cannot help. */
  boolean permanent() {
    return statusCode == 410;
  }
}
