package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.scheduler.Objective;
import io.stratus.scheduler.ScorePlugin;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The optimized decision path ({@link Engine#decide}: candidates grouped by region and group key, vCPU by binary search
 * or branch-free count, branch-free memory checks, folded weighted scoring with comparison-based minima and maxima)
 * gives exactly the decision of a straightforward evaluation: every
 * candidate checked on its own with {@link Query#regionAllowed} and {@link Query#check}, then the plugins; minima and
 * maxima with {@link Math#min}/{@link Math#max}; every feasible candidate scored with the weighted formula; ties by
 * expected cost, preference and index. Random snapshots are large enough (up to ~700 candidates) for groups of more
 * than 64 candidates, and mix currencies, spot rates, commitments, GPUs, networks, performance history, latency, and
 * filter and score plugins.
 */
class EngineReferenceTest {
  private static final int COST = Objective.COST.ordinal();
  private static final int CPU = Objective.CPU.ordinal();
  private static final int LATENCY = Objective.LATENCY.ordinal();
  private static final int RELIABILITY = Objective.RELIABILITY.ordinal();
  private static final double[] VCPUS = {1, 2, 4, 8, 16, 32};
  private static final double[] MEMORY = {0.5, 1, 2, 4, 8, 16, 32, 64, 128};
  private static final double[] NETWORK = {0.5, 1, 5, 10, 25};
  private static final double[] RATES = {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3};

  /** One random world: a snapshot, a history and workloads. */
  record World(Snapshot snapshot, List<Workload> workloads, Random random) {}

  static World world(long seed) {
    Random rnd = new Random(seed);
    int typeCount = 1 + rnd.nextInt(60);
    List<InstanceType> types = new ArrayList<>();
    for (int k = 0; k < typeCount; k++) {
      CloudProvider p = List.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE).get(rnd.nextInt(3));
      double vcpu = VCPUS[rnd.nextInt(VCPUS.length)];
      double mem = MEMORY[rnd.nextInt(MEMORY.length)];
      int gpus = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(4) : 0;
      Architecture arch = rnd.nextInt(4) == 0 ? Architecture.ARM64 : Architecture.X86_64;
      types.add(new InstanceType(p, "t" + k + "." + (int) vcpu, "t" + k, vcpu, mem, gpus, gpus > 0 ? "A10" : "",
          arch, NETWORK[rnd.nextInt(NETWORK.length)]));
    }
    History history = new History();
    List<Candidate> candidates = new ArrayList<>();
    boolean euros = rnd.nextInt(4) == 0;
    int offerCount = rnd.nextInt(700);
    Map<String, Offer> offers = new LinkedHashMap<>();
    for (int k = 0; k < offerCount; k++) {
      InstanceType t = types.get(rnd.nextInt(types.size()));
      Region r = regionOf(t.provider(), rnd);
      PurchaseOption po = PurchaseOption.values()[rnd.nextInt(PurchaseOption.values().length)];
      // a few repeated prices, so that ties by cost and by score happen
      BigDecimal price = BigDecimal.valueOf(rnd.nextInt(3) == 0 ? 100 * (1 + rnd.nextInt(5)) : 1 + rnd.nextInt(4000),
          3);
      String currency = euros && rnd.nextInt(8) == 0 ? "EUR" : "USD";
      double rate = po == PurchaseOption.SPOT ? RATES[rnd.nextInt(RATES.length)] : 0;
      Offer o = new Offer(t, r, po, new Money(price, java.util.Currency.getInstance(currency)), rate, Fixtures.T0);
      offers.putIfAbsent(o.id(), o);
    }
    offers.values().forEach(o -> candidates.add(Candidate.newInstance(o)));
    int vms = rnd.nextInt(6);
    for (int k = 0; k < vms; k++) {
      InstanceType t = types.get(rnd.nextInt(types.size()));
      PurchaseOption po = List.of(PurchaseOption.ON_DEMAND, PurchaseOption.RESERVED_1Y, PurchaseOption.SPOT)
          .get(rnd.nextInt(3));
      double used = rnd.nextDouble();
      VirtualMachine vm = VirtualMachine.builder("vm-" + k)
          .instanceType(t)
          .region(regionOf(t.provider(), rnd))
          .purchaseOption(po)
          .hourlyPrice(Money.of("0.3", "USD"))
          .launchedAt(Fixtures.T0)
          .allocated(new ResourceDemand(t.vcpus() * used, t.memoryGib() * used, 0, 0))
          .build();
      candidates.add(Candidate.onRunningVm(vm, po.isInterruptible() ? RATES[rnd.nextInt(RATES.length)] : 0));
    }
    for (InstanceType t : types) {
      for (Region r : Fixtures.REGIONS) {
        if (r.provider() == t.provider() && rnd.nextInt(3) == 0) {
          history.cpu(t, r, "web", 0.5 + rnd.nextInt(6) * 0.5, rnd.nextInt(4) * 0.004);
        }
      }
    }
    if (rnd.nextBoolean()) {
      history.latency(Fixtures.AWS_FRANKFURT, Fixtures.PARIS, 5 + rnd.nextInt(30));
    }
    Snapshot s = Snapshot.of(Fixtures.T0, candidates, rnd.nextBoolean() ? history : null);
    List<Workload> workloads = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      workloads.add(workload(k, rnd));
    }
    return new World(s, workloads, rnd);
  }

  private static Region regionOf(CloudProvider p, Random rnd) {
    List<Region> fitting = Fixtures.REGIONS.stream().filter(r -> r.provider() == p).toList();
    return fitting.isEmpty() ? Fixtures.REGIONS.get(rnd.nextInt(Fixtures.REGIONS.size()))
        : fitting.get(rnd.nextInt(fitting.size()));
  }

  private static Workload workload(int k, Random rnd) {
    CostConstraints.Builder cost = CostConstraints.builder()
        .spotAllowed(rnd.nextBoolean())
        .maxInterruptionProbability(List.of(0.05, 0.1, 0.15, 1.0).get(rnd.nextInt(4)))
        .commitmentsAllowed(rnd.nextInt(3) > 0);
    if (rnd.nextInt(3) == 0) {
      cost.maxHourlyCost(Money.of(String.valueOf(0.1 + rnd.nextInt(30) * 0.1), rnd.nextInt(6) == 0 ? "EUR" : "USD"));
    }
    PerformanceRequirements.Builder perf = PerformanceRequirements.builder();
    if (rnd.nextInt(3) == 0) {
      perf.minCpuScore(rnd.nextInt(5) * 0.5);
    }
    if (rnd.nextInt(3) == 0) {
      perf.availabilityTarget(List.of(0.9, 0.99, 0.995, 0.999).get(rnd.nextInt(4)));
    }
    if (rnd.nextInt(3) == 0) {
      perf.userLocations(List.of(Fixtures.PARIS));
      if (rnd.nextBoolean()) {
        perf.maxP95Latency(Duration.ofMillis(10 + rnd.nextInt(200)));
      }
    }
    ComplianceRequirements.Builder compliance = ComplianceRequirements.builder();
    switch (rnd.nextInt(4)) {
      case 0 -> compliance.allowedJurisdictions(Set.of(Jurisdiction.EU));
      case 1 -> compliance.allowedProviders(Set.of(CloudProvider.AWS, CloudProvider.GCP));
      case 2 -> compliance.requiredCertifications(Set.of("HIPAA"));
      default -> { }
    }
    Workload.Builder b = Workload.builder("w-" + k)
        .workloadClass(rnd.nextBoolean() ? "web" : "batch")
        .demand(new ResourceDemand(VCPUS[rnd.nextInt(4)] / (rnd.nextBoolean() ? 2 : 1),
            MEMORY[rnd.nextInt(MEMORY.length - 2)], rnd.nextInt(6) == 0 ? 1 : 0,
            rnd.nextInt(3) == 0 ? NETWORK[rnd.nextInt(NETWORK.length)] : 0))
        .cost(cost.build())
        .performance(perf.build())
        .compliance(compliance.build());
    if (rnd.nextInt(4) == 0) {
      b.architectures(List.of(Architecture.ARM64));
    }
    if (rnd.nextInt(3) == 0) {
      b.expectedDuration(Duration.ofDays(30L * (1 + rnd.nextInt(40))));
    }
    return b.build();
  }

  /** A filter plugin that rejects by a hash of the candidate id. */
  static final class HashFilter implements FilterPlugin {
    @Override
    public Optional<String> filter(Workload workload, Candidate candidate) {
      return Math.floorMod(candidate.id().hashCode(), 5) == 0 ? Optional.of("unlucky id") : Optional.empty();
    }

    @Override
    public String name() {
      return "hash";
    }
  }

  /** A score plugin that prefers more memory. */
  static final class MemoryScore implements ScorePlugin {
    @Override
    public double score(Workload workload, Candidate candidate) {
      return candidate.capacity().memoryGib();
    }

    @Override
    public String name() {
      return "memory";
    }
  }

  static Scoring scoring(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return Scoring.costOnly();
      case 1:
        return Scoring.weighted(new double[] {0.5, 1 / 6.0, 1 / 6.0, 1 / 6.0}, List.of(), new double[0]);
      case 2:
        return Scoring.weighted(new double[] {rnd.nextInt(3), rnd.nextInt(2), rnd.nextInt(2), 1 + rnd.nextInt(2)},
            List.of(), new double[0]);
      default:
        return Scoring.weighted(new double[] {1, 0, 0.5, 0}, List.of(new MemoryScore()), new double[] {0.25});
    }
  }

  @Property(tries = 150)
  void decide_randomSnapshots_sameDecisionAsStraightforwardEvaluation(
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
    World world = world(seed);
    Snapshot s = world.snapshot();
    Random rnd = world.random();
    List<FilterPlugin> filters = rnd.nextInt(4) == 0 ? List.of(new HashFilter()) : List.of();
    Scoring scoring = scoring(rnd);
    Engine engine = new Engine(() -> s, filters, scoring, BatchSettings.defaults(0));
    for (Workload w : world.workloads()) {
      Decision actual = engine.decide(s, w);
      Reference expected = reference(engine, s, w);

      assertThat(actual.explanation().considered()).isEqualTo(s.n);
      assertThat(actual.explanation().feasible()).as("feasible of %s", w).isEqualTo(expected.feasible.size());
      Map<String, Integer> rejections = new HashMap<>();
      actual.explanation().rejections().forEach(r -> rejections.put(r.reason(), r.count()));
      assertThat(rejections).as("rejections of %s", w).isEqualTo(expected.rejections);
      if (expected.best < 0) {
        assertThat(actual.isPlaced()).isFalse();
        continue;
      }
      Candidate best = s.candidates[expected.best];
      assertThat(actual.candidate()).as("candidate for %s", w).contains(best);
      assertThat(actual.hourlyCost()).contains(best.marginalHourlyCost());
      assertThat(actual.explanation().scores()).as("scores for %s", w).isEqualTo(expected.scores);
      assertThat(actual.prediction()).contains(engine.prediction(new Query(s, w), expected.best));
      assertThat(actual.explanation().notes())
          .isEqualTo(engine.notes(new Query(s, w), expected.anySpot, expected.best));
    }
  }

  @Property(tries = 100)
  void filter_randomSnapshots_sameFeasibleSetAndCountsAsPerCandidateCheck(
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
    World world = world(seed);
    Snapshot s = world.snapshot();
    List<FilterPlugin> filters = world.random().nextBoolean() ? List.of(new HashFilter()) : List.of();
    Engine engine = new Engine(() -> s, filters, Scoring.costOnly(), BatchSettings.defaults(0));
    for (Workload w : world.workloads()) {
      Engine.Filtered f = engine.filter(new Query(s, w));
      TreeSet<Integer> fast = new TreeSet<>();
      for (int j = 0; j < f.count; j++) {
        fast.add(f.feasible[j]);
      }
      Reference expected = reference(engine, s, w);
      assertThat(fast).isEqualTo(new TreeSet<>(expected.feasible));
      Map<String, Integer> rejections = new HashMap<>();
      f.rejections().forEach(r -> rejections.put(r.reason(), r.count()));
      assertThat(rejections).isEqualTo(expected.rejections);
    }
  }

  /** The straightforward evaluation's outcome. */
  static final class Reference {
    final List<Integer> feasible = new ArrayList<>();
    final Map<String, Integer> rejections = new HashMap<>();
    final List<Explanation.Score> scores = new ArrayList<>();
    int best = -1;
    boolean anySpot;
  }

  static Reference reference(Engine engine, Snapshot s, Workload w) {
    Query q = new Query(s, w);
    Reference ref = new Reference();
    for (int i = 0; i < s.n; i++) {
      int r = s.regionOf[i];
      if (!q.regionAllowed(r)) {
        ref.rejections.merge(q.regionReason(r), 1, Integer::sum);
        continue;
      }
      int code = q.check(i);
      if (code != Query.OK) {
        ref.rejections.merge(q.reason(code), 1, Integer::sum);
        continue;
      }
      Optional<String> rejected = Optional.empty();
      for (FilterPlugin p : engine.filters()) {
        rejected = p.filter(w, s.candidates[i]).map(reason -> p.name() + ": " + reason);
        if (rejected.isPresent()) {
          break;
        }
      }
      if (rejected.isPresent()) {
        ref.rejections.merge(rejected.get(), 1, Integer::sum);
        continue;
      }
      ref.feasible.add(i);
      ref.anySpot |= s.candidates[i].purchaseOption() == PurchaseOption.SPOT;
    }
    if (ref.feasible.isEmpty()) {
      return ref;
    }
    Scoring scoring = engine.scoring;
    double[] wts = scoring.weights;
    double[] min = new double[4];
    double[] max = new double[4];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    double[] raw = new double[4];
    for (int i : ref.feasible) {
      Engine.rawValues(q, i, raw);
      for (int k = 0; k < 4; k++) {
        min[k] = Math.min(min[k], raw[k]);
        max[k] = Math.max(max[k], raw[k]);
      }
    }
    // the engine's folded form of sum_k w_k * normalized_k
    double[] scale = new double[4];
    double constant = 0;
    for (int k = 0; k < 4; k++) {
      double span = max[k] - min[k];
      if (wts[k] == 0) {
        continue;
      }
      if (!(span > 0)) {
        constant += wts[k];
      } else if (k == CPU) {
        scale[k] = wts[k] / span;
        constant -= wts[k] * min[k] / span;
      } else {
        scale[k] = -wts[k] / span;
        constant += wts[k] * max[k] / span;
      }
    }
    int plugins = scoring.plugins.size();
    double[][] pluginRaw = new double[plugins][ref.feasible.size()];
    double[] pMin = new double[plugins];
    double[] pMax = new double[plugins];
    for (int p = 0; p < plugins; p++) {
      pMin[p] = Double.POSITIVE_INFINITY;
      pMax[p] = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < ref.feasible.size(); j++) {
        double v = scoring.plugins.get(p).score(w, s.candidates[ref.feasible.get(j)]);
        pluginRaw[p][j] = v;
        pMin[p] = Math.min(pMin[p], v);
        pMax[p] = Math.max(pMax[p], v);
      }
    }
    int best = -1;
    int bestJ = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < ref.feasible.size(); j++) {
      int i = ref.feasible.get(j);
      Engine.rawValues(q, i, raw);
      double score = constant + scale[COST] * raw[COST] + scale[CPU] * raw[CPU] + scale[RELIABILITY] * raw[RELIABILITY]
          + (q.regionLatency == null ? 0 : scale[LATENCY] * raw[LATENCY]);
      for (int p = 0; p < plugins; p++) {
        double span = pMax[p] - pMin[p];
        score += scoring.pluginWeights[p] * (span > 0 ? (pluginRaw[p][j] - pMin[p]) / span : 1);
      }
      if (best < 0 || score > bestScore || (score == bestScore && referenceTieBetter(s, i, best))) {
        best = i;
        bestJ = j;
        bestScore = score;
      }
    }
    ref.best = best;
    for (int k = 0; k < 4; k++) {
      if (wts[k] > 0) {
        double v = Engine.raw(q, k, best);
        ref.scores.add(new Explanation.Score(
            Objective.values()[k].pluginName(), wts[k], v, Engine.normalize(k, v, min[k], max[k])));
      }
    }
    for (int p = 0; p < plugins; p++) {
      double span = pMax[p] - pMin[p];
      double v = pluginRaw[p][bestJ];
      ref.scores.add(new Explanation.Score(
          scoring.plugins.get(p).name(), scoring.pluginWeights[p], v, span > 0 ? (v - pMin[p]) / span : 1));
    }
    return ref;
  }

  private static boolean referenceTieBetter(Snapshot s, int i, int best) {
    if (s.expectedCost[i] != s.expectedCost[best]) {
      return s.expectedCost[i] < s.expectedCost[best];
    }
    if (s.preference[i] != s.preference[best]) {
      return s.preference[i] < s.preference[best];
    }
    return i < best;
  }
}
