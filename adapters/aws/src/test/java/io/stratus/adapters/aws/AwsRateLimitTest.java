package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The per-service rate limiter runs on the injected clock and waits through the injected sleeper (which here advances
 * that clock instead of sleeping), and its waits count against the call deadline.
 */
class AwsRateLimitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final ControllableClock clock = ControllableClock.at(T0);
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicInteger made = new AtomicInteger();

  private AwsResilience.Builder policy(int perSecond) {
    return AwsResilience.builder().ratePerSecond(AwsService.EC2, perSecond).sleeper(d -> {
      waits.add(d);
      clock.advance(d);
    });
  }

  private Calls calls(AwsResilience.Builder policy) {
    return new Calls("aws", policy.build(), clock, ProviderCallTelemetry.create("aws", meters, OpenTelemetry.noop()));
  }

  private String call(Calls calls) {
    return calls.call(AwsService.EC2, "us-east-1", "DescribeInstances", () -> "call " + made.incrementAndGet());
  }

  private static AwsServiceException throttled() {
    return AwsServiceException.builder().statusCode(400).message("Rate exceeded")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
            .build()).build();
  }

  private double rateLimited() {
    return meters.counter("stratus.provider.requests", "provider", "aws", "api", "ec2", "outcome", "rate_limited")
        .count();
  }

  @Test
  void permitWaits_goThroughTheInjectedSleeperOnTheInjectedClock() {
    Calls calls = calls(policy(2));
    for (int i = 0; i < 5; i++) {
      call(calls);
    }
    // two permits per second of the injected clock: calls 3 and 5 each wait for the next second, and nothing else
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));
    assertThat(made).hasValue(5);
    assertThat(rateLimited()).isZero();
  }

  @Test
  void limiterFollowsTheInjectedClock_notTheWallClock() {
    Calls calls = calls(policy(1));
    call(calls);
    clock.advance(Duration.ofSeconds(1));
    call(calls);
    clock.advance(Duration.ofMillis(900));
    call(calls);
    // the first two calls are a second apart on the injected clock: no wait; the third waits out the second
    assertThat(waits).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void permitWaitsAndBackoffs_shareTheCallDeadline() {
    Calls calls = calls(policy(1).callDeadline(Duration.ofMillis(1500))
        .backoff(Duration.ofMillis(300), 1, Duration.ofMillis(300), 0));
    call(calls);
    AtomicInteger attempts = new AtomicInteger();
    // the second call waits 1 s for its permit, is throttled, backs off 300 ms; its next permit would come 700 ms
    // later, 2 s after it started: past its 1.5 s deadline, so it fails without waiting any more
    assertThatThrownBy(() -> calls.call(AwsService.EC2, "us-east-1", "DescribeInstances", () -> {
      attempts.incrementAndGet();
      throw throttled();
    }))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("DescribeInstances: no permit of the local rate limit of EC2 (1/s)")
        .hasMessageContaining("before the call deadline of PT1.5S after 1 failed attempt")
        .hasMessageContaining("(the next one in PT0.7S)")
        .hasMessageContaining("Rate exceeded");
    assertThat(attempts).hasValue(1);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(300));
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(1300));
    assertThat(rateLimited()).isEqualTo(1);
  }

  @Test
  void permitBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    Calls calls = calls(policy(1).callDeadline(Duration.ofMillis(500)));
    call(calls);
    assertThatThrownBy(() -> call(calls))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerId()).isEqualTo("aws"))
        .hasMessage("provider 'aws': DescribeInstances: no permit of the local rate limit of EC2 (1/s) before the call deadline of"
            + " PT0.5S (the next one in PT1S)");
    assertThat(waits).isEmpty();
    assertThat(made).hasValue(1);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(rateLimited()).isEqualTo(1);
    // a local refusal is not an outage
    assertThat(calls.breakerState(AwsService.EC2)).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void permitBeyondTheLongestPermitWait_failsAtOnceWithoutWaiting() {
    Calls calls = calls(policy(1).maxRateLimitWait(Duration.ofMillis(200)));
    call(calls);
    assertThatThrownBy(() -> call(calls))
        .isInstanceOf(ProviderException.class)
        .hasMessage("provider 'aws': DescribeInstances: no permit of the local rate limit of EC2 (1/s) before the call deadline of"
            + " PT2M (none within the longest permit wait of PT0.2S)");
    assertThat(waits).isEmpty();
    assertThat(made).hasValue(1);
  }

  @Test
  void backoffBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    Calls calls = calls(policy(10).callDeadline(Duration.ofSeconds(1))
        .backoff(Duration.ofSeconds(2), 1, Duration.ofSeconds(2), 0));
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> calls.call(AwsService.EC2, "us-east-1", "DescribeInstances", () -> {
      attempts.incrementAndGet();
      throw throttled();
    }))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("DescribeInstances failed (throttled) after 1 attempt; the next attempt in PT2S would"
            + " pass the call deadline of PT1S");
    assertThat(attempts).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void adapter_pagesOfOneListing_waitForPermitsOnTheAdaptersClock() {
    AwsStubs stubs = new AwsStubs();
    try (AwsAdapter adapter = stubs.adapter().spotPrices(false)
        .resilience(stubs.resilience().ratePerSecond(AwsService.PRICING, 1).build()).build()) {
      stubs.stubPrices();
      assertThat(adapter.pricingProvider().offers(OfferQuery.all())).hasSize(4);
      // GetProducts pages 1 and 2 of us-east-1 at one permit per second of the adapter's clock: one 1 s wait
      stubs.server.verify(2, postRequestedFor(urlPathEqualTo("/")));
      assertThat(stubs.sleeps).containsExactly(Duration.ofSeconds(1));
      assertThat(stubs.clock.instant()).isEqualTo(AwsStubs.NOW.plusSeconds(1));
    } finally {
      stubs.stop();
    }
  }
}
