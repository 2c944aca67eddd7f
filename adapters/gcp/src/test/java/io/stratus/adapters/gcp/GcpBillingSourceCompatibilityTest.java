package io.stratus.adapters.gcp;

import io.stratus.finops.spi.BillingSource;
import io.stratus.testkit.finops.BillingSourceCompatibilityKit;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The billing-source contract against a stubbed BigQuery billing export. */
class GcpBillingSourceCompatibilityTest extends BillingSourceCompatibilityKit {
  private static TestCloud cloud;
  private static final List<GcpAdapter> ADAPTERS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    cloud = TestCloud.shared();
    BillingFixtures.stub(cloud);
  }

  @AfterAll
  static void stop() {
    ADAPTERS.forEach(GcpAdapter::close);
  }

  @Override
  protected BillingSource createSource() {
    GcpAdapter a = cloud.builder().billingExportTable(BillingFixtures.TABLE).build();
    ADAPTERS.add(a);
    return a.billingSource();
  }

  @Override
  protected Instant asOf() {
    return BillingFixtures.AS_OF;
  }
}
