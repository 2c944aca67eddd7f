package io.stratus.adapters.aws;

import io.stratus.spi.InventoryProvider;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The inventory compatibility kit against DescribeInstances and pricing stubs. */
class AwsInventoryProviderCompatibilityTest extends InventoryProviderCompatibilityKit {
  private static AwsStubs stubs;
  private final List<AwsAdapter> adapters = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    stubs = new AwsStubs();
    stubs.stubPrices();
    stubs.stubSpot();
    stubs.stubInstances();
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @AfterEach
  void closeAdapters() {
    adapters.forEach(AwsAdapter::close);
  }

  @Override
  protected InventoryProvider createProvider() {
    AwsAdapter a = stubs.adapter().build();
    adapters.add(a);
    return a.inventoryProvider();
  }
}
