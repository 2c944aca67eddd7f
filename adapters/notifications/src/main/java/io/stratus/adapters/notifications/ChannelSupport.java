package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stratus.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * What every channel shares: the optional local rate limit (fixed windows of the injected clock, so a simulation or
 * test advancing virtual time refills it and nothing reads the wall clock), the delivery status counters and, for the HTTP channels,
 * a JSON POST that turns timeouts, 429 and other non-2xx answers into {@link ProviderException}s. Error messages
 * name the channel and the status, never the URL (which may be the secret). Thread-safe.
 */
final class ChannelSupport {
  private final String channelId;
  private final InstantSource clock;
  private final int limitPerPeriod;
  private final Duration period;
  /** Start of the current rate-limit window; guarded by this. */
  private Instant windowStart;
  /** Permits used in the current window; guarded by this. */
  private int used;
  private long delivered;
  private long failed;
  private long rateLimited;
  private Instant lastAt;
  private String lastOutcome;
  private final Counter deliveredMeter;
  private final Counter failedMeter;
  private final Counter rateLimitedMeter;

  private static Counter deliveries(MeterRegistry r, String channelType, String outcome) {
    return Counter.builder("stratus.notifications.deliveries").description("notification sends by outcome")
        .tag("channel", channelType).tag("outcome", outcome).register(r);
  }

  private static void count(Counter c) {
    if (c != null) {
      c.increment();
    }
  }

  ChannelSupport(String channelId, InstantSource clock, int limitPerPeriod, Duration period, MeterRegistry registry,
      String channelType) {
    this.channelId = channelId;
    if (registry == null) {
      deliveredMeter = failedMeter = rateLimitedMeter = null;
    } else {
      deliveredMeter = deliveries(registry, channelType, "delivered");
      failedMeter = deliveries(registry, channelType, "failed");
      rateLimitedMeter = deliveries(registry, channelType, "rate_limited");
    }
    this.clock = clock;
    this.limitPerPeriod = limitPerPeriod;
    this.period = period;
  }

  /**
   * Fails fast when the local rate limit of the current window is used up; the caller's retry comes back later.
   * Windows are {@code period} long, aligned on the first attempt, and move on by whole periods of the injected
   * clock (a clock that goes back keeps the current window).
   */
  void acquire() {
    if (limitPerPeriod <= 0) {
      return;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (windowStart == null) {
        windowStart = now;
      } else if (!now.isBefore(windowStart.plus(period))) {
        long periods = Duration.between(windowStart, now).toNanos() / period.toNanos();
        windowStart = windowStart.plus(period.multipliedBy(periods));
        used = 0;
      }
      if (used < limitPerPeriod) {
        used++;
        return;
      }
      rateLimited++;
    }
    count(rateLimitedMeter);
    throw fail("local rate limit reached (" + limitPerPeriod + " per " + period + ")", null);
  }

  /** POSTs JSON and returns the 2xx response body. */
  String postJson(HttpClient http, URI uri, String json, Map<String, String> headers, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw fail("timeout after " + timeout, e);
    } catch (IOException e) {
      throw fail("I/O error " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted", e);
    }
    int code = r.statusCode();
    if (code / 100 == 2) {
      succeeded("HTTP " + code);
      return r.body();
    }
    if (code == 429) {
      synchronized (this) {
        rateLimited++;
      }
      count(rateLimitedMeter);
      Optional<String> after = r.headers().firstValue("Retry-After");
      throw fail("HTTP 429 rate limited" + after.map(a -> ", Retry-After " + a).orElse(""), null);
    }
    String body = r.body() == null ? "" : r.body();
    throw fail("HTTP " + code + (body.isBlank() ? "" : ": " + abbreviate(body)), null);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }

  synchronized void succeeded(String outcome) {
    count(deliveredMeter);
    delivered++;
    lastAt = clock.instant();
    lastOutcome = outcome;
  }

  ProviderException fail(String outcome, Throwable cause) {
    count(failedMeter);
    synchronized (this) {
      failed++;
      lastAt = clock.instant();
      lastOutcome = outcome;
    }
    return new ProviderException(channelId, "notification channel '" + channelId + "' failed: " + outcome, cause);
  }

  synchronized DeliveryStatus status() {
    return new DeliveryStatus(delivered, failed, rateLimited, Optional.ofNullable(lastAt),
        Optional.ofNullable(lastOutcome));
  }

  static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }
}
