package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.Watermark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpBillingSourceTest {
  private static TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeAll
  static void startCloud() {
    cloud = new TestCloud();
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  @BeforeEach
  void start() {
    cloud.reset();
    BillingFixtures.stub(cloud);
  }

  @AfterEach
  void stop() {
    adapters.forEach(GcpAdapter::close);
    adapters.clear();
  }

  private GcpBillingSource source() {
    GcpAdapter a = cloud.builder().billingExportTable(BillingFixtures.TABLE).build();
    adapters.add(a);
    return a.billingSource();
  }

  @Test
  void fetch_readsEveryPageThroughTheFinopsGcpMapping() {
    GcpBillingSource s = source();
    List<BillingPeriod> periods = s.billingPeriods(BillingFixtures.AS_OF);
    assertThat(periods).hasSize(2);
    BillingBatch july = s.fetch(periods.get(1), Watermark.INITIAL);
    assertThat(july.records()).hasSize(5);
  }
}
