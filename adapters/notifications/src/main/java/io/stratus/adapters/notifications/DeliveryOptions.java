package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The builder settings every channel shares: HTTP client, request timeout, clock and local rate limit, with their
 * checks and defaults. Not thread-safe (one per builder).
 */
final class DeliveryOptions {
  private HttpClient http;
  private Duration timeout = Duration.ofSeconds(10);
  private InstantSource clock;
  private int limitPerPeriod;
  private Duration period = Duration.ofSeconds(1);
  private MeterRegistry registry;

  void httpClient(HttpClient value) {
    this.http = Objects.requireNonNull(value, "httpClient");
  }

  void timeout(Duration value) {
    this.timeout = Checks.positive(value, "timeout");
  }

  void clock(InstantSource value) {
    this.clock = Objects.requireNonNull(value, "clock");
  }

  void rateLimit(int perPeriod, Duration value) {
    this.limitPerPeriod = Checks.positive(perPeriod, "rateLimit.perPeriod");
    this.period = Checks.positive(value, "rateLimit.period");
  }

  void meterRegistry(MeterRegistry value) {
    this.registry = Objects.requireNonNull(value, "meterRegistry");
  }

  /** Throws the builder's error when no clock was set. */
  void requireClock(String type, String id) {
    if (clock == null) {
      throw new IllegalStateException(type + " '" + id + "' needs clock(InstantSource), e.g. "
          + "InstantSource.system()");
    }
  }

  /** The client set, or a new one with the timeout as connect timeout and no redirects. */
  HttpClient http() {
    return http != null ? http : ChannelSupport.defaultClient(timeout);
  }

  Duration timeout() {
    return timeout;
  }

  InstantSource clock() {
    return clock;
  }

  /** The rate limiter and status counters of a channel built from these options. */
  ChannelSupport support(String channelId, String channelType) {
    return new ChannelSupport(channelId, clock, limitPerPeriod, period, registry, channelType);
  }
}
