package io.stratus.adapters.gcp;

import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The metrics-source contract against the stubbed Cloud Monitoring. */
class GcpMetricsSourceCompatibilityTest extends MetricsSourceCompatibilityKit {
  private static TestCloud cloud;
  private static final List<GcpAdapter> ADAPTERS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    cloud = TestCloud.shared();
  }

  @AfterAll
  static void stop() {
    ADAPTERS.forEach(GcpAdapter::close);
  }

  @Override
  protected MetricsSource createSource() {
    GcpAdapter a = cloud.adapter();
    ADAPTERS.add(a);
    return a.metricsSource();
  }

  @Override
  protected Instant windowStart() {
    return MetricsFixtures.START;
  }

  @Override
  protected Instant windowEnd() {
    return MetricsFixtures.END;
  }
}
