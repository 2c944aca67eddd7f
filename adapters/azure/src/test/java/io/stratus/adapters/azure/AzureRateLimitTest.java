package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratus.ProviderException;
import io.stratus.testkit.ControllableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-API rate limiter runs on the injected clock and waits through the injected sleeper (which here advances
 * that clock instead of sleeping), and its waits count against the one call deadline.
 */
class AzureRateLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String PATH = "/api/retail/prices";

  private final Stubs stubs = new Stubs();
  private final ControllableClock clock = ControllableClock.at(T0);
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void prices() {
    stubs.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(Stubs.json("{\"Items\": []}")));
  }

  @AfterEach
  void stop() {
    stubs.stop();
  }

  private AzureConfig.Builder config(int permits, Duration period) {
    return stubs.config().clock(clock)
        .sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        })
        .rateLimit(AzureApi.RETAIL_PRICES, new AzureConfig.RateLimit(permits, period));
  }

  private void call(AzureCalls calls) {
    calls.getPublic(AzureApi.RETAIL_PRICES, "eastus", "retail prices", "", stubs.base() + PATH);
  }

  @Test
  void permitWaits_goThroughTheInjectedSleeperOnTheInjectedClock() {
    AzureCalls calls = new AzureCalls("azure", config(2, Duration.ofSeconds(1)).build());
    for (int i = 0; i < 5; i++) {
      call(calls);
    }
    // two permits per second of the injected clock: calls 3 and 5 each wait for the next second, and nothing else
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));
    stubs.server.verify(5, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void limiterFollowsTheInjectedClock_notTheWallClock() {
    AzureCalls calls = new AzureCalls("azure", config(1, Duration.ofHours(1)).build());
    call(calls);
    clock.advance(Duration.ofHours(1));
    call(calls);
    clock.advance(Duration.ofMinutes(59));
    call(calls);
    // the first two calls are an hour apart on the injected clock: no wait; the third waits out the hour
    assertThat(waits).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void permitWaitsAndRetryAfter_shareTheCallDeadline() {
    stubs.server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).inScenario("throttle")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled")
        .willReturn(Stubs.json("{\"Items\": []}")));
    stubs.server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).inScenario("throttle")
        .whenScenarioStateIs("throttled").willSetStateTo("ok")
        .willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "300")));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AzureCalls calls = new AzureCalls("azure", config(1, Duration.ofSeconds(1))
        .callDeadline(Duration.ofMillis(1500)).meterRegistry(meters).build());
    call(calls);
    // the second call waits 1 s for its permit, is throttled, waits 300 ms as asked; its next permit would come
    // 700 ms later, 2 s after it started: past its 1.5 s deadline, so it fails without waiting any more
    assertThatThrownBy(() -> call(calls))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("no permit of the local rate limit")
        .hasMessageContaining("before the call deadline of PT1.5S after 1 failed attempt(s)")
        .hasMessageContaining("the next one in PT0.7S")
        .hasMessageContaining("HTTP 429");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(300));
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(1300));
    stubs.server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    assertThat(meters.counter("stratus.provider.requests", "provider", "azure", "api", "retail-prices",
        "outcome", "rate_limited").count()).isEqualTo(1);
    // throttling and local rate limiting are not outages
    assertThat(calls.breaker(AzureApi.RETAIL_PRICES).getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void permitBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    AzureCalls calls = new AzureCalls("azure", config(1, Duration.ofSeconds(1))
        .callDeadline(Duration.ofMillis(500)).build());
    call(calls);
    assertThatThrownBy(() -> call(calls))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("no permit of the local rate limit")
        .hasMessageEndingWith("before the call deadline of PT0.5S");
    assertThat(waits).isEmpty();
    stubs.server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
  }
}
