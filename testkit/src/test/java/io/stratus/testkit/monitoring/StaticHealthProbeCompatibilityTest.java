package io.stratus.testkit.monitoring;

import io.stratus.monitoring.spi.HealthProbe;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the kit against a minimal probe, so the kit itself is exercised in this build.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class StaticHealthProbeCompatibilityTest extends HealthProbeCompatibilityKit {
  @Override
  protected HealthProbe createProbe() {
    List<HealthTarget> targets = List.of(HealthTarget.region("aws:eu-west-1"), HealthTarget.provider("aws"));
    return new HealthProbe() {
      @Override
      public String id() {
        return "static";
      }

      @Override
      public List<HealthTarget> targets() {
        return targets;
      }

      @Override
      public ProbeResult probe(HealthTarget target) {
        if (!targets.contains(target)) {
          throw new IllegalArgumentException("target must be one of " + targets + ", got " + target);
        }
        return new ProbeResult(target, ProbeResult.Outcome.UP, Duration.ofMillis(1), Instant.EPOCH, "");
      }
    };
  }
}
