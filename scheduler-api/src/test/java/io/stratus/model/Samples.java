package io.stratus.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fixed, fully populated model values shared by the model tests. */
final class Samples {
  private Samples() {}

  static final Instant T0 = Instant.parse("2026-07-20T00:00:00Z");

  static Region frankfurt() {
    return new Region(
        CloudProvider.AWS,
        "eu-central-1",
        "Europe (Frankfurt)",
        "DE",
        Set.of(Jurisdiction.EU, Jurisdiction.EEA),
        List.of("eu-central-1a", "eu-central-1b", "eu-central-1c"),
        new GeoPoint(50.11, 8.68),
        Set.of("C5", "ISO_27001"));
  }

  static Region virginia() {
    return new Region(
        CloudProvider.AWS,
        "us-east-1",
        "US East (N. Virginia)",
        "US",
        Set.of(Jurisdiction.US),
        List.of("us-east-1a"),
        new GeoPoint(39.04, -77.49),
        Set.of("HIPAA"));
  }

  static Region belgium() {
    return new Region(
        CloudProvider.GCP,
        "europe-west1",
        "Belgium",
        "BE",
        Set.of(Jurisdiction.EU, Jurisdiction.EEA),
        List.of(),
        new GeoPoint(50.47, 3.82),
        Set.of());
  }

  static InstanceType m5Large() {
    return new InstanceType(CloudProvider.AWS, "m5.large", "m5", 2, 8, 0, "", Architecture.X86_64, 10);
  }

  static InstanceType p4d() {
    return new InstanceType(
        CloudProvider.AWS, "p4d.24xlarge", "p4d", 96, 1152, 8, "a100", Architecture.X86_64, 400);
  }

  static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  static Offer onDemand() {
    return new Offer(m5Large(), frankfurt(), PurchaseOption.ON_DEMAND, usd("0.115"), 0, T0);
  }

  static Offer spot() {
    return new Offer(m5Large(), frankfurt(), PurchaseOption.SPOT, usd("0.0409"), 0.1, T0);
  }

  static ComplianceRequirements euOnly() {
    return ComplianceRequirements.builder()
        .allowedCountries(List.of("DE", "FR"))
        .allowedJurisdictions(List.of(Jurisdiction.EU))
        .allowedRegions(List.of("aws:eu-central-1", "gcp:europe-west1"))
        .allowedProviders(List.of(CloudProvider.AWS, CloudProvider.GCP))
        .deniedProviders(List.of(CloudProvider.AZURE))
        .requiredCertifications(List.of("C5"))
        .dataClassification(DataClassification.RESTRICTED)
        .build();
  }

  static CostConstraints spotTolerant() {
    return CostConstraints.builder()
        .maxHourlyCost(usd("0.50"))
        .budgetId("team-a-2026")
        .spotAllowed(true)
        .maxInterruptionProbability(0.15)
        .commitmentsAllowed(false)
        .build();
  }

  static PerformanceRequirements lowLatency() {
    return PerformanceRequirements.builder()
        .minCpuScore(1.2)
        .maxP95Latency(Duration.ofMillis(40))
        .userLocations(List.of(new UserLocation("Berlin", new GeoPoint(52.52, 13.405))))
        .availabilityTarget(0.999)
        .build();
  }

  static Workload workload() {
    return Workload.builder("checkout-api")
        .demand(new ResourceDemand(1.5, 3, 0, 0.5))
        .expectedDuration(Duration.ofHours(6))
        .priority(10)
        .workloadClass("web")
        .architectures(List.of(Architecture.X86_64, Architecture.ARM64))
        .labels(Map.of(Workload.LABEL_TEAM, "payments", Workload.LABEL_PROJECT, "shop"))
        .label(Workload.LABEL_COST_CENTRE, "cc-42")
        .cost(spotTolerant())
        .performance(lowLatency())
        .compliance(euOnly())
        .build();
  }

  static VirtualMachine vm() {
    return VirtualMachine.builder("i-0abc")
        .instanceType(m5Large())
        .region(frankfurt())
        .zone("eu-central-1a")
        .purchaseOption(PurchaseOption.RESERVED_1Y)
        .hourlyPrice(usd("0.072"))
        .launchedAt(T0)
        .allocated(ResourceDemand.of(1, 4))
        .labels(Map.of("team", "payments"))
        .performanceHistory(
            List.of(
                new PerformanceSample(T0.plusSeconds(60), 0.4, 0.5, 12.5, 1.1),
                new PerformanceSample(T0.plusSeconds(120), 0.6, 0.5, Double.NaN, Double.NaN)))
        .costHistory(List.of(new CostSample(T0, T0.plusSeconds(3600), usd("0.072"))))
        .build();
  }

  static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
