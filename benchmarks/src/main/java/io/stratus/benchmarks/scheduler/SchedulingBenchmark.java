package io.stratus.benchmarks.scheduler;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.GeoPoint;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-decision throughput and latency of the schedulers over 1,000, 10,000 and 100,000 candidates drawn (seeded)
 * from the bundled price catalog's real AWS, GCP and Azure offers, for a rotating mix of 64 workloads (EU web with
 * latency limits, spot-tolerant batch, GPU training, HIPAA data, ARM services). The peer in the same run is
 * {@link NaiveScheduler}: the textbook object-per-candidate filter/score loop over the same candidates.
 *
 * <p>Run (after {@code ./mvnw -B -q -o package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'scheduler.SchedulingBenchmark' -f 1 -wi 3 -i 5 -t 1
 * java -jar benchmarks/target/benchmarks.jar 'scheduler.SchedulingBenchmark' -f 1 -wi 3 -i 5 -t 1 -bm sample -tu us
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulingBenchmark {
  @Param({"1000", "10000", "100000"})
  public int candidates;

  private CostAwareScheduler costAware;
  private EnhancedScheduler enhanced;
  private NaiveScheduler naive;
  private Workload[] workloads;
  private int next;

  /** A fixed list of offers served as a price source. */
  static final class FixedPricing implements PricingProvider {
    private final List<Offer> offers;
    private final BundledCatalog catalog;

    FixedPricing(List<Offer> offers, BundledCatalog catalog) {
      this.offers = List.copyOf(offers);
      this.catalog = catalog;
    }

    @Override
    public String id() {
      return "benchmark-sample";
    }

    @Override
    public Set<CloudProvider> providers() {
      return catalog.providers();
    }

    @Override
    public List<io.stratus.model.Region> regions() {
      return catalog.regions();
    }

    @Override
    public List<io.stratus.model.InstanceType> instanceTypes() {
      return catalog.instanceTypes();
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      return offers;
    }
  }

  /**
   * Draws {@code n} offers from the bundled catalog with a fixed seed.
   *
   * @param n how many
   * @return the offers
   */
  static List<Offer> sample(int n) {
    List<Offer> all = new ArrayList<>(BundledCatalog.load().offers(OfferQuery.all()));
    all.removeIf(o -> !o.hourlyPrice().currency().equals(Money.USD));
    Collections.shuffle(all, new Random(20260101L));
    if (n > all.size()) {
      throw new IllegalStateException("catalog has only " + all.size() + " USD offers, asked for " + n);
    }
    return all.subList(0, n);
  }

  /**
   * The workload mix: 64 workloads of eight kinds.
   *
   * @return the workloads
   */
  static Workload[] mix() {
    UserLocation paris = new UserLocation("Paris", new GeoPoint(48.86, 2.35));
    UserLocation berlin = new UserLocation("Berlin", new GeoPoint(52.52, 13.40));
    ComplianceRequirements eu =
        ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build();
    ComplianceRequirements hipaa = ComplianceRequirements.builder().requiredCertifications(Set.of("HIPAA"))
        .allowedCountries(Set.of("US")).build();
    CostConstraints spot = CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.15).build();
    List<Workload> kinds = List.of(
        Workload.builder("web").workloadClass("web").demand(ResourceDemand.of(2, 4)).compliance(eu)
            .performance(PerformanceRequirements.builder().userLocations(List.of(paris, berlin))
                .maxP95Latency(Duration.ofMillis(40)).availabilityTarget(0.99).build()).build(),
        Workload.builder("batch").workloadClass("batch").demand(ResourceDemand.of(8, 32)).cost(spot).build(),
        Workload.builder("train").workloadClass("ml-training").demand(new ResourceDemand(8, 60, 1, 0)).build(),
        Workload.builder("phi").demand(ResourceDemand.of(4, 16)).compliance(hipaa).build(),
        Workload.builder("arm").demand(ResourceDemand.of(2, 8)).architectures(List.of(Architecture.ARM64)).build(),
        Workload.builder("cheap").demand(ResourceDemand.of(1, 2))
            .cost(CostConstraints.builder().maxHourlyCost(Money.of("0.05", "USD")).build()).build(),
        Workload.builder("mem").demand(ResourceDemand.of(16, 256)).compliance(eu).build(),
        Workload.builder("gcp-only").demand(ResourceDemand.of(4, 16))
            .compliance(ComplianceRequirements.builder().allowedProviders(Set.of(CloudProvider.GCP)).build())
            .build());
    Workload[] out = new Workload[64];
    for (int i = 0; i < out.length; i++) {
      out[i] = kinds.get(i % kinds.size()).toBuilder().build();
    }
    return out;
  }

  @Setup(Level.Trial)
  public void setUp() {
    BundledCatalog catalog = BundledCatalog.load();
    List<Offer> offers = sample(candidates);
    FixedPricing pricing = new FixedPricing(offers, catalog);
    costAware = CostAwareScheduler.builder().pricing(pricing).cacheTtl(Duration.ofDays(1))
        .refreshAfter(Duration.ofHours(1)).build();
    enhanced = EnhancedScheduler.builder().pricing(pricing).tradeOff(0.5).cacheTtl(Duration.ofDays(1))
        .refreshAfter(Duration.ofHours(1)).build();
    naive = new NaiveScheduler(offers);
    workloads = mix();
    for (Workload w : workloads) {
      if (!costAware.schedule(w).equals(costAware.schedule(w))) {
        throw new IllegalStateException("decisions must be deterministic");
      }
      if (w.cost().spotAllowed() || !w.performance().equals(PerformanceRequirements.none())) {
        continue;
      }
      Decision ours = costAware.schedule(w);
      NaiveScheduler.Result theirs = naive.schedule(w);
      if (ours.isPlaced() != theirs.placed()
          || (ours.isPlaced() && ours.hourlyCost().orElseThrow().compareTo(theirs.hourlyPrice()) != 0)) {
        throw new IllegalStateException(
            "cost-aware and naive disagree for " + w.id() + ": " + ours + " vs " + theirs);
      }
    }
  }

  private Workload nextWorkload() {
    Workload w = workloads[next];
    next = (next + 1) & (workloads.length - 1);
    return w;
  }

  @Benchmark
  public Decision costAware() {
    return costAware.schedule(nextWorkload());
  }

  @Benchmark
  public Decision enhancedTradeOff() {
    return enhanced.schedule(nextWorkload());
  }

  @Benchmark
  public NaiveScheduler.Result naivePeer() {
    return naive.schedule(nextWorkload());
  }
}
