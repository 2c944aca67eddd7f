package io.stratus.testkit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.HealthProbe;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.ProbeResult;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link HealthProbe} must meet. Extend it in a test class and provide a probe with at least one
 * target.
 *
 * <p>Not thread-safe (one instance per test).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class HealthProbeCompatibilityKit {
  private HealthProbe probe;

  /**
   * Creates the probe under test.
   *
   * @return a probe with at least one target; never null
   */
  protected abstract HealthProbe createProbe();

  @BeforeEach
  void createUnderTest() {
    probe = createProbe();
    assertThat(probe).as("createProbe()").isNotNull();
  }

  @Test
  void id_isNotBlank() {
    assertThat(probe.id()).isNotBlank();
  }

  @Test
  void targets_areNonEmptyAndImmutable() {
    List<HealthTarget> targets = probe.targets();
    assertThat(targets).isNotEmpty().doesNotContainNull().doesNotHaveDuplicates();
    assertThatThrownBy(() -> targets.add(HealthTarget.resource("x"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void probe_everyTarget_returnsResultForThatTarget() {
    for (HealthTarget t : probe.targets()) {
      ProbeResult r = probe.probe(t);
      assertThat(r).as("probe(%s)", t).isNotNull();
      assertThat(r.target()).isEqualTo(t);
    }
  }

  @Test
  void probe_unknownTarget_isRejected() {
    HealthTarget unknown = HealthTarget.resource("no-such-target-" + System.identityHashCode(this));
    assertThatThrownBy(() -> probe.probe(unknown)).isInstanceOf(IllegalArgumentException.class);
  }
}
