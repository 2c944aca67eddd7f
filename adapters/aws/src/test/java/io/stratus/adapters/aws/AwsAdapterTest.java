package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stratus.InvalidConfigurationException;
import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import io.stratus.model.Architecture;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PriceUnavailableException;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import io.stratus.testkit.ControllableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each SPI reads from the stubs, caching, batching, CUR files, set-up errors and secrets. */
class AwsAdapterTest {
  private AwsStubs stubs;
  private AwsAdapter adapter;

  @BeforeEach
  void start() {
    stubs = new AwsStubs();
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.close();
    }
    stubs.stop();
  }

  private int requests(String containing) {
    return (int) stubs.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
        .filter(r -> r.getBodyAsString().contains(containing) || containing.equals(r.getHeader("X-Amz-Target")))
        .count();
  }

  @Test
  void offers_followNextToken_parseTheRealRecord_andAreCachedUntilTheTtl() {
    stubs.stubPrices();
    stubs.stubSpot();
    ControllableClock clock = stubs.clock;
    adapter = stubs.adapter().priceTtl(Duration.ofHours(24), Duration.ofMinutes(15)).build();
    PricingProvider pricing = adapter.pricingProvider();

    List<Offer> offers = pricing.offers(OfferQuery.all());

    assertThat(offers).filteredOn(o -> o.purchaseOption() == PurchaseOption.ON_DEMAND)
        .extracting(o -> o.instanceType().name()).containsExactlyInAnyOrder("m5.large", "m5.xlarge", "c5.large",
            "m6g.large");
    Offer m5 = offers.stream().filter(o -> o.id().equals("aws:us-east-1:m5.large:ON_DEMAND")).findFirst()
        .orElseThrow();
    assertThat(m5.hourlyPrice().amount()).isEqualByComparingTo("0.096");
    assertThat(m5.instanceType().vcpus()).isEqualTo(2);
    assertThat(m5.instanceType().memoryGib()).isEqualTo(8);
    assertThat(m5.instanceType().networkGbps()).isEqualTo(10);
    assertThat(m5.observedAt()).isEqualTo(AwsStubs.NOW);
    assertThat(offers).filteredOn(o -> o.instanceType().name().equals("m6g.large")).allSatisfy(
        o -> assertThat(o.instanceType().architecture()).isEqualTo(Architecture.ARM64));
    // spot: the second page brings c5.large (lowest zone: 0.029)
    assertThat(offers).filteredOn(o -> o.purchaseOption() == PurchaseOption.SPOT)
        .extracting(o -> o.instanceType().name() + "=" + o.hourlyPrice().amount().toPlainString())
        .containsExactlyInAnyOrder("m5.large=0.038100", "c5.large=0.029000");
    assertThat(requests("AWSPriceListService.GetProducts")).isEqualTo(2);
    assertThat(requests("Action=DescribeSpotPriceHistory")).isEqualTo(2);

    pricing.offers(OfferQuery.all());
    assertThat(requests("AWSPriceListService.GetProducts")).as("cached").isEqualTo(2);
    clock.advance(Duration.ofMinutes(16));
    pricing.offers(OfferQuery.all());
    assertThat(requests("AWSPriceListService.GetProducts")).as("on-demand still cached").isEqualTo(2);
    assertThat(requests("Action=DescribeSpotPriceHistory")).as("spot expired").isEqualTo(4);
    clock.advance(Duration.ofHours(24));
    pricing.offers(OfferQuery.all());
    assertThat(requests("AWSPriceListService.GetProducts")).as("on-demand expired").isEqualTo(4);
  }

  @Test
  void runningVms_mapTypeRegionZoneTagsAndPrice() {
    stubs.stubPrices();
    stubs.stubSpot();
    stubs.stubInstances();
    adapter = stubs.adapter().build();

    List<VirtualMachine> vms = adapter.inventoryProvider().runningVms();

    assertThat(vms).extracting(VirtualMachine::id).containsExactly("i-0000000000000001", "i-0000000000000002",
        "i-0000000000000003");
    VirtualMachine web = vms.get(0);
    assertThat(web.instanceType().name()).isEqualTo("m5.large");
    assertThat(web.region().id()).isEqualTo("aws:us-east-1");
    assertThat(web.zone()).isEqualTo("us-east-1a");
    assertThat(web.labels()).containsEntry("team", "web").containsEntry("env", "prod");
    assertThat(web.hourlyPrice().amount()).isEqualByComparingTo("0.096");
    VirtualMachine spot = vms.get(2);
    assertThat(spot.purchaseOption()).isEqualTo(PurchaseOption.SPOT);
    assertThat(spot.hourlyPrice().amount()).isEqualByComparingTo("0.029");
  }

  @Test
  void runningVms_unpricedType_throwsPriceUnavailableWithThePricedRest() {
    stubs.stubPrices();
    stubs.stubSpot();
    stubs.server.stubFor(AwsStubs.ec2("DescribeInstances").willReturn(AwsStubs.xml(AwsStubs.instancesResponse(
        List.of(AwsStubs.instance("i-0000000000000001", "m5.large", "us-east-1a", null, Map.of()),
            AwsStubs.instance("i-0000000000000009", "x2iedn.32xlarge", "us-east-1a", null, Map.of())), null))));
    adapter = stubs.adapter().build();

    assertThatThrownBy(() -> adapter.inventoryProvider().runningVms())
        .isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
          assertThat(e.providerId()).isEqualTo("aws");
          assertThat(e.unpriced()).containsOnlyKeys("i-0000000000000009");
          assertThat(e.unpriced().get("i-0000000000000009")).contains("ON_DEMAND").contains("x2iedn.32xlarge")
              .contains("aws:us-east-1");
          assertThat(e.pricedVms()).extracting(VirtualMachine::id).containsExactly("i-0000000000000001");
          assertThat(e.pricedVms().get(0).hourlyPrice().amount()).isEqualByComparingTo("0.096");
        });
  }

  @Test
  void runningVms_spotInstanceWithoutSpotPrice_isUnpricedNotGivenTheOnDemandPrice() {
    stubs.stubPrices();
    stubs.stubInstances();
    adapter = stubs.adapter().spotPrices(false).build();

    assertThatThrownBy(() -> adapter.inventoryProvider().runningVms())
        .isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
          assertThat(e.unpriced()).containsOnlyKeys("i-0000000000000003");
          assertThat(e.unpriced().get("i-0000000000000003")).contains("no SPOT price");
          assertThat(e.pricedVms()).extracting(VirtualMachine::id)
              .containsExactly("i-0000000000000001", "i-0000000000000002");
        });
  }

  @Test
  void metrics_batchAtMost500QueriesPerRequest_andTurnSumsIntoRates() {
    List<AwsMetricQuery> queries = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      queries.add(AwsMetricQuery.ec2NetworkIn("us-east-1", "i-" + i));
    }
    Instant t = Instant.parse("2021-02-09T10:00:00Z");
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").willReturn(AwsStubs.xml(AwsStubs.metricResponse(List.of(
        AwsStubs.metricResult("q0", "NetworkIn", List.of(t.toString(), t.plusSeconds(3600).toString()),
            List.of(3000.0, 6000.0))), null))));
    adapter = stubs.adapter().metricQueries(queries).build();
    MetricsSource source = adapter.metricsSource();

    List<RawSample> samples = source.fetch(t, t.plusSeconds(600));

    assertThat(requests("Action=GetMetricData")).isEqualTo(2);
    // one in-window point per request (q0 of each batch); 3000 bytes over 300 s = 10 B/s; the point at +1 h is
    // outside the window and dropped
    assertThat(samples).hasSize(2).allSatisfy(s -> {
      assertThat(s.value()).isEqualTo(10.0);
      assertThat(s.unit()).isEqualTo(Unit.BYTES_PER_SECOND);
      assertThat(s.labels()).containsEntry("region", "us-east-1");
    });
    assertThat(samples).extracting(RawSample::resource).containsExactlyInAnyOrder("i-0", "i-500");
  }

  @Test
  void metrics_aRepeatedNextToken_failsInsteadOfPagingForever() {
    String body = AwsStubs.metricResponse(List.of(), "page-2");
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").inScenario("paging").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(AwsStubs.xml(body)).willSetStateTo("again"));
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").inScenario("paging").whenScenarioStateIs("again")
        .willReturn(AwsStubs.xml(body)).willSetStateTo("done"));
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").inScenario("paging").whenScenarioStateIs("done")
        .willReturn(AwsStubs.xml(AwsStubs.metricResponse(List.of(), null))));
    adapter = stubs.adapter().metricQueries(List.of(AwsMetricQuery.ec2Cpu("us-east-1", "i-1"))).build();
    Instant t = Instant.parse("2021-02-09T10:00:00Z");

    assertThatThrownBy(() -> adapter.metricsSource().fetch(t, t.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("GetMetricData us-east-1")
        .hasMessageContaining("next-page token repeats");
    assertThat(requests("Action=GetMetricData")).isEqualTo(2);
  }

  @Test
  void metrics_resultWithInternalError_failsInsteadOfReturningPartialData() {
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").willReturn(AwsStubs.xml(AwsStubs.metricResponse(List.of(
        AwsStubs.metricResult("q0", "CPUUtilization", List.of(), List.of()).replace("Complete", "InternalError")),
        null))));
    adapter = stubs.adapter().metricQueries(List.of(AwsMetricQuery.ec2Cpu("us-east-1", "i-1"))).build();
    Instant t = Instant.parse("2021-02-09T10:00:00Z");

    assertThatThrownBy(() -> adapter.metricsSource().fetch(t, t.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("InternalError");
  }

  @Test
  void costExplorer_pagesAndMapsGroupsToFocusRecords() {
    CostExplorerStubs.stubTwoMonths(stubs);
    adapter = stubs.adapter().billingLookbackMonths(1).build();
    BillingSource source = adapter.costExplorerBillingSource();

    assertThat(source.billingPeriods(AwsStubs.NOW)).containsExactly(BillingPeriod.of(YearMonth.of(2021, 1)),
        BillingPeriod.of(YearMonth.of(2021, 2)));
    BillingBatch jan = source.fetch(BillingPeriod.of(YearMonth.of(2021, 1)), Watermark.INITIAL);

    assertThat(jan.mode()).isEqualTo(BillingBatch.Mode.REPLACE_PERIOD);
    assertThat(jan.records()).hasSize(4);
    CostRecord first = jan.records().get(0);
    assertThat(first.serviceName()).isEqualTo("Amazon Elastic Compute Cloud - Compute");
    assertThat(first.regionId()).isEqualTo("us-east-1");
    assertThat(first.billedCost()).isEqualByComparingTo("12.3456");
    assertThat(first.effectiveCost()).isEqualByComparingTo("11.0000");
    assertThat(jan.records().stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("25.2956");
    assertThat(jan.records().get(3).regionId()).as("NoRegion is no region").isNull();
  }

  @Test
  void cur_readsOnlyTheFilesOfTheNewestManifest() throws IOException {
    String prefix = "cur/stratus/20231101-20231201/";
    byte[] data = gzip(AwsStubs.resource("cur-legacy-20.csv"));
    stubs.server.stubFor(AwsStubs.s3List("billing").willReturn(AwsStubs.xml(
        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>billing</Name><Prefix>cur/</Prefix>"
            + "<KeyCount>4</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
            + object(prefix + "stratus-Manifest.json", "2023-11-20T00:00:00.000Z", 100)
            + object(prefix + "old-assembly/stratus-1.csv.gz", "2023-11-10T00:00:00.000Z", data.length)
            + object(prefix + "new-assembly/stratus-1.csv.gz", "2023-11-20T00:00:00.000Z", data.length)
            + object(prefix + "new-assembly/stratus-RedshiftCommands.sql", "2023-11-20T00:00:00.000Z", 10)
            + "</ListBucketResult>")));
    stubs.server.stubFor(AwsStubs.s3Get("billing", prefix + "stratus-Manifest.json").willReturn(AwsStubs.json(
        "{\"assemblyId\":\"new-assembly\",\"reportKeys\":[\"" + prefix + "new-assembly/stratus-1.csv.gz\"]}")));
    stubs.server.stubFor(AwsStubs.s3Get("billing", prefix + "new-assembly/stratus-1.csv.gz").willReturn(
        com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200).withBody(data)));
    adapter = stubs.adapter().curExport("billing", "cur/").build();
    BillingSource cur = adapter.curBillingSource();

    List<BillingPeriod> periods = cur.billingPeriods(Instant.parse("2024-01-01T00:00:00Z"));
    BillingBatch batch = cur.fetch(periods.get(0), Watermark.INITIAL);

    assertThat(cur.id()).isEqualTo("aws-cur");
    assertThat(periods).containsExactly(BillingPeriod.of(YearMonth.of(2023, 11)));
    assertThat(batch.records()).hasSize(20);
    assertThat(cur.fetch(periods.get(0), batch.watermark()).records()).as("nothing changed").isEmpty();
    stubs.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(
        "/billing/" + prefix + "old-assembly/stratus-1.csv.gz")));
  }

  private static String object(String key, String modified, int size) {
    return "<Contents><Key>" + key + "</Key><LastModified>" + modified + "</LastModified><ETag>\"" + key.hashCode()
        + "\"</ETag><Size>" + size + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void unknownCoveredRegion_isAConfigurationError() {
    assertThatThrownBy(() -> stubs.adapter().coveredRegions(List.of("mars-north-1")).build())
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'mars-north-1'");
  }

  @Test
  void secrets_neverAppearInToStringErrorsOrLogs() throws IOException {
    stubs.server.stubFor(AwsStubs.pricing("us-east-1").willReturn(com.github.tomakehurst.wiremock.client.WireMock
        .aResponse().withStatus(403).withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"denied\"}")));
    adapter = stubs.adapter().spotPrices(false).build();

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
        () -> adapter.pricingProvider().offers(OfferQuery.all()));

    StringBuilder text = new StringBuilder(adapter.toString()).append(adapter.pricingProvider())
        .append(adapter.metricsSource()).append(adapter.inventoryProvider());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(t).append(t.getMessage());
    }
    assertThat(failure).isInstanceOf(ProviderException.class);
    assertThat(text.toString()).contains("StaticCredentialsProvider")
        .doesNotContain(AwsStubs.SECRET).doesNotContain(AwsStubs.SESSION_TOKEN);
    // the signed request carries the key id and the session token header, never the secret key
    stubs.server.findAll(postRequestedFor(urlPathEqualTo("/"))).forEach(r ->
        assertThat(r.toString()).doesNotContain(AwsStubs.SECRET));
    // the SDK's request log and the adapter's log, at debug, as this test JVM wrote them so far
    java.nio.file.Path log = java.nio.file.Path.of("target", "aws-tests.log");
    if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
      String logged = java.nio.file.Files.readString(log);
      assertThat(logged).contains("software.amazon.awssdk.request").doesNotContain(AwsStubs.SECRET)
          .doesNotContain(AwsStubs.SESSION_TOKEN);
    }
  }

  @Test
  void serviceLoader_findsTheAdapterCheaply_withoutCallingAws() {
    assertThat(ProviderRegistry.load(PricingProvider.class).require("aws")).isInstanceOf(AwsPricingProvider.class);
    assertThat(ProviderRegistry.load(InventoryProvider.class).require("aws"))
        .isInstanceOf(AwsInventoryProvider.class);
    assertThat(ProviderRegistry.load(BillingSource.class).require("aws")).isInstanceOf(AwsBillingSource.class);
    assertThat(ProviderRegistry.load(MetricsSource.class).require("aws")).isInstanceOf(AwsMetricsSource.class);
    assertThat(stubs.server.getAllServeEvents()).isEmpty();
  }
}
