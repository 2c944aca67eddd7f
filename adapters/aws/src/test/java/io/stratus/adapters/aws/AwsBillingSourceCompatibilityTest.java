package io.stratus.adapters.aws;

import io.stratus.finops.spi.BillingSource;
import io.stratus.testkit.finops.BillingSourceCompatibilityKit;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The billing compatibility kit against GetCostAndUsage stubs (two pages of daily groups per month). */
class AwsBillingSourceCompatibilityTest extends BillingSourceCompatibilityKit {
  private static AwsStubs stubs;
  private final List<AwsAdapter> adapters = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    stubs = new AwsStubs();
    CostExplorerStubs.stubTwoMonths(stubs);
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
  protected BillingSource createSource() {
    AwsAdapter a = stubs.adapter().billingLookbackMonths(1).build();
    adapters.add(a);
    return a.costExplorerBillingSource();
  }

  @Override
  protected Instant asOf() {
    return AwsStubs.NOW;
  }
}
