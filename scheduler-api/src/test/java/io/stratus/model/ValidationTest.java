package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input fails fast with a message naming the field, the value and the rule. */
class ValidationTest {

  @ParameterizedTest
  @ValueSource(doubles = {-1, -0.001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void resourceDemand_negativeOrNonFiniteVcpus_isRejected(double bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ResourceDemand(bad, 1, 0, 0))
        .withMessageContaining("vcpus")
        .withMessageContaining(String.valueOf(bad));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
  void resourceDemand_badMemoryOrNetwork_isRejected(double bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> new ResourceDemand(1, bad, 0, 0))
        .withMessageContaining("memoryGib");
    assertThatIllegalArgumentException().isThrownBy(() -> new ResourceDemand(1, 1, 0, bad))
        .withMessageContaining("networkGbps");
  }

  @Test
  void resourceDemand_negativeGpus_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ResourceDemand(1, 1, -1, 0))
        .withMessageContaining("gpus must be >= 0, got -1");
  }

  @Test
  void resourceDemand_minusBelowZero_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ResourceDemand.of(1, 1).minus(ResourceDemand.of(2, 0)))
        .withMessageContaining("vcpus");
  }

  @Test
  void resourceDemand_fitsIn_checksEveryDimension() {
    ResourceDemand cap = new ResourceDemand(4, 16, 1, 10);
    assertThat(new ResourceDemand(4, 16, 1, 10).fitsIn(cap)).isTrue();
    assertThat(new ResourceDemand(4.5, 1, 0, 0).fitsIn(cap)).isFalse();
    assertThat(new ResourceDemand(1, 16.5, 0, 0).fitsIn(cap)).isFalse();
    assertThat(new ResourceDemand(1, 1, 2, 0).fitsIn(cap)).isFalse();
    assertThat(new ResourceDemand(1, 1, 0, 11).fitsIn(cap)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS", "", "1aws", "aws_x", "a-very-long-provider-id-that-exceeds-32"})
  void cloudProvider_malformedId_isRejected(String bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> CloudProvider.of(bad)).withMessageContaining(bad);
  }

  @Test
  void cloudProvider_nullId_isRejectedNamingField() {
    assertThatNullPointerException().isThrownBy(() -> CloudProvider.of(null)).withMessageContaining("provider id");
  }

  @Test
  void cloudProvider_builtinIds_returnConstants() {
    assertThat(CloudProvider.of("aws")).isSameAs(CloudProvider.AWS);
    assertThat(CloudProvider.of("gcp")).isSameAs(CloudProvider.GCP);
    assertThat(CloudProvider.of("azure")).isSameAs(CloudProvider.AZURE);
    assertThat(CloudProvider.of("ovh")).isEqualTo(new CloudProvider("ovh"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"eu", "", "E U", "EUROPEAN_UNION_TOO_LONG", "1EU"})
  void jurisdiction_malformedCode_isRejected(String bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> Jurisdiction.of(bad)).withMessageContaining("jurisdiction");
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "DEU", "Germany", "D1", ""})
  void region_malformedCountry_isRejected(String bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> region("eu-central-1", bad))
        .withMessageContaining("region.country")
        .withMessageContaining("'" + bad + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EU-central-1", "-eu", "eu central", "", "eu_central_1"})
  void region_malformedCode_isRejected(String bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> region(bad, "DE")).withMessageContaining("region.code");
  }

  @Test
  void region_nullElement_isRejected() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new Region(CloudProvider.AWS, "x", "X", "DE", Collections.singleton(null), List.of(),
                    new GeoPoint(0, 0), Set.of()))
        .withMessageContaining("region.jurisdictions");
  }

  @Test
  void region_idAndIsIn() {
    Region r = Samples.frankfurt();
    assertThat(r.id()).isEqualTo("aws:eu-central-1");
    assertThat(r.isIn(Jurisdiction.EU)).isTrue();
    assertThat(r.isIn(Jurisdiction.US)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(doubles = {-90.5, 91, Double.NaN})
  void geoPoint_badLatitude_isRejected(double bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(bad, 0)).withMessageContaining("latitude");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-180.5, 181, Double.NaN})
  void geoPoint_badLongitude_isRejected(double bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0, bad)).withMessageContaining("longitude");
  }

  @Test
  void geoPoint_distance_frankfurtToParisAbout480Km() {
    assertThat(new GeoPoint(50.11, 8.68).distanceKm(new GeoPoint(48.86, 2.35))).isBetween(470.0, 490.0);
    assertThat(new GeoPoint(1, 1).distanceKm(new GeoPoint(1, 1))).isZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -2, Double.NaN, Double.POSITIVE_INFINITY})
  void instanceType_nonPositiveVcpus_isRejected(double bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new InstanceType(CloudProvider.AWS, "x", "x", bad, 1, 0, "", Architecture.X86_64, 0))
        .withMessageContaining("instanceType.vcpus");
  }

  @Test
  void instanceType_badMemoryGpusNetworkOrName_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new InstanceType(CloudProvider.AWS, "x", "x", 1, 0, 0, "", Architecture.X86_64, 0))
        .withMessageContaining("instanceType.memoryGib");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new InstanceType(CloudProvider.AWS, "x", "x", 1, 1, -1, "", Architecture.X86_64, 0))
        .withMessageContaining("instanceType.gpus");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new InstanceType(CloudProvider.AWS, "x", "x", 1, 1, 0, "", Architecture.X86_64, -1))
        .withMessageContaining("instanceType.networkGbps");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new InstanceType(CloudProvider.AWS, " ", "x", 1, 1, 0, "", Architecture.X86_64, 0))
        .withMessageContaining("instanceType.name");
  }

  @Test
  void instanceType_capacityAndId() {
    InstanceType t = Samples.p4d();
    assertThat(t.capacity()).isEqualTo(new ResourceDemand(96, 1152, 8, 400));
    assertThat(t.id()).isEqualTo("aws:p4d.24xlarge");
  }

  @Test
  void offer_negativePrice_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> offer(PurchaseOption.ON_DEMAND, Samples.usd("-0.01"), 0))
        .withMessageContaining("offer.hourlyPrice")
        .withMessageContaining("-0.01");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
  void offer_rateNotAProbability_isRejected(double bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> offer(PurchaseOption.SPOT, Samples.usd("0.04"), bad))
        .withMessageContaining("offer.interruptionRate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ON_DEMAND", "RESERVED_1Y", "RESERVED_3Y", "COMMITMENT_1Y", "COMMITMENT_3Y"})
  void offer_interruptionRateOnNonSpot_isRejected(PurchaseOption option) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> offer(option, Samples.usd("0.04"), 0.05))
        .withMessageContaining("offer.interruptionRate must be 0 for " + option);
  }

  @Test
  void offer_providerMismatch_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Offer(Samples.m5Large(), Samples.belgium(), PurchaseOption.ON_DEMAND, Samples.usd("1"), 0,
                    Samples.T0))
        .withMessageContaining("offer.region")
        .withMessageContaining("gcp:europe-west1");
  }

  @Test
  void offer_id_namesRegionTypeAndOption() {
    assertThat(Samples.spot().id()).isEqualTo("aws:eu-central-1:m5.large:SPOT");
  }

  @Test
  void offer_freeTier_isAllowed() {
    assertThat(offer(PurchaseOption.ON_DEMAND, Samples.usd("0"), 0).hourlyPrice().isNegative()).isFalse();
  }

  @Test
  void purchaseOption_flags() {
    assertThat(PurchaseOption.SPOT.isInterruptible()).isTrue();
    assertThat(PurchaseOption.SPOT.isCommitment()).isFalse();
    assertThat(PurchaseOption.RESERVED_3Y.termMonths()).isEqualTo(36);
    assertThat(PurchaseOption.COMMITMENT_1Y.isCommitment()).isTrue();
    assertThat(PurchaseOption.ON_DEMAND.isCommitment()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-lead", "has space", "ü"})
  void workload_malformedId_isRejected(String bad) {
    assertThatIllegalArgumentException().isThrownBy(() -> Workload.builder(bad)).withMessageContaining("workload.id");
  }

  @Test
  void workload_zeroDemand_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Workload.builder("w").demand(ResourceDemand.ZERO).build())
        .withMessageContaining("workload.demand");
  }

  @Test
  void workload_negativeDuration_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Workload.builder("w").expectedDuration(Duration.ofSeconds(-1)))
        .withMessageContaining("workload.expectedDuration");
  }

  @Test
  void workload_blankLabelKey_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Workload.builder("w").label(" ", "x"))
        .withMessageContaining("workload.labels key");
  }

  @Test
  void workload_toBuilder_roundTripsAndBuildIsRepeatable() {
    Workload w = Samples.workload();
    Workload.Builder b = w.toBuilder();
    assertThat(b.build()).isEqualTo(w).hasSameHashCodeAs(w);
    assertThat(b.priority(1).build()).isNotEqualTo(w);
    assertThat(b.build().priority()).isEqualTo(1);
  }

  @Test
  void workload_defaults() {
    Workload w = Workload.builder("w").build();
    assertThat(w.demand()).isEqualTo(ResourceDemand.of(1, 1));
    assertThat(w.workloadClass()).isEqualTo("general");
    assertThat(w.cost()).isSameAs(CostConstraints.none());
    assertThat(w.compliance()).isSameAs(ComplianceRequirements.none());
    assertThat(w.performance()).isSameAs(PerformanceRequirements.none());
    assertThat(w.architectures()).isEmpty();
  }

  @Test
  void costConstraints_badValues_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CostConstraints.builder().maxHourlyCost(Samples.usd("-1")))
        .withMessageContaining("costConstraints.maxHourlyCost");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CostConstraints.builder().maxInterruptionProbability(Double.NaN))
        .withMessageContaining("costConstraints.maxInterruptionProbability");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CostConstraints.builder().maxInterruptionProbability(1.5))
        .withMessageContaining("1.5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CostConstraints.builder().budgetId(" "))
        .withMessageContaining("costConstraints.budgetId");
  }

  @Test
  void costConstraints_toBuilder_preservesValues() {
    CostConstraints c = Samples.spotTolerant();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.maxHourlyCost()).contains(Samples.usd("0.50"));
    assertThat(CostConstraints.none().maxHourlyCost()).isEmpty();
    assertThat(CostConstraints.none().spotAllowed()).isFalse();
  }

  @Test
  void performance_badValues_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PerformanceRequirements.builder().minCpuScore(-1))
        .withMessageContaining("performance.minCpuScore");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PerformanceRequirements.builder().availabilityTarget(1))
        .withMessageContaining("performance.availabilityTarget");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PerformanceRequirements.builder().maxP95Latency(Duration.ZERO))
        .withMessageContaining("performance.maxP95Latency");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PerformanceRequirements.builder().maxP95Latency(Duration.ofMillis(5)).build())
        .withMessageContaining("performance.userLocations");
  }

  @Test
  void samples_badValues_areRejected() {
    Instant t = Samples.T0;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceSample(t, 1.2, 0, 0, 0))
        .withMessageContaining("performanceSample.cpuUtilization");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceSample(t, 0, 0, -1, 0))
        .withMessageContaining("performanceSample.p95LatencyMillis");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PerformanceSample(t, 0, 0, 0, Double.POSITIVE_INFINITY))
        .withMessageContaining("performanceSample.benchmarkScore");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CostSample(t, t, Samples.usd("1")))
        .withMessageContaining("costSample.end");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new UserLocation(" ", new GeoPoint(0, 0)))
        .withMessageContaining("userLocation.name");
  }

  @Test
  void virtualMachine_providerMismatch_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Samples.vm().toBuilder().region(Samples.belgium()).build())
        .withMessageContaining("vm.region")
        .withMessageContaining("i-0abc");
  }

  @Test
  void virtualMachine_allocationAboveCapacity_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Samples.vm().toBuilder().allocated(ResourceDemand.of(3, 1)).build())
        .withMessageContaining("vm.allocated");
  }

  @Test
  void virtualMachine_missingRequired_isRejectedNamingField() {
    assertThatNullPointerException()
        .isThrownBy(() -> VirtualMachine.builder("vm-1").instanceType(Samples.m5Large()).build())
        .withMessageContaining("vm.region");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> VirtualMachine.builder("vm-1").hourlyPrice(Samples.usd("-1")))
        .withMessageContaining("vm.hourlyPrice");
  }

  @Test
  void virtualMachine_free_isCapacityMinusAllocation() {
    assertThat(Samples.vm().free()).isEqualTo(new ResourceDemand(1, 4, 0, 10));
    assertThat(Samples.vm().toBuilder().build()).isEqualTo(Samples.vm()).hasSameHashCodeAs(Samples.vm());
  }

  private static Region region(String code, String country) {
    return new Region(CloudProvider.AWS, code, "Name", country, Set.of(), List.of(), new GeoPoint(0, 0), Set.of());
  }

  private static Offer offer(PurchaseOption option, Money price, double rate) {
    return new Offer(Samples.m5Large(), Samples.frankfurt(), option, price, rate, Samples.T0);
  }
}
