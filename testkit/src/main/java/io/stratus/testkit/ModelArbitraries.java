package io.stratus.testkit;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.CostSample;
import io.stratus.model.DataClassification;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PerformanceSample;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apiguardian.api.API;

/**
 * jqwik arbitraries for the shared model, for property tests of schedulers, placement, FinOps and simulation.
 * Thread-safe (a stateless utility; the arbitraries are immutable). Every generated value is valid and internally
 * consistent: an offer's region and instance type have the same provider, only spot offers carry an interruption
 * rate, a machine's allocation fits its capacity, regions carry the jurisdictions of their country.
 *
 * <p>Regions come from a fixed table of countries (EU, EEA, UK, CH, US, US government, CA, CN, APAC, and countries in
 * none of them) so that residency rules have something to bite on; region codes are {@code <country>-<n>}, so two
 * regions with the same id always describe the same place. Instance type names encode their shape, so two types with
 * the same id are equal. Ids of workloads and machines are drawn from a small range on purpose (collisions exercise
 * duplicate handling); use {@code uniqueElements(Workload::id)} where a test needs distinct ids.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelArbitraries {
  /** Time around which generated offers, machines and samples lie. */
  public static final Instant EPOCH = ControllableClock.DEFAULT_START;

  private ModelArbitraries() {}

  /** Country, jurisdictions and approximate location of the generated regions. */
  private record Place(String country, Set<Jurisdiction> jurisdictions, double latitude, double longitude) {}

  private static final List<Place> PLACES =
      List.of(
          new Place("DE", Set.of(Jurisdiction.EU, Jurisdiction.EEA), 50.11, 8.68),
          new Place("FR", Set.of(Jurisdiction.EU, Jurisdiction.EEA), 48.86, 2.35),
          new Place("IE", Set.of(Jurisdiction.EU, Jurisdiction.EEA), 53.35, -6.26),
          new Place("NO", Set.of(Jurisdiction.EEA), 59.91, 10.75),
          new Place("GB", Set.of(Jurisdiction.UK), 51.51, -0.13),
          new Place("CH", Set.of(Jurisdiction.CH), 47.37, 8.54),
          new Place("US", Set.of(Jurisdiction.US), 39.04, -77.49),
          new Place("US", Set.of(Jurisdiction.US, Jurisdiction.US_GOV), 45.60, -121.20),
          new Place("CA", Set.of(Jurisdiction.CA), 45.50, -73.57),
          new Place("CN", Set.of(Jurisdiction.CN), 39.90, 116.40),
          new Place("JP", Set.of(Jurisdiction.APAC), 35.68, 139.77),
          new Place("SG", Set.of(Jurisdiction.APAC), 1.35, 103.82),
          new Place("BR", Set.of(), -23.55, -46.63));

  private static final List<String> CERTIFICATIONS = List.of("HIPAA", "C5", "FEDRAMP_HIGH", "ISO_27001");

  /**
   * The three built-in providers.
   *
   * @return AWS, GCP or Azure; never null
   */
  public static Arbitrary<CloudProvider> providers() {
    return Arbitraries.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
  }

  /**
   * The predefined jurisdictions.
   *
   * @return one of {@code EU, EEA, US, US_GOV, UK, CH, CA, CN, APAC}; never null
   */
  public static Arbitrary<Jurisdiction> jurisdictions() {
    return Arbitraries.of(
        Jurisdiction.EU, Jurisdiction.EEA, Jurisdiction.US, Jurisdiction.US_GOV, Jurisdiction.UK, Jurisdiction.CH,
        Jurisdiction.CA, Jurisdiction.CN, Jurisdiction.APAC);
  }

  /**
   * Points anywhere on earth.
   *
   * @return valid points; never null
   */
  public static Arbitrary<GeoPoint> geoPoints() {
    return Combinators.combine(
            Arbitraries.doubles().between(-90, 90).ofScale(2), Arbitraries.doubles().between(-180, 180).ofScale(2))
        .as(GeoPoint::new);
  }

  /**
   * Regions of any built-in provider.
   *
   * @return regions; never null
   */
  public static Arbitrary<Region> regions() {
    return providers().flatMap(ModelArbitraries::regions);
  }

  /**
   * Regions of one provider.
   *
   * @param provider the provider; never null
   * @return regions of that provider; never null
   */
  public static Arbitrary<Region> regions(CloudProvider provider) {
    Objects.requireNonNull(provider, "provider");
    return Combinators.combine(
            Arbitraries.integers().between(0, PLACES.size() - 1), Arbitraries.integers().between(1, 3))
        .as((placeIndex, n) -> region(provider, placeIndex, n));
  }

  private static Region region(CloudProvider provider, int placeIndex, int n) {
    Place place = PLACES.get(placeIndex);
    String code =
        place.country().toLowerCase(Locale.ROOT) + (place.jurisdictions().contains(Jurisdiction.US_GOV)
            ? "-gov-" : "-") + n;
    List<String> zones = List.of(code + "a", code + "b", code + "c");
    // Certifications follow deterministically from the place and number, so equal ids mean equal regions.
    List<String> certifications = new ArrayList<>();
    certifications.add("ISO_27001");
    if (place.country().equals("US")) {
      certifications.add("HIPAA");
    }
    if (place.jurisdictions().contains(Jurisdiction.US_GOV)) {
      certifications.add("FEDRAMP_HIGH");
    }
    if (place.jurisdictions().contains(Jurisdiction.EU) && n == 1) {
      certifications.add("C5");
    }
    return new Region(
        provider, code, place.country() + " " + n, place.country(), place.jurisdictions(), zones,
        new GeoPoint(place.latitude(), place.longitude() + n * 0.01), Set.copyOf(certifications));
  }

  /**
   * Instance types of any built-in provider.
   *
   * @return instance types; never null
   */
  public static Arbitrary<InstanceType> instanceTypes() {
    return providers().flatMap(ModelArbitraries::instanceTypes);
  }

  /**
   * Instance types of one provider: 0.5 to 64 vCPUs, 1 to 8 GiB per vCPU, now and then GPUs, x86 or ARM.
   *
   * @param provider the provider; never null
   * @return instance types of that provider; never null
   */
  public static Arbitrary<InstanceType> instanceTypes(CloudProvider provider) {
    Objects.requireNonNull(provider, "provider");
    return Combinators.combine(
            Arbitraries.of("m", "c", "r", "t"),
            Arbitraries.of(0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0),
            Arbitraries.of(1, 2, 4, 8),
            Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(0)), Tuple.of(1, Arbitraries.of(1, 2, 4, 8))),
            Arbitraries.of(Architecture.class))
        .as(
            (family, vcpus, memPerCpu, gpus, arch) -> {
              String fam = family + (arch == Architecture.ARM64 ? "g" : "") + (gpus > 0 ? "p" : "");
              double memory = vcpus * memPerCpu;
              String name = fam + "." + fmt(vcpus) + "x" + fmt(memory) + (gpus > 0 ? "-" + gpus + "gpu" : "");
              double network = vcpus >= 16 ? 25 : 10;
              return new InstanceType(provider, name, fam, vcpus, memory, gpus, gpus > 0 ? "a100" : "", arch, network);
            });
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Hourly prices in USD between 0 and 50 with 4 decimals.
   *
   * @return prices; never null
   */
  public static Arbitrary<Money> hourlyPrices() {
    return Arbitraries.bigDecimals()
        .between(BigDecimal.ZERO, new BigDecimal("50"))
        .ofScale(4)
        .map(Money::usd);
  }

  /**
   * Any purchase option.
   *
   * @return options; never null
   */
  public static Arbitrary<PurchaseOption> purchaseOptions() {
    return Arbitraries.of(PurchaseOption.class);
  }

  /**
   * Offers of any built-in provider; region and instance type share the provider, only spot carries an
   * interruption rate (0 to 0.5).
   *
   * @return offers; never null
   */
  public static Arbitrary<Offer> offers() {
    return providers()
        .flatMap(p -> Combinators.combine(regions(p), instanceTypes(p)).as(OfferSeed::new))
        .flatMap(seed -> offers(seed.region(), seed.type()));
  }

  private record OfferSeed(Region region, InstanceType type) {}

  /**
   * Offers for one region and instance type.
   *
   * @param region the region; never null
   * @param instanceType an instance type of the region's provider; never null
   * @return offers; never null
   * @throws IllegalArgumentException if the providers differ
   */
  public static Arbitrary<Offer> offers(Region region, InstanceType instanceType) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(instanceType, "instanceType");
    if (!region.provider().equals(instanceType.provider())) {
      throw new IllegalArgumentException(
          "instanceType must belong to the region's provider " + region.provider() + ", got " + instanceType);
    }
    return Combinators.combine(
            purchaseOptions(),
            hourlyPrices(),
            Arbitraries.doubles().between(0, 0.5).ofScale(2),
            Arbitraries.longs().between(0, Duration.ofDays(30).toSeconds()))
        .as(
            (option, price, rate, seconds) ->
                new Offer(
                    instanceType, region, option, price, option.isInterruptible() ? rate : 0,
                    EPOCH.plusSeconds(seconds)));
  }

  /**
   * Non-zero resource demands: 0.1 to 16 vCPUs, 0.25 to 64 GiB, now and then a GPU or network bandwidth.
   *
   * @return demands; never null
   */
  public static Arbitrary<ResourceDemand> demands() {
    return Combinators.combine(
            Arbitraries.doubles().between(0.1, 16).ofScale(2),
            Arbitraries.doubles().between(0.25, 64).ofScale(2),
            Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(0)), Tuple.of(1, Arbitraries.of(1, 2))),
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0.0)),
                Tuple.of(1, Arbitraries.doubles().between(0.1, 5).ofScale(1))))
        .as(ResourceDemand::new);
  }

  /**
   * Cost constraints: sometimes a ceiling and a budget, spot allowed or not, any interruption tolerance.
   *
   * @return constraints; never null
   */
  public static Arbitrary<CostConstraints> costConstraints() {
    return Combinators.combine(
            hourlyPrices().injectNull(0.5),
            Arbitraries.of("budget-a", "budget-b").injectNull(0.5),
            Arbitraries.of(true, false),
            Arbitraries.doubles().between(0, 1).ofScale(2),
            Arbitraries.of(true, false))
        .as(
            (ceiling, budget, spot, maxRate, commitments) -> {
              CostConstraints.Builder b =
                  CostConstraints.builder()
                      .spotAllowed(spot)
                      .maxInterruptionProbability(maxRate)
                      .commitmentsAllowed(commitments);
              if (ceiling != null) {
                b.maxHourlyCost(ceiling);
              }
              if (budget != null) {
                b.budgetId(budget);
              }
              return b.build();
            });
  }

  /**
   * User locations in the cities of the region table.
   *
   * @return locations; never null
   */
  public static Arbitrary<UserLocation> userLocations() {
    return Arbitraries.integers()
        .between(0, PLACES.size() - 1)
        .map(i -> new UserLocation("users-" + PLACES.get(i).country() + i,
            new GeoPoint(PLACES.get(i).latitude(), PLACES.get(i).longitude())));
  }

  /**
   * Performance requirements: often none, else a CPU score, a latency ceiling to 1 to 3 user locations and an
   * availability target.
   *
   * @return requirements; never null
   */
  public static Arbitrary<PerformanceRequirements> performanceRequirements() {
    Arbitrary<PerformanceRequirements> some =
        Combinators.combine(
                Arbitraries.doubles().between(0, 2).ofScale(2),
                Arbitraries.integers().between(5, 300).injectNull(0.3),
                userLocations().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(0.0, 0.99, 0.999, 0.9999))
            .as(
                (score, latencyMs, locations, availability) -> {
                  PerformanceRequirements.Builder b =
                      PerformanceRequirements.builder().minCpuScore(score).availabilityTarget(availability)
                          .userLocations(locations);
                  if (latencyMs != null) {
                    b.maxP95Latency(Duration.ofMillis(latencyMs));
                  }
                  return b.build();
                });
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(PerformanceRequirements.none())), Tuple.of(1, some));
  }

  /** What a requirement says about one provider. */
  private enum ProviderRule {
    NONE,
    ALLOW,
    DENY
  }

  /**
   * Compliance requirements: often none, else any mix of allowed countries and jurisdictions, provider allow and
   * deny lists (never overlapping) and a required certification.
   *
   * @return requirements; never null
   */
  public static Arbitrary<ComplianceRequirements> complianceRequirements() {
    Arbitrary<ComplianceRequirements> some =
        Combinators.combine(
                Arbitraries.of("DE", "FR", "IE", "NO", "GB", "CH", "US", "CA", "CN", "JP", "SG", "BR")
                    .set().ofMaxSize(3),
                jurisdictions().set().ofMaxSize(2),
                Arbitraries.of(ProviderRule.class).list().ofSize(3),
                Arbitraries.of(CERTIFICATIONS).set().ofMaxSize(1),
                Arbitraries.of(DataClassification.class))
            .as(
                (countries, jurisdictions, rules, certifications, classification) -> {
                  List<CloudProvider> allowed = new ArrayList<>();
                  List<CloudProvider> denied = new ArrayList<>();
                  List<CloudProvider> all = List.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
                  for (int i = 0; i < 3; i++) {
                    if (rules.get(i) == ProviderRule.ALLOW) {
                      allowed.add(all.get(i));
                    } else if (rules.get(i) == ProviderRule.DENY) {
                      denied.add(all.get(i));
                    }
                  }
                  return ComplianceRequirements.builder()
                      .allowedCountries(countries)
                      .allowedJurisdictions(jurisdictions)
                      .allowedProviders(allowed)
                      .deniedProviders(denied)
                      .requiredCertifications(certifications)
                      .dataClassification(classification)
                      .build();
                });
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(ComplianceRequirements.none())), Tuple.of(2, some));
  }

  /**
   * Workloads with demands, durations, priorities, owner labels and cost, performance and compliance constraints.
   * Ids are {@code w-0} to {@code w-999}.
   *
   * @return workloads; never null
   */
  public static Arbitrary<Workload> workloads() {
    Arbitrary<Workload.Builder> base =
        Combinators.combine(
                Arbitraries.integers().between(0, 999),
                demands(),
                Arbitraries.longs().between(0, Duration.ofDays(7).toMinutes()),
                Arbitraries.integers().between(0, 10),
                Arbitraries.of("general", "web", "batch", "ml-training"),
                Arbitraries.of(Architecture.class).set(),
                Arbitraries.of("payments", "search", "data"))
            .as(
                (id, demand, minutes, priority, workloadClass, architectures, team) ->
                    Workload.builder("w-" + id)
                        .demand(demand)
                        .expectedDuration(Duration.ofMinutes(minutes))
                        .priority(priority)
                        .workloadClass(workloadClass)
                        .architectures(architectures)
                        .labels(Map.of(Workload.LABEL_TEAM, team, Workload.LABEL_COST_CENTRE, "cc-" + team)));
    return Combinators.combine(base, costConstraints(), performanceRequirements(), complianceRequirements())
        .as((b, cost, performance, compliance) -> b.cost(cost).performance(performance).compliance(compliance).build());
  }

  /**
   * Running machines of any built-in provider, partly allocated, with a short performance and cost history.
   * Ids are {@code vm-0} to {@code vm-999}.
   *
   * @return machines; never null
   */
  public static Arbitrary<VirtualMachine> virtualMachines() {
    return providers()
        .flatMap(p -> Combinators.combine(regions(p), instanceTypes(p)).as(OfferSeed::new))
        .flatMap(
            seed ->
                Combinators.combine(
                        Arbitraries.integers().between(0, 999),
                        purchaseOptions(),
                        hourlyPrices(),
                        Arbitraries.doubles().between(0, 1).ofScale(2),
                        Arbitraries.doubles().between(0, 1).ofScale(2).list().ofMaxSize(3),
                        Arbitraries.integers().between(0, 3))
                    .as(
                        (id, option, price, used, utilizations, costPeriods) ->
                            machine(seed, id, option, price, used, utilizations, costPeriods)));
  }

  private static VirtualMachine machine(
      OfferSeed seed, int id, PurchaseOption option, Money price, double used, List<Double> utilizations,
      int costPeriods) {
    InstanceType type = seed.type();
    ResourceDemand allocated =
        new ResourceDemand(
            type.vcpus() * used, type.memoryGib() * used, (int) Math.floor(type.gpus() * used),
            type.networkGbps() * used);
    Instant launched = EPOCH.minus(Duration.ofDays(1));
    List<PerformanceSample> performance = new ArrayList<>();
    for (int i = 0; i < utilizations.size(); i++) {
      double u = utilizations.get(i);
      performance.add(
          new PerformanceSample(launched.plus(Duration.ofMinutes(5L * (i + 1))), u, used, 10 + 100 * u, 1.0));
    }
    List<CostSample> costs = new ArrayList<>();
    for (int i = 0; i < costPeriods; i++) {
      Instant start = launched.plus(Duration.ofHours(i));
      costs.add(new CostSample(start, start.plus(Duration.ofHours(1)), price));
    }
    return VirtualMachine.builder("vm-" + id)
        .instanceType(type)
        .region(seed.region())
        .zone(seed.region().zones().get(0))
        .purchaseOption(option)
        .hourlyPrice(price)
        .launchedAt(launched)
        .allocated(allocated)
        .labels(Map.of(Workload.LABEL_TEAM, "fleet"))
        .performanceHistory(performance)
        .costHistory(costs)
        .build();
  }
}
