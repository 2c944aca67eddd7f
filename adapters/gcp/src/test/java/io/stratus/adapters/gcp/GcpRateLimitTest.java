package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.BigQueryException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.spi.OfferQuery;
import io.stratus.testkit.ControllableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each API's rate limiter runs on the injected clock and waits through the injected sleeper (which here advances that
 * clock instead of sleeping), and its waits count against the call deadline.
 */
class GcpRateLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String BIGQUERY = "bigquery.googleapis.com";

  private final ControllableClock clock = ControllableClock.at(T0);
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger made = new AtomicInteger();

  private GcpAdapter.Builder config(int permits, Duration period) {
    return GcpAdapter.builder().projectId(TestCloud.PROJECT).clock(clock)
        .sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        })
        .rateLimit(BIGQUERY, permits, period);
  }

  private Guard guard(GcpAdapter.Builder config) {
    return new Guard("gcp", Api.BIGQUERY, config, ProviderCallTelemetry.create("gcp", meters, OpenTelemetry.noop()));
  }

  private String call(Guard guard) {
    return guard.call("jobs.query", "", () -> "call " + made.incrementAndGet());
  }

  private double rateLimited() {
    return meters.counter("stratus.provider.requests", "provider", "gcp", "api", "bigquery", "outcome",
        "rate_limited").count();
  }

  @Test
  void permitWaits_goThroughTheInjectedSleeperOnTheInjectedClock() {
    Guard guard = guard(config(2, Duration.ofSeconds(1)));
    for (int i = 0; i < 5; i++) {
      call(guard);
    }
    // two permits per second of the injected clock: calls 3 and 5 each wait for the next second, and nothing else
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));
    assertThat(made).hasValue(5);
    assertThat(rateLimited()).isZero();
  }

  @Test
  void limiterFollowsTheInjectedClock_notTheWallClock() {
    Guard guard = guard(config(1, Duration.ofHours(1)).callDeadline(Duration.ofHours(2)));
    call(guard);
    clock.advance(Duration.ofHours(1));
    call(guard);
    clock.advance(Duration.ofMinutes(59));
    call(guard);
    // the first two calls are an hour apart on the injected clock: no wait; the third waits out the hour
    assertThat(waits).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void permitWaitsAndBackoffs_shareTheCallDeadline() {
    // backoff: uniform in [0, 2 x 300 ms]; the deadline leaves room for the permit wait and any such backoff
    Guard guard = guard(config(1, Duration.ofSeconds(1)).callDeadline(Duration.ofMillis(1700))
        .retry(3, Duration.ofMillis(300), Duration.ofMillis(300)));
    call(guard);
    AtomicInteger attempts = new AtomicInteger();
    // the second call waits 1 s for its permit, is throttled, backs off; its next permit would come 1 s after the
    // first, 2 s after the call started: past its 1.7 s deadline, so it fails without waiting any more
    assertThatThrownBy(() -> guard.call("jobs.query", "", () -> {
      attempts.incrementAndGet();
      throw new BigQueryException(429, "Exceeded rate limits");
    }))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("gcp"))
        .hasMessageContaining("bigquery.googleapis.com jobs.query: no permit of the local rate limit of 1 per PT1S")
        .hasMessageContaining("before the call deadline of PT1.7S after 1 failed attempt(s)")
        .hasMessageContaining("(the next one in ")
        .hasMessageContaining("Exceeded rate limits");
    assertThat(attempts).hasValue(1);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(600));
    assertThat(clock.instant()).isEqualTo(T0.plus(waits.get(0)).plus(waits.get(1)));
    assertThat(rateLimited()).isEqualTo(1);
  }

  @Test
  void permitBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    Guard guard = guard(config(1, Duration.ofSeconds(1)).callDeadline(Duration.ofMillis(500)));
    call(guard);
    assertThatThrownBy(() -> call(guard))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("gcp"))
        .hasMessage("provider 'gcp': bigquery.googleapis.com jobs.query: no permit of the local rate limit of 1 per PT1S before the"
            + " call deadline of PT0.5S (the next one is further away than that)");
    assertThat(waits).isEmpty();
    assertThat(made).hasValue(1);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(rateLimited()).isEqualTo(1);
    // a local refusal is not an outage
    assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void backoffBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    Guard guard = guard(config(10, Duration.ofSeconds(1)).callDeadline(Duration.ofMillis(500)));
    AtomicInteger attempts = new AtomicInteger();
    // the attempt takes 1 s of the injected clock: any backoff after it ends past the 0.5 s deadline
    assertThatThrownBy(() -> guard.call("jobs.query", "", () -> {
      attempts.incrementAndGet();
      clock.advance(Duration.ofSeconds(1));
      throw new BigQueryException(429, "Exceeded rate limits");
    }))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("bigquery.googleapis.com jobs.query still RESOURCE_EXHAUSTED after 1 attempt(s); the"
            + " next attempt in ")
        .hasMessageContaining("would pass the call deadline of PT0.5S: Exceeded rate limits");
    assertThat(attempts).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void callDeadline_mustBePositive() {
    assertThatThrownBy(() -> GcpAdapter.builder().callDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("callDeadline must be > 0, got PT0S");
  }

  @Test
  void adapter_pagesOfOneListing_waitForPermitsOnTheAdaptersClock() {
    TestCloud cloud = TestCloud.shared();
    cloud.skuPageSize = 3;
    try (GcpAdapter adapter = cloud.builder().rateLimit("cloudbilling.googleapis.com", 2, Duration.ofMinutes(1))
        .callDeadline(Duration.ofMinutes(5)).build()) {
      assertThat(adapter.pricingProvider().offers(OfferQuery.all())).isNotEmpty();
      // every page is one ListSkus call; at two per minute of the adapter's clock, each pair after the first waits
      // for the next minute, through the test cloud's sleeper
      int pages = cloud.catalog.requests.size();
      assertThat(pages).isGreaterThan(2);
      int batches = (pages + 1) / 2;
      assertThat(cloud.sleeps).hasSize(batches - 1).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMinutes(1)));
      assertThat(cloud.clock.instant()).isEqualTo(TestCloud.NOW.plus(Duration.ofMinutes(batches - 1)));
    } finally {
      cloud.reset();
    }
  }
}
