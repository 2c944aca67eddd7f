package io.stratus.monitoring.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityTest {
  private static final Region REGION = new Region(CloudProvider.AWS, "eu-west-1", "Ireland", "IE", Set.of(),
      List.of(), new GeoPoint(53, -6), Set.of());
  private static final InstanceType LARGE = type("m5.large", 2, 8);
  private static final InstanceType XLARGE = type("m5.xlarge", 4, 16);
  private static final InstanceType XXLARGE = type("m5.2xlarge", 8, 32);

  private static InstanceType type(String name, double vcpus, double mem) {
    return new InstanceType(CloudProvider.AWS, name, "m5", vcpus, mem, 0, "", Architecture.X86_64, 10);
  }

  private static final PricingProvider PRICES = new PricingProvider() {
    @Override
    public String id() {
      return "test-prices";
    }

    @Override
    public Set<CloudProvider> providers() {
      return Set.of(CloudProvider.AWS);
    }

    @Override
    public List<Region> regions() {
      return List.of(REGION);
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return List.of(LARGE, XLARGE, XXLARGE);
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      return List.of(offer(LARGE, "0.096"), offer(XLARGE, "0.192"), offer(XXLARGE, "0.384")).stream()
          .filter(query::matches).toList();
    }

    private Offer offer(InstanceType t, String price) {
      return new Offer(t, REGION, PurchaseOption.ON_DEMAND, Money.usd(new BigDecimal(price)), 0, Instant.EPOCH);
    }
  };

  @Test
  void horizontal_overTarget_scalesOutAndPricesTheDelta() {
    ScalingAdvisor advisor = ScalingAdvisor.create(PRICES, 70, 20);
    ScalingRecommendation r = advisor.horizontal("web", LARGE, REGION, 10, 91);
    assertThat(r.kind()).isEqualTo(ScalingRecommendation.Kind.HORIZONTAL);
    assertThat(r.toCount()).isEqualTo(13);
    assertThat(r.projectedP95()).isLessThanOrEqualTo(70);
    assertThat(r.monthlyCostDelta()).isEqualTo(Money.usd(new BigDecimal("210.24")));
    assertThat(r.explanation()).contains("scaling out").contains("13").contains("210.24");
  }

  @Test
  void horizontal_farBelowTarget_scalesInAndSaves() {
    ScalingRecommendation r = ScalingAdvisor.create(PRICES, 70, 20).horizontal("batch", LARGE, REGION, 10, 20);
    assertThat(r.toCount()).isEqualTo(3);
    assertThat(r.monthlyCostDelta().isNegative()).isTrue();
    assertThat(r.explanation()).contains("saving");
  }

  @Test
  void horizontal_insideBand_recommendsNothing() {
    ScalingRecommendation r = ScalingAdvisor.create(PRICES, 70, 20).horizontal("web", LARGE, REGION, 4, 60);
    assertThat(r.kind()).isEqualTo(ScalingRecommendation.Kind.NONE);
    assertThat(r.monthlyCostDelta().amount()).isZero();
  }

  @Test
  void vertical_cpuBound_picksCheapestTypeThatFits() {
    ScalingRecommendation r = ScalingAdvisor.create(PRICES, 70, 20).vertical("db", LARGE, REGION, 2, 95, 40);
    assertThat(r.kind()).isEqualTo(ScalingRecommendation.Kind.VERTICAL);
    assertThat(r.toType()).isEqualTo(XLARGE);
    assertThat(r.monthlyCostDelta()).isEqualTo(Money.usd(new BigDecimal("140.16")));
    assertThat(r.projectedP95()).isLessThanOrEqualTo(70);
  }

  @Test
  void vertical_oversized_downsizes() {
    ScalingRecommendation r = ScalingAdvisor.create(PRICES, 70, 20).vertical("db", XXLARGE, REGION, 1, 10, 10);
    assertThat(r.toType()).isEqualTo(LARGE);
    assertThat(r.monthlyCostDelta().isNegative()).isTrue();
  }

  @Test
  void vertical_nothingFits_saysSo() {
    ScalingRecommendation r = ScalingAdvisor.create(PRICES, 50, 10).vertical("db", XXLARGE, REGION, 1, 99, 10);
    assertThat(r.kind()).isEqualTo(ScalingRecommendation.Kind.NONE);
    assertThat(r.explanation()).contains("no instance type");
  }

  @Test
  void advisor_badInputAndUnpricedType_fail() {
    assertThatThrownBy(() -> ScalingAdvisor.create(PRICES, 0, 0)).hasMessageContaining("targetPercent");
    ScalingAdvisor a = ScalingAdvisor.create(PRICES, 70, 20);
    assertThatThrownBy(() -> a.horizontal("x", LARGE, REGION, 1, 120)).hasMessageContaining("p95CpuPercent");
    assertThatThrownBy(() -> a.horizontal("x", type("c5.large", 2, 4), REGION, 1, 50))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("c5.large");
  }

  @Test
  void timeToExhaustion_risingSeasonalSeries_forecastsCrossingWithInterval() {
    double[] y = new double[24 * 14];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < y.length; i++) {
      y[i] = 30 + 0.05 * i + 8 * Math.sin(2 * Math.PI * i / 24) + r.nextGaussian();
    }
    CapacityForecast f = PerformanceAnalyzer.create(24)
        .timeToExhaustion("web", y, Duration.ofHours(1), 80, Duration.ofDays(30));
    assertThat(f.trendPerDay()).isBetween(1.0, 1.4);
    assertThat(f.seasonalPeriod()).isEqualTo(24);
    assertThat(f.expected()).isPresent();
    assertThat(f.earliest()).isPresent();
    assertThat(f.earliest().get()).isLessThanOrEqualTo(f.expected().get());
    assertThat(f.latest().map(l -> l.compareTo(f.expected().get()) >= 0).orElse(true)).isTrue();
    assertThat(f.expected().get()).isBetween(Duration.ofDays(10), Duration.ofDays(30));
    assertThat(f.explanation()).contains("web").contains("season of 24");
  }

  @Test
  void timeToExhaustion_flatSeries_isNotExpectedWithinHorizon() {
    double[] y = new double[200];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < y.length; i++) {
      y[i] = 20 + r.nextGaussian();
    }
    CapacityForecast f = PerformanceAnalyzer.create(1)
        .timeToExhaustion("batch", y, Duration.ofHours(1), 90, Duration.ofDays(7));
    assertThat(f.expected()).isEmpty();
    assertThat(f.explanation()).contains("Not expected");
  }

  @Test
  void timeToExhaustion_badInput_fails() {
    PerformanceAnalyzer a = PerformanceAnalyzer.create(1);
    assertThatThrownBy(() -> a.timeToExhaustion("x", new double[3], Duration.ofHours(1), 80, Duration.ofDays(1)))
        .hasMessageContaining("at least 8");
    double[] bad = new double[10];
    bad[4] = Double.NaN;
    assertThatThrownBy(() -> a.timeToExhaustion("x", bad, Duration.ofHours(1), 80, Duration.ofDays(1)))
        .hasMessageContaining("history[4]");
  }
}
