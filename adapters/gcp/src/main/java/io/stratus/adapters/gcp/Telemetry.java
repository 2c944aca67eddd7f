package io.stratus.adapters.gcp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the remote calls: {@code stratus.provider.requests} (tags provider=gcp, api, outcome) counts attempts and
 * {@code stratus.provider.latency} (tags provider, api) times them. Without a registry every method does nothing.
 * Thread-safe (Micrometer's meters are).
 */
final class Telemetry {
  static final String REQUESTS = "stratus.provider.requests";
  static final String LATENCY = "stratus.provider.latency";

  /** What an attempt came to. */
  enum Outcome {
    /** The call answered. */
    SUCCESS,
    /** The call failed transiently and will be tried again. */
    RETRY,
    /** The call failed and will not be tried again. */
    FAILURE,
    /** The circuit breaker or rate limiter refused the call; nothing was sent. */
    REJECTED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final @Nullable MeterRegistry registry;

  Telemetry(@Nullable MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Api api, Outcome outcome, @Nullable Duration latency) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    Counter.builder(REQUESTS)
        .description("Remote calls of the cloud adapters, by outcome")
        .tag("provider", "gcp")
        .tag("api", api.tag())
        .tag("outcome", outcome.tag())
        .register(r)
        .increment();
    if (latency != null) {
      Timer.builder(LATENCY)
          .description("Latency of the cloud adapters' remote calls")
          .tag("provider", "gcp")
          .tag("api", api.tag())
          .register(r)
          .record(latency);
    }
  }
}
