package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stratus.ProviderException;
import io.stratus.finops.focus.CostRecord;
import java.time.Instant;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.Watermark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpBillingSourceTest {
  private static TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeAll
  static void startCloud() {
    cloud = TestCloud.shared();
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
    // invoice months in America/Los_Angeles, as the FinOps GCP mapping has them
    assertThat(periods).containsExactly(
        new BillingPeriod(Instant.parse("2026-06-01T07:00:00Z"), Instant.parse("2026-07-01T07:00:00Z")),
        new BillingPeriod(Instant.parse("2026-07-01T07:00:00Z"), Instant.parse("2026-08-01T07:00:00Z")));
    BillingBatch july = s.fetch(periods.get(1), Watermark.INITIAL);
    assertThat(july.mode()).isEqualTo(BillingBatch.Mode.UPSERT);
    assertThat(july.records()).hasSize(5);
    CostRecord third = july.records().get(2);
    assertThat(third.billedCost()).isEqualByComparingTo("0.126444");
    assertThat(third.effectiveCost()).isEqualByComparingTo("0.101444");
    assertThat(third.serviceName()).isEqualTo("Compute Engine");
    assertThat(third.regionId()).isEqualTo("us-central1");
    assertThat(third.subAccountId()).isEqualTo(TestCloud.PROJECT);
    assertThat(third.tags()).containsEntry("team", "data");
    assertThat(third.chargePeriodStart()).isEqualTo(Instant.parse("2026-07-03T00:00:00Z"));
    // the watermark is the newest export_time, in microseconds
    assertThat(july.watermark().token()).isEqualTo(
        Long.toString(Instant.parse("2026-07-05T06:00:00.123456Z").toEpochMilli() * 1000 + 456));
    cloud.rest.verify(postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES))
        .withRequestBody(containing("`" + BillingFixtures.TABLE + "`")));
  }

  @Test
  void fetch_sinceAWatermark_asksOnlyForLaterExports() {
    GcpBillingSource s = source();
    BillingPeriod july = s.billingPeriods(BillingFixtures.AS_OF).get(1);
    BillingBatch next = s.fetch(july, Watermark.of("1785996000123456"));
    assertThat(next.records()).isEmpty();
    assertThat(next.watermark().token()).isEqualTo("1785996000123456");
    cloud.rest.verify(postRequestedFor(urlPathEqualTo(BillingFixtures.QUERIES))
        .withRequestBody(containing("export_time > TIMESTAMP_MICROS(@since)"))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'since')].parameterValue.value",
            equalTo("1785996000123456"))));
  }

  @Test
  void throttling_isRetried() {
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1).inScenario("throttle")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":429,\"message\":\"Exceeded rate limits\",\"errors\":[{\"reason\":"
                + "\"rateLimitExceeded\",\"domain\":\"usageLimits\"}],\"status\":\"RESOURCE_EXHAUSTED\"}}")));
    assertThat(source().billingPeriods(BillingFixtures.AS_OF)).hasSize(2);
    assertThat(cloud.sleeps).hasSize(1);
  }

  @Test
  void badInput_isRejectedNamingTheRule() {
    GcpBillingSource s = source();
    assertThatThrownBy(() -> s.fetch(BillingPeriod.of(java.time.YearMonth.of(2026, 7)), Watermark.INITIAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("America/Los_Angeles");
    BillingPeriod july = s.billingPeriods(BillingFixtures.AS_OF).get(1);
    assertThatThrownBy(() -> s.fetch(july, Watermark.of("yesterday")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("since.token");
    assertThatThrownBy(() -> GcpAdapter.builder().billingExportTable("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project.dataset.table");
  }

  @Test
  void aMalformedInvoiceMonth_failsNamingFieldAndValue() {
    cloud.rest.stubFor(post(urlPathEqualTo(BillingFixtures.QUERIES)).atPriority(1)
        .withRequestBody(containing("SELECT DISTINCT invoice.month"))
        .willReturn(BillingFixtures.json(BillingFixtures.response(List.of(java.util.Map.of("month", "2026-7")),
            BillingFixtures.monthSchema(), "job_bad", null).toString())));
    GcpBillingSource s = source();
    assertThatThrownBy(() -> s.billingPeriods(BillingFixtures.AS_OF)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("invoice.month = '2026-7'");
  }

  @Test
  void withoutATable_theAdapterSaysHowToConfigureIt() {
    GcpAdapter a = cloud.adapter();
    adapters.add(a);
    assertThatThrownBy(a::billingSource).isInstanceOf(io.stratus.InvalidConfigurationException.class)
        .hasMessageContaining("billingExportTable");
  }
}
