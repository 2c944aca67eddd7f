package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.Watermark;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureBillingSourceTest {
  private final Stubs stubs = new Stubs();

  @AfterEach
  void stop() {
    stubs.stop();
  }

  private static BigDecimal billed(List<CostRecord> records) {
    return records.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void costQuery_readsEveryPageThroughTheFinopsAzureReader() {
    AzureBillingSourceCompatibilityTest.costQuery(stubs);
    AzureBillingSource source = AzureBillingSource.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION)
        .billingMonths(2).build());
    BillingPeriod sep = BillingPeriod.of(YearMonth.of(2024, 9));
    assertThat(source.billingPeriods(Instant.parse("2024-10-15T00:00:00Z")))
        .containsExactly(sep, BillingPeriod.of(YearMonth.of(2024, 10)));
    BillingBatch batch = source.fetch(sep, Watermark.INITIAL);
    assertThat(batch.mode()).isEqualTo(BillingBatch.Mode.REPLACE_PERIOD);
    assertThat(batch.records()).hasSize(5);
    assertThat(billed(batch.records())).isEqualByComparingTo("12.46604");
    assertThat(batch.records()).anySatisfy(r -> assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.PURCHASE));
    assertThat(batch.records()).allSatisfy(r -> assertThat(r.billingCurrency().getCurrencyCode()).isEqualTo("USD"));
    assertThat(source.fetch(sep, batch.watermark()).records()).isEmpty();
  }

  @Test
  void costQuery_throttled_honoursCostManagementRetryAfterHeader() {
    AzureBillingSourceCompatibilityTest.costQuery(stubs);
    stubs.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        urlPathEqualTo(AzureBillingSourceCompatibilityTest.QUERY)).atPriority(0)
        .inScenario("qpu").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(429)
            .withHeader("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "11")
            .withHeader("x-ms-ratelimit-microsoft.costmanagement-qpu-remaining", "QueryResource=0"))
        .willSetStateTo("done"));
    AzureBillingSource source = AzureBillingSource.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION)
        .build());
    BillingBatch batch = source.fetch(BillingPeriod.of(YearMonth.of(2024, 9)), Watermark.INITIAL);
    assertThat(batch.records()).hasSize(5);
    assertThat(stubs.sleeps).hasSize(1);
    assertThat(stubs.sleeps.get(0)).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(11));
  }

  private static final String LIST = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
      + "<EnumerationResults ServiceEndpoint=\"%s/\" ContainerName=\"exports\"><Prefix>costs/</Prefix><Blobs>"
      + blob("costs/daily/20230901-20230930/run-a/part_0_0001.csv", "Mon, 02 Oct 2023 10:00:00 GMT", "0x1")
      + blob("costs/daily/20230901-20230930/run-b/part_0_0001.csv", "Tue, 03 Oct 2023 10:00:00 GMT", "0x2")
      + blob("costs/daily/20230901-20230930/run-b/manifest.json", "Tue, 03 Oct 2023 10:00:00 GMT", "0x3")
      + "</Blobs><NextMarker /></EnumerationResults>";

  private static String blob(String name, String modified, String etag) {
    return "<Blob><Name>" + name + "</Name><Properties><Last-Modified>" + modified + "</Last-Modified><Etag>" + etag
        + "</Etag><Content-Length>100</Content-Length><Content-Type>text/csv</Content-Type>"
        + "<BlobType>BlockBlob</BlobType></Properties></Blob>";
  }

  @Test
  void exports_readOnlyTheNewestRunOfEachPeriodWithTheFinopsReader() {
    String csv = Stubs.resource("EA_ActualCost_Small.csv");
    stubs.server.stubFor(get(urlPathEqualTo("/devstoreaccount1/exports")).withQueryParam("comp", equalTo("list"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
            .withBody(String.format(LIST, "http://127.0.0.1:" + stubs.server.port() + "/devstoreaccount1"))));
    for (String run : List.of("run-a", "run-b")) {
      // the SDK may percent-encode the slashes of the blob name
      stubs.server.stubFor(get(urlPathMatching("/devstoreaccount1/exports/costs.*" + run + ".*part_0_0001\\.csv"))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv")
              .withHeader("x-ms-blob-type", "BlockBlob").withHeader("ETag", "\"0x2\"")
              .withHeader("Content-Length", String.valueOf(csv.getBytes(StandardCharsets.UTF_8).length))
              .withHeader("Last-Modified", "Tue, 03 Oct 2023 10:00:00 GMT").withBody(csv)));
    }
    AzureBillingSource source = AzureBillingSource.create(stubs.config()
        // an IP-style URL, as Azurite serves: account in the path
        .exportContainer(URI.create("http://127.0.0.1:" + stubs.server.port() + "/devstoreaccount1/exports")).exportPrefix("costs/").build());
    BillingPeriod sep = BillingPeriod.of(YearMonth.of(2023, 9));
    assertThat(source.billingPeriods(Instant.parse("2023-10-15T00:00:00Z"))).containsExactly(sep);
    BillingBatch batch = source.fetch(sep, Watermark.INITIAL);
    List<CostRecord> direct = new ArrayList<>();
    BillingReaders.azure().read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "x.csv",
        direct::add);
    assertThat(batch.records()).hasSize(direct.size()).isNotEmpty();
    assertThat(billed(batch.records())).isEqualByComparingTo(billed(direct));
    stubs.server.verify(0, getRequestedFor(urlPathMatching("/devstoreaccount1/exports/costs.*run-a.*")));
    stubs.server.verify(1, getRequestedFor(urlPathMatching("/devstoreaccount1/exports/costs.*run-b.*part_0_0001\\.csv")));
    assertThat(source.fetch(sep, batch.watermark()).records()).isEmpty();
  }
}
