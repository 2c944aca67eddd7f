package io.stratus.adapters.gcp;

import io.stratus.spi.InventoryProvider;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inventory contract against the stubbed Compute Engine and Cloud Billing Catalog. */
class GcpInventoryProviderCompatibilityTest extends InventoryProviderCompatibilityKit {
  private static TestCloud cloud;
  private static final List<GcpAdapter> ADAPTERS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    cloud = TestCloud.shared();
    InventoryFixtures.stubPriced(cloud);
  }

  @AfterAll
  static void stop() {
    ADAPTERS.forEach(GcpAdapter::close);
  }

  @Override
  protected InventoryProvider createProvider() {
    GcpAdapter a = cloud.adapter();
    ADAPTERS.add(a);
    return a.inventoryProvider();
  }
}
