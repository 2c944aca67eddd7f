package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.ProviderException;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import io.stratus.testkit.ControllableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzurePricingProviderTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final Stubs stubs = new Stubs();

  @AfterEach
  void stop() {
    stubs.stop();
  }

  private Map<String, BigDecimal> prices(List<Offer> offers) {
    return offers.stream().collect(Collectors.toMap(Offer::id, o -> o.hourlyPrice().amount()));
  }

  @Test
  void offers_followPagingAndMapEveryPriceType() {
    stubs.retailPrices();
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().build());
    Map<String, BigDecimal> p = prices(provider.offers(OfferQuery.all()));
    assertThat(p).containsEntry("azure:eastus:Standard_D2s_v5:ON_DEMAND", new BigDecimal("0.096"))
        .containsEntry("azure:eastus:Standard_D2s_v5:SPOT", new BigDecimal("0.0192"))
        .containsEntry("azure:eastus:Standard_D2s_v5:COMMITMENT_1Y", new BigDecimal("0.0725"))
        .containsEntry("azure:eastus:Standard_D2s_v5:COMMITMENT_3Y", new BigDecimal("0.0494"))
        // page 2, reached through NextPageLink
        .containsEntry("azure:eastus:Standard_D4s_v5:ON_DEMAND", new BigDecimal("0.192"))
        .containsEntry("azure:eastus:Standard_E2s_v5:ON_DEMAND", new BigDecimal("0.126"))
        // the newer meter wins over the older "10 Hours" one
        .containsEntry("azure:westeurope:Standard_D4s_v5:ON_DEMAND", new BigDecimal("0.23"));
    // reservations: the term price over the term's hours
    assertThat(p.get("azure:eastus:Standard_D2s_v5:RESERVED_1Y")).isEqualByComparingTo("0.0602739726");
    assertThat(p.get("azure:eastus:Standard_D2s_v5:RESERVED_3Y").doubleValue()).isCloseTo(1051.0 / 26280, org.assertj.core.data.Offset.offset(1e-9));
    // Windows, Low Priority and sizes without known specs give no offer
    assertThat(p.keySet()).noneMatch(k -> k.contains("Standard_X9_v9"));
    assertThat(p).hasSize(10);
    Offer spot = provider.offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.SPOT))).get(0);
    assertThat(spot.interruptionRate()).isEqualTo(0.20);
  }

  @Test
  void offers_areCachedPerPriceTypeUntilItsTtlPasses() {
    stubs.retailPrices();
    ControllableClock clock = ControllableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().clock(clock)
        .consumptionPriceTtl(Duration.ofHours(1)).reservationPriceTtl(Duration.ofHours(24)).build());
    OfferQuery eastus = OfferQuery.all().withRegionIds(List.of("azure:eastus"));
    provider.offers(eastus);
    provider.offers(eastus);
    stubs.server.verify(1, getRequestedFor(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("eastus' and priceType eq 'Reservation'")));
    stubs.server.verify(1, getRequestedFor(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("eastus' and priceType eq 'Consumption'")));
    clock.advance(Duration.ofMinutes(61));
    provider.offers(eastus);
    stubs.server.verify(2, getRequestedFor(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("eastus' and priceType eq 'Consumption'")));
    stubs.server.verify(1, getRequestedFor(urlPathEqualTo("/api/retail/prices"))
        .withQueryParam("$filter", containing("eastus' and priceType eq 'Reservation'")));
  }

  @Test
  void throttled_waitsAtLeastRetryAfterThenSucceeds() {
    stubs.retailPrices();
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", containing("westeurope' and priceType eq 'Consumption'"))
        .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("{\"error\":\"slow down\"}"))
        .willSetStateTo("ok"));
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", containing("westeurope' and priceType eq 'Consumption'"))
        .inScenario("throttle").whenScenarioStateIs("ok")
        .willReturn(Stubs.json(stubs.fixture("retail-westeurope-consumption.json"))));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().meterRegistry(meters)
        .openTelemetry(OTEL.getOpenTelemetry()).build());
    List<Offer> offers = provider.offers(OfferQuery.all().withRegionIds(List.of("azure:westeurope"))
        .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)));
    assertThat(offers).hasSize(2);
    assertThat(stubs.sleeps).hasSize(1);
    assertThat(stubs.sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    assertThat(meters.counter("stratus.provider.requests", "provider", "azure", "api", "retail-prices",
        "outcome", "throttled").count()).isEqualTo(1);
    assertThat(meters.counter("stratus.provider.requests", "provider", "azure", "api", "retail-prices",
        "outcome", "success").count()).isEqualTo(1);
    assertThat(meters.timer("stratus.provider.latency", "provider", "azure", "api", "retail-prices").count())
        .isEqualTo(2);
    SpanData consumption = OTEL.getSpans().stream().filter(sp -> sp.getAttributes()
        .get(AttributeKey.longKey("stratus.provider.attempts")) == 2L).findFirst().orElseThrow();
    assertThat(consumption.getName()).isEqualTo("stratus.provider.request");
    assertThat(consumption.getAttributes().get(AttributeKey.stringKey("stratus.provider"))).isEqualTo("azure");
    assertThat(consumption.getAttributes().get(AttributeKey.stringKey("stratus.provider.api")))
        .isEqualTo("retail-prices");
    assertThat(consumption.getAttributes().get(AttributeKey.stringKey("stratus.provider.operation")))
        .isEqualTo("retail prices");
    assertThat(consumption.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("westeurope");
    assertThat(consumption.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("success");
  }

  @Test
  void retryAfterBeyondTheDeadline_failsAtOnceWithoutWaiting() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config()
        .callDeadline(Duration.ofSeconds(30)).build());
    assertThatThrownBy(() -> provider.offers(OfferQuery.all().withRegionIds(List.of("azure:eastus"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("would pass the call deadline of PT30S");
    assertThat(stubs.sleeps).isEmpty();
  }

  @Test
  void serverErrors_areRetriedWithGrowingBackoffThenFailWithTheCount() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .willReturn(aResponse().withStatus(503).withBody("unavailable")));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().maxAttempts(3).build());
    assertThatThrownBy(() -> provider.offers(OfferQuery.all()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("server_error")
        .hasMessageContaining("gave up after 3 attempt(s)");
    assertThat(stubs.sleeps).hasSize(2);
    // exponential: the second wait's base (200 ms) jittered by ±50 % is above the first's upper bound only on
    // average, so check each against its own band
    assertThat(stubs.sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
    assertThat(stubs.sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
  }

  @Test
  void malformedBody_failsWithoutRetryNamingTheProblem() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .willReturn(aResponse().withStatus(200).withBody("{\"Items\": [ {\"retailPrice\": ")));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().build());
    assertThatThrownBy(() -> provider.offers(OfferQuery.all().withRegionIds(List.of("azure:eastus"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("malformed JSON")
        .hasMessageContaining("not retried");
    assertThat(stubs.sleeps).isEmpty();
  }

  @Test
  void failedSecondPage_isNotPassedOffAsComplete() {
    stubs.retailPrices();
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(0)
        .withQueryParam("$skip", containing("3"))
        .willReturn(aResponse().withStatus(500)));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().maxAttempts(2).build());
    assertThatThrownBy(() -> provider.offers(OfferQuery.all().withRegionIds(List.of("azure:eastus"))
        .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("incomplete, 1 page(s) (3 items) were read before page 2 failed");
  }

  @Test
  void timeouts_areRetried() {
    stubs.retailPrices();
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", containing("westeurope' and priceType eq 'Consumption'"))
        .inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(Stubs.json("{}").withFixedDelay(1500))
        .willSetStateTo("fast"));
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).atPriority(1)
        .withQueryParam("$filter", containing("westeurope' and priceType eq 'Consumption'"))
        .inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(Stubs.json(stubs.fixture("retail-westeurope-consumption.json"))));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config()
        .attemptTimeout(Duration.ofMillis(500)).build());
    assertThat(provider.offers(OfferQuery.all().withRegionIds(List.of("azure:westeurope"))
        .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)))).hasSize(2);
    assertThat(stubs.sleeps).hasSize(1);
  }

  @Test
  void circuit_opensAfterRepeatedFailuresAndRejectsWithoutCalling() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).willReturn(aResponse().withStatus(500)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().maxAttempts(2)
        .meterRegistry(meters).openTelemetry(OTEL.getOpenTelemetry()).build());
    OfferQuery q = OfferQuery.all().withRegionIds(List.of("azure:eastus"))
        .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND));
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> provider.offers(q)).isInstanceOf(ProviderException.class);
    }
    int calls = stubs.server.getAllServeEvents().size();
    assertThatThrownBy(() -> provider.offers(q)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("circuit open");
    assertThat(stubs.server.getAllServeEvents()).hasSize(calls);
    assertThat(meters.counter("stratus.provider.requests", "provider", "azure", "api", "retail-prices",
        "outcome", "circuit_open").count()).isEqualTo(1);
    assertThat(meters.timer("stratus.provider.latency", "provider", "azure", "api", "retail-prices").count())
        .as("only requests that were sent are timed").isEqualTo(calls);
    SpanData rejected = OTEL.getSpans().get(OTEL.getSpans().size() - 1);
    assertThat(rejected.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(rejected.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("circuit_open");
  }

  @Test
  void pagingLinkToAnotherHost_isRefused() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices"))
        .willReturn(Stubs.json("{\"Items\": [], \"NextPageLink\": \"https://evil.example.com/steal\"}")));
    AzurePricingProvider provider = AzurePricingProvider.create(stubs.config().build());
    assertThatThrownBy(() -> provider.offers(OfferQuery.all().withRegionIds(List.of("azure:eastus"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("refusing to follow");
  }

  @Test
  void secrets_neverShowInToStringOrErrors() {
    stubs.server.stubFor(get(urlPathEqualTo("/api/retail/prices")).willReturn(aResponse().withStatus(401)));
    AzureConfig config = stubs.config().subscriptionId(Stubs.SUBSCRIPTION).build();
    AzurePricingProvider provider = AzurePricingProvider.create(config);
    assertThat(config.toString()).doesNotContain(Stubs.SECRET).contains("BasicAuthenticationCredential");
    assertThat(provider.toString()).doesNotContain(Stubs.SECRET);
    assertThatThrownBy(() -> provider.offers(OfferQuery.all()))
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(Stubs.SECRET));
  }
}
