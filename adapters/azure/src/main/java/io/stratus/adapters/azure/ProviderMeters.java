package io.stratus.adapters.azure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The adapter's meters: {@code stratus.provider.requests} (counter; tags provider, api, outcome) and {@code
 * stratus.provider.latency} (timer; tags provider, api), one observation per HTTP attempt. Does nothing without a
 * registry. Thread-safe.
 */
final class ProviderMeters {
  static final String REQUESTS = "stratus.provider.requests";
  static final String LATENCY = "stratus.provider.latency";

  private final @Nullable MeterRegistry registry;

  ProviderMeters(@Nullable MeterRegistry registry) {
    this.registry = registry;
  }

  void record(AzureApi api, String outcome, Duration latency) {
    if (registry == null) {
      return;
    }
    Counter.builder(REQUESTS)
        .description("calls of a cloud provider's API, by outcome")
        .tag("provider", "azure")
        .tag("api", api.tag())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (!latency.isNegative()) {
      Timer.builder(LATENCY)
          .description("latency of a cloud provider's API calls")
          .tag("provider", "azure")
          .tag("api", api.tag())
          .register(registry)
          .record(latency);
    }
  }
}
