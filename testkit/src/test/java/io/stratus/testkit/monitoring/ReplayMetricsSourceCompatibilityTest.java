package io.stratus.testkit.monitoring;

import io.stratus.monitoring.collect.ReplayMetricsSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the compatibility kit against this implementation.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class ReplayMetricsSourceCompatibilityTest extends MetricsSourceCompatibilityKit {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  protected MetricsSource createSource() {
    List<RawSample> samples = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      samples.add(RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of("InstanceId", "i-1"),
          START.toEpochMilli() + i * 60_000L, i % 100));
    }
    return ReplayMetricsSource.of("replay", "aws", samples);
  }

  @Override
  protected Instant windowStart() {
    return START;
  }

  @Override
  protected Instant windowEnd() {
    return START.plusSeconds(7200);
  }
}
