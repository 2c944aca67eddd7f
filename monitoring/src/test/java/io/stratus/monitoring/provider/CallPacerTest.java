package io.stratus.monitoring.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The permits, waits and deadline of {@link CallPacer}, on a clock that only its sleeper moves. */
class CallPacerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = now::get;
  private final List<Duration> waits = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ProviderCallTelemetry telemetry = ProviderCallTelemetry.create("aws", meters, OpenTelemetry.noop());

  private CallPacer.Builder pacer(int permits, Duration period) {
    return CallPacer.builder("aws", "aws-ec2", clock, d -> {
      waits.add(d);
      now.set(now.get().plus(d));
    }).limit(permits, period);
  }

  /** One permit of a call that has had {@code failed} failed attempts, the last one {@code last}. */
  private void acquire(CallPacer p, int failed, Throwable last) {
    telemetry.call("ec2", "us-east-1", "DescribeInstances", traced -> {
      p.acquire("DescribeInstances", p.deadline(), failed, last, traced);
      return "ok";
    });
  }

  private void acquire(CallPacer p) {
    telemetry.call("ec2", "us-east-1", "DescribeInstances", traced -> {
      p.acquire("DescribeInstances", p.deadline(), 0, null, traced);
      return "ok";
    });
  }

  private double rateLimited() {
    return meters.counter(ProviderCallTelemetry.REQUESTS, "provider", "aws", "api", "ec2", "outcome",
        "rate_limited").count();
  }

  @Property(tries = 50)
  void nPermitsAtKPerSecond_waitOneSecondPerFullBatch(
      @ForAll @IntRange(min = 1, max = 5) int permits, @ForAll @IntRange(min = 1, max = 30) int n) {
    AtomicReference<Instant> time = new AtomicReference<>(T0);
    List<Duration> slept = new ArrayList<>();
    CallPacer p = CallPacer.builder("aws", "aws-ec2", time::get, d -> {
      slept.add(d);
      time.set(time.get().plus(d));
    }).limit(permits, Duration.ofSeconds(1)).callDeadline(Duration.ofHours(1)).build();
    ProviderCallTelemetry none = ProviderCallTelemetry.create("aws", null, OpenTelemetry.noop());
    for (int i = 0; i < n; i++) {
      none.call("ec2", "us-east-1", "DescribeInstances", traced -> {
        p.acquire("DescribeInstances", p.deadline(), 0, null, traced);
        return "ok";
      });
    }
    int batches = (n + permits - 1) / permits;
    assertThat(slept).hasSize(batches - 1).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));
    assertThat(time.get()).isEqualTo(T0.plusSeconds(batches - 1));
  }

  @Test
  void acquire_countsPermitsOnTheInjectedClock_notTheWallClock() {
    CallPacer p = pacer(1, Duration.ofHours(1)).callDeadline(Duration.ofHours(2)).build();
    acquire(p);
    now.set(T0.plus(Duration.ofHours(1)));
    acquire(p);
    now.set(now.get().plus(Duration.ofMinutes(59)));
    acquire(p);
    assertThat(waits).containsExactly(Duration.ofMinutes(1));
    assertThat(rateLimited()).isZero();
  }

  @Test
  void acquire_permitPastTheDeadline_refusesAtOnceNamingLimitDeadlineAttemptsAndNextPermit() {
    CallPacer p = pacer(1, Duration.ofSeconds(1)).longestPermitWait(Duration.ofSeconds(30))
        .callDeadline(Duration.ofMillis(500)).build();
    acquire(p);
    IOException last = new IOException("connection reset");
    assertThatThrownBy(() -> acquire(p, 2, last))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.providerId()).isEqualTo("aws");
          assertThat(e.getCause()).isSameAs(last);
        })
        .hasMessage("provider 'aws': DescribeInstances: no permit of the local rate limit of 1 per PT1S before the"
            + " call deadline of PT0.5S after 2 failed attempt(s) (the next one in PT1S): connection reset");
    assertThat(waits).isEmpty();
    assertThat(now.get()).isEqualTo(T0);
    assertThat(rateLimited()).isEqualTo(1);
  }

  @Test
  void acquire_noPermitWithinTheLongestWait_addsTheNoteAndTheDescription() {
    CallPacer p = pacer(1, Duration.ofSeconds(1)).describedAs("of EC2 (1/s)")
        .longestPermitWait(Duration.ofMillis(200)).noPermitNote(" (none within PT0.2S)").build();
    acquire(p);
    assertThatThrownBy(() -> acquire(p))
        .isInstanceOf(ProviderException.class)
        .hasMessage("provider 'aws': DescribeInstances: no permit of the local rate limit of EC2 (1/s) before the"
            + " call deadline of PT2M (none within PT0.2S)");
    assertThat(waits).isEmpty();
  }

  @Test
  void awaitRetry_waitsTheLongerOfBackoffAndServerDelay() {
    CallPacer p = pacer(10, Duration.ofSeconds(1)).build();
    IOException cause = new IOException("throttled");
    p.awaitRetry("GetProducts", "failed", Duration.ofMillis(200), Duration.ZERO, p.deadline(), cause);
    p.awaitRetry("GetProducts", "failed", Duration.ofMillis(200), Duration.ofSeconds(7), p.deadline(), cause);
    p.awaitRetry("GetProducts", "failed", Duration.ofSeconds(3), Duration.ofSeconds(1), p.deadline(), cause);
    assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofSeconds(7), Duration.ofSeconds(3));
  }

  @Test
  void awaitRetry_pastTheDeadline_failsAtOnceNamingTheServersDelayAndTheDeadline() {
    CallPacer p = pacer(10, Duration.ofSeconds(1)).callDeadline(Duration.ofSeconds(30)).build();
    Instant deadline = p.deadline();
    IOException cause = new IOException("Rate exceeded");
    assertThatThrownBy(() -> p.awaitRetry("GetProducts", "failed (throttled) after 1 attempt",
        Duration.ofMillis(200), Duration.ofMinutes(10), deadline, cause))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getCause()).isSameAs(cause))
        .hasMessage("provider 'aws': GetProducts failed (throttled) after 1 attempt; the next attempt in PT10M (the"
            + " delay the server asked for) would pass the call deadline of PT30S: Rate exceeded");
    assertThatThrownBy(() -> p.awaitRetry("GetProducts", "failed (throttled) after 1 attempt",
        Duration.ofSeconds(31), Duration.ZERO, deadline, cause))
        .hasMessageContaining("after 1 attempt; the next attempt in PT31S would pass the call deadline of PT30S");
    assertThat(waits).isEmpty();
  }

  @Test
  void waits_interrupted_failTypedAndKeepTheInterruptFlag() {
    CallPacer p = CallPacer.builder("gcp", "gcp-bigquery", clock, d -> {
      throw new InterruptedException();
    }).limit(1, Duration.ofSeconds(1)).build();
    try {
      assertThatThrownBy(() -> p.awaitRetry("jobs.query", "failed", Duration.ofSeconds(1), Duration.ZERO,
          p.deadline(), new IOException("x")))
          .isInstanceOf(ProviderException.class)
          .hasMessage("provider 'gcp': jobs.query: interrupted while waiting PT1S");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates() {
    assertThat(CallPacer.retryAfter("120", T0)).contains(Duration.ofMinutes(2));
    assertThat(CallPacer.retryAfter(" 0 ", T0)).contains(Duration.ZERO);
    assertThat(CallPacer.retryAfter("Mon, 02 Mar 2026 10:00:05 GMT", T0)).contains(Duration.ofSeconds(5));
    assertThat(CallPacer.retryAfter("Mon, 02 Mar 2026 09:00:00 GMT", T0)).as("a past date").contains(Duration.ZERO);
    assertThat(CallPacer.retryAfter("soon", T0)).isEmpty();
    assertThat(CallPacer.retryAfter("-5", T0)).isEmpty();
    assertThat(CallPacer.retryAfter("99999999999999999999", T0)).isEmpty();
  }

  @Test
  void builder_rejectsBadValuesNamingFieldAndValue() {
    assertThatThrownBy(() -> CallPacer.builder("aws", "x", clock, d -> { }).limit(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("limit.permits must be >= 1, got 0");
    assertThatThrownBy(() -> CallPacer.builder("aws", "x", clock, d -> { }).callDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("callDeadline must be positive, got PT0S");
    assertThatThrownBy(() -> CallPacer.builder("aws", "x", clock, d -> { }).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("limit(permits, period) is required");
  }

  @Test
  void epochNanos_isTheInstantInNanoseconds() {
    assertThat(CallPacer.epochNanos(Instant.ofEpochSecond(3, 7))).isEqualTo(3_000_000_007L);
  }
}
