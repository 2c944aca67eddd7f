package io.stratus.adapters.aws;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The pricing compatibility kit against Price List and spot price stubs (two regions, paged answers). */
class AwsPricingProviderCompatibilityTest extends PricingProviderCompatibilityKit {
  private static AwsStubs stubs;
  private final List<AwsAdapter> adapters = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    stubs = new AwsStubs();
    stubs.stubPrices();
    stubs.stubSpot();
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
  protected PricingProvider createProvider() {
    AwsAdapter a = stubs.adapter().coveredRegions(List.of("us-east-1", "eu-central-1")).build();
    adapters.add(a);
    return a.pricingProvider();
  }
}
