package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.Sku;
import io.grpc.Status;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.ProviderException;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GcpPricingProviderTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeAll
  static void startCloud() {
    cloud = TestCloud.shared();
  }

  @BeforeEach
  void start() {
    cloud.reset();
  }

  @AfterEach
  void stop() {
    adapters.forEach(GcpAdapter::close);
    adapters.clear();
  }

  private GcpPricingProvider provider(GcpAdapter.Builder b) {
    GcpAdapter a = b.build();
    adapters.add(a);
    return a.pricingProvider();
  }

  private GcpPricingProvider provider() {
    return provider(cloud.builder());
  }

  private static Map<String, Offer> byId(List<Offer> offers) {
    return offers.stream().collect(Collectors.toMap(Offer::id, Function.identity()));
  }

  @Test
  void offers_reproduceThePublishedPricesOfEveryTypeInTheSample() {
    Map<String, Offer> offers = byId(provider().offers(OfferQuery.all()));
    int checked = 0;
    for (Fixtures.PriceRow row : Fixtures.priceRows()) {
      String key = "gcp:" + row.region() + ":" + row.type() + ":";
      assertThat(offers.get(key + "ON_DEMAND").hourlyPrice().amount()).as(key + "ON_DEMAND")
          .isCloseTo(row.onDemand(), within(new BigDecimal("0.0000005")));
      assertThat(offers.get(key + "SPOT").hourlyPrice().amount()).as(key + "SPOT")
          .isCloseTo(row.spot(), within(new BigDecimal("0.0000005")));
      BigDecimal hours = BigDecimal.valueOf(730);
      assertThat(offers.get(key + "COMMITMENT_1Y").hourlyPrice().amount()).as(key + "COMMITMENT_1Y")
          .isCloseTo(row.cud1yMonth().divide(hours, MathContext.DECIMAL64), within(new BigDecimal("0.0000005")));
      assertThat(offers.get(key + "COMMITMENT_3Y").hourlyPrice().amount()).as(key + "COMMITMENT_3Y")
          .isCloseTo(row.cud3yMonth().divide(hours, MathContext.DECIMAL64), within(new BigDecimal("0.0000005")));
      assertThat(offers.get(key + "ON_DEMAND").hourlyPrice().currency().getCurrencyCode()).isEqualTo("USD");
      checked++;
    }
    assertThat(checked).isEqualTo(70);
    assertThat(offers.values()).filteredOn(o -> o.purchaseOption() == PurchaseOption.SPOT)
        .allSatisfy(o -> assertThat(o.interruptionRate()).isEqualTo(0.20));
    assertThat(offers.values()).allSatisfy(o -> assertThat(o.observedAt()).isEqualTo(TestCloud.NOW));
  }

  @Test
  void offers_leaveOutSharedCoreAndGpuTypes_andRegionsCarryTheListedZones() {
    GcpPricingProvider p = provider();
    assertThat(p.instanceTypes()).extracting(t -> t.name()).doesNotContain("e2-micro", "a2-highgpu-1g")
        .contains("n2-standard-4", "e2-highcpu-16", "n1-highmem-8");
    assertThat(p.regions()).extracting(r -> r.code()).containsExactly("europe-west1", "us-central1");
    assertThat(p.regions().get(1).zones()).containsExactly("us-central1-a");
    assertThat(p.regions().get(1).country()).isEqualTo("US");
    assertThat(p.instanceTypes()).filteredOn(t -> t.name().equals("n1-standard-4"))
        .singleElement().satisfies(t -> {
          assertThat(t.vcpus()).isEqualTo(4);
          assertThat(t.memoryGib()).isEqualTo(15);
          assertThat(t.family()).isEqualTo("n1");
        });
  }

  @Test
  void catalog_isReadPageByPage() {
    provider().offers(OfferQuery.all());
    int pages = (Fixtures.skus().size() + 9) / 10;
    assertThat(cloud.catalog.requests).hasSize(pages);
    assertThat(cloud.catalog.requests.get(0).getParent()).isEqualTo("services/6F81-5844-456A");
    assertThat(cloud.catalog.requests.get(0).getCurrencyCode()).isEqualTo("USD");
    assertThat(cloud.catalog.requests.get(1).getPageToken()).isEqualTo("p1");
  }

  @Test
  void transientErrors_areRetriedWithBoundedJitteredBackoff() {
    cloud.catalog.failNext(Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded for quota metric 'Read requests'"),
        Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED);
    assertThat(provider().offers(OfferQuery.all())).isNotEmpty();
    assertThat(cloud.sleeps).hasSize(3);
    // Exponential (100 ms doubling) with +-100 % jitter: uniform in [0, 2 x 100 ms x 2^(n-1)].
    assertThat(cloud.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    assertThat(cloud.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    assertThat(cloud.sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(800));
  }

  @Test
  void retriesExhausted_failWithTheCodeAndNoPartialResult() {
    cloud.skuPageSize = 20;
    // Page 1 answers; page 2 stays unavailable for all 4 attempts.
    cloud.catalog.handler(req -> {
      if (req.getPageToken().equals("p1")) {
        throw Status.UNAVAILABLE.asRuntimeException();
      }
      return Fixtures.page(cloud.skus, req, 20);
    });
    GcpPricingProvider p = provider();
    assertThatThrownBy(() -> p.offers(OfferQuery.all()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("listSkus page 2")
        .hasMessageContaining("UNAVAILABLE after 4 attempt(s)")
        .satisfies(e -> assertThat(((ProviderException) e).providerId()).isEqualTo("gcp"));
    assertThat(cloud.sleeps).hasSize(3);
  }

  @Test
  void nonTransientErrors_areNotRetried() {
    cloud.catalog.failNext(Status.PERMISSION_DENIED.withDescription("Cloud Billing API has not been used"));
    GcpPricingProvider p = provider();
    assertThatThrownBy(() -> p.offers(OfferQuery.all())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("not retried").hasMessageContaining("PERMISSION_DENIED");
    assertThat(cloud.catalog.requests).hasSize(1);
    assertThat(cloud.sleeps).isEmpty();
  }

  @Test
  void circuitBreaker_opensAfterRepeatedFailures_andLetsATrialThroughLater() {
    GcpAdapter a = cloud.builder().retry(1, Duration.ofMillis(100), Duration.ofMillis(100))
        .circuitBreaker(2, Duration.ofSeconds(60)).build();
    adapters.add(a);
    cloud.catalog.failNext(Status.UNAVAILABLE, Status.UNAVAILABLE);
    GcpPricingProvider p = a.pricingProvider();
    assertThatThrownBy(() -> p.offers(OfferQuery.all())).hasMessageContaining("UNAVAILABLE");
    assertThatThrownBy(() -> p.offers(OfferQuery.all())).hasMessageContaining("UNAVAILABLE");
    assertThat(a.guard(Api.CATALOG).breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = cloud.catalog.requests.size();
    assertThatThrownBy(() -> p.offers(OfferQuery.all())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("circuit breaker");
    assertThat(cloud.catalog.requests).hasSize(before);
    cloud.clock.advance(Duration.ofSeconds(61));
    assertThat(p.offers(OfferQuery.all())).isNotEmpty();
  }

  @Test
  void malformedSkus_areListedWithFieldValueAndRule_andTheRestIsPriced() {
    List<Sku> skus = new ArrayList<>(Fixtures.skus());
    int i = skus.indexOf(skus.stream().filter(s -> s.getDescription().equals("N2 Instance Core running in Iowa"))
        .findFirst().orElseThrow());
    Sku bad = skus.get(i).toBuilder().setPricingInfo(0, skus.get(i).getPricingInfo(0).toBuilder()
        .setPricingExpression(skus.get(i).getPricingInfo(0).getPricingExpression().toBuilder().setBaseUnit("mo")))
        .build();
    skus.set(i, bad);
    skus.add(Fixtures.sku(900, "N2D AMD Instance Core running in Iowa", "OnDemand", "us-central1", "h", "s", 0, 0.03));
    cloud.skus = skus;
    GcpPricingProvider p = provider();
    List<Offer> offers = p.offers(OfferQuery.all());
    assertThat(p.rejectedSkus()).extracting(Object::toString).containsExactlyInAnyOrder(
        "sku " + bad.getSkuId() + ": pricingExpression.baseUnit = 'mo' (must be 's' for a core SKU)",
        "sku " + Fixtures.skuId(900) + ": pricingExpression.baseUnitConversionFactor = '0.0' (must be finite and > 0)");
    assertThat(offers).noneMatch(o -> o.id().equals("gcp:us-central1:n2-standard-4:ON_DEMAND"));
    assertThat(offers).anyMatch(o -> o.id().equals("gcp:us-central1:n2-standard-4:SPOT"));
  }

  @Test
  void aFreeFirstTier_isSkippedForTheFirstPaidTier() {
    List<Sku> skus = new ArrayList<>(Fixtures.skus());
    for (int i = 0; i < skus.size(); i++) {
      Sku s = skus.get(i);
      if (s.getDescription().equals("E2 Instance Core running in Iowa")) {
        PricingExpression e = s.getPricingInfo(0).getPricingExpression();
        PricingExpression tiered = e.toBuilder().clearTieredRates()
            .addTieredRates(PricingExpression.TierRate.newBuilder().setStartUsageAmount(0)
                .setUnitPrice(Fixtures.money(0)))
            .addTieredRates(e.getTieredRates(0).toBuilder().setStartUsageAmount(720))
            .build();
        skus.set(i, s.toBuilder().setPricingInfo(0, s.getPricingInfo(0).toBuilder().setPricingExpression(tiered))
            .build());
      }
    }
    cloud.skus = skus;
    Offer o = byId(provider().offers(OfferQuery.all())).get("gcp:us-central1:e2-standard-4:ON_DEMAND");
    assertThat(o.hourlyPrice().amount()).isEqualByComparingTo("0.13402284");
  }

  @Test
  void offers_areCachedPerPriceTypeWithTheirOwnTtl() {
    GcpPricingProvider p = provider(cloud.builder()
        .priceTtl(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(24)));
    p.offers(OfferQuery.all());
    int reads = cloud.catalog.requests.size();
    p.offers(OfferQuery.all());
    assertThat(cloud.catalog.requests).as("cached").hasSize(reads);
    cloud.clock.advance(Duration.ofMinutes(90));
    p.offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND, PurchaseOption.COMMITMENT_1Y)));
    assertThat(cloud.catalog.requests).as("on-demand and commitments still fresh").hasSize(reads);
    List<Offer> spot = p.offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.SPOT)));
    assertThat(cloud.catalog.requests).as("spot expired after 1 h: the catalog is read again").hasSize(2 * reads);
    assertThat(spot).allSatisfy(o -> assertThat(o.observedAt()).isEqualTo(TestCloud.NOW.plus(Duration.ofMinutes(90))));
  }

  @Test
  void meters_countAttemptsByOutcomeAndTimeThem_andEachCallIsASpan() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    cloud.catalog.failNext(Status.UNAVAILABLE);
    provider(cloud.builder().meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry())).offers(OfferQuery.all());
    int pages = (Fixtures.skus().size() + 9) / 10;
    assertThat(registry.get("stratus.provider.requests").tags("provider", "gcp", "api", "catalog", "outcome",
        "server_error").counter().count()).isEqualTo(1);
    assertThat(registry.get("stratus.provider.requests").tags("provider", "gcp", "api", "catalog", "outcome",
        "success").counter().count()).isEqualTo(pages);
    assertThat(registry.get("stratus.provider.latency").tags("api", "catalog").timer().count()).isEqualTo(pages + 1);
    assertThat(registry.get("stratus.provider.requests").tags("api", "compute", "outcome", "success").counter().count())
        .isEqualTo(1);
    List<SpanData> listSkus = OTEL.getSpans().stream()
        .filter(sp -> "listSkus".equals(sp.getAttributes().get(AttributeKey.stringKey("stratus.provider.operation"))))
        .toList();
    assertThat(listSkus).as("one span per page, the retried one included").hasSize(pages);
    assertThat(listSkus).allSatisfy(sp -> {
      assertThat(sp.getName()).isEqualTo("stratus.provider.request");
      assertThat(sp.getAttributes().get(AttributeKey.stringKey("stratus.provider"))).isEqualTo("gcp");
      assertThat(sp.getAttributes().get(AttributeKey.stringKey("stratus.provider.api"))).isEqualTo("catalog");
      assertThat(sp.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("global");
    });
    assertThat(listSkus.get(0).getAttributes().get(AttributeKey.longKey("stratus.provider.attempts"))).isEqualTo(2);
    assertThat(OTEL.getSpans()).anySatisfy(sp -> assertThat(
        sp.getAttributes().get(AttributeKey.stringKey("stratus.provider.operation")))
        .isEqualTo("machineTypes.aggregatedList"));
  }

  @Test
  void queryForAnotherCloud_isEmptyWithoutACall() {
    assertThat(provider().offers(OfferQuery.all().withProviders(List.of(io.stratus.model.CloudProvider.AWS))))
        .isEmpty();
    assertThat(cloud.catalog.requests).isEmpty();
  }

  @Test
  void spotInterruptionRate_isConfigurable() {
    List<Offer> spot = provider(cloud.builder().spotInterruptionRate(0.05))
        .offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.SPOT)));
    assertThat(spot).isNotEmpty().allSatisfy(o -> assertThat(o.interruptionRate()).isEqualTo(0.05));
  }
}
