package io.stratus.adapters.gcp;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pricing contract against the stubbed Cloud Billing Catalog and Compute Engine. */
class GcpPricingProviderCompatibilityTest extends PricingProviderCompatibilityKit {
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
  protected PricingProvider createProvider() {
    GcpAdapter a = cloud.adapter();
    ADAPTERS.add(a);
    return a.pricingProvider();
  }
}
