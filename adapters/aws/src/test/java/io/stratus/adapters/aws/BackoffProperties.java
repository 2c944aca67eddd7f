package io.stratus.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.testkit.ControllableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The retry policy's invariants, for any policy: attempts are bounded and every wait stays in its jittered band. At
 * most 5 attempts: the circuit breaker judges a service after 5 calls, and 5 straight failures open it (tested apart).
 */
class BackoffProperties {
  @Property(tries = 100)
  void throttledCall_makesMaxAttempts_andEveryWaitLiesInItsJitterBand(
      @ForAll @IntRange(min = 1, max = 5) int attempts,
      @ForAll @IntRange(min = 1, max = 500) int initialMillis,
      @ForAll @DoubleRange(min = 1, max = 3) double multiplier,
      @ForAll @DoubleRange(min = 0, max = 0.99) double jitter) {
    List<Duration> waits = new ArrayList<>();
    ControllableClock clock = ControllableClock.at(Instant.EPOCH);
    Duration max = Duration.ofMillis(initialMillis * 20L);
    AwsResilience policy = AwsResilience.builder().maxAttempts(attempts)
        .backoff(Duration.ofMillis(initialMillis), multiplier, max, jitter).sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        }).build();
    Calls calls = new Calls("aws", policy, clock,
        ProviderCallTelemetry.create("aws", null, OpenTelemetry.noop()));
    int[] made = {0};

    try {
      calls.call(AwsService.EC2, "us-east-1", "DescribeInstances", () -> {
        made[0]++;
        throw AwsServiceException.builder().statusCode(503).awsErrorDetails(AwsErrorDetails.builder()
            .errorCode("RequestLimitExceeded").build()).build();
      });
    } catch (ProviderException expected) {
      assertThat(expected.getMessage()).contains("after " + attempts + " attempt");
    }

    assertThat(made[0]).isEqualTo(attempts);
    assertThat(waits).hasSize(attempts - 1);
    // Resilience4j grows the backoff in whole milliseconds: each step is (long) (previous * multiplier), capped
    long base = initialMillis;
    for (int i = 0; i < waits.size(); i++) {
      if (i > 0) {
        base = (long) Math.min(base * multiplier, max.toMillis());
      }
      assertThat((double) waits.get(i).toMillis()).isBetween(Math.floor(base * (1 - jitter)) - 1,
          Math.ceil(base * (1 + jitter)) + 1);
    }
  }
}
