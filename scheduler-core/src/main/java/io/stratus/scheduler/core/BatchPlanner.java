package io.stratus.scheduler.core;

import io.stratus.model.Architecture;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Money;
import io.stratus.model.CostConstraints;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.placement.PlacementListener;
import io.stratus.scheduler.core.placement.PlacementProgress;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places many workloads at once: variable-sized bin packing over the snapshot, where a bin is a new instance of an
 * offer (type × region × purchase option, at its expected hourly cost) or a running machine with its free capacity (at
 * cost 0), and each workload may only go where every single-decision filter lets it (compliance, architecture, GPUs,
 * purchase options, interruption, cost and performance rules). Stateless and thread-safe.
 *
 * <p><b>Candidate reduction.</b> Workloads are grouped into eligibility classes (the same requirements apart from the
 * size of the demand; with host filter plugins, one class per workload). Each class's filters run once, with the
 * class's smallest demand, which marks the candidates every member may use apart from size. Offers are grouped by the
 * set of classes that accept them; within a group, only the cheapest offer of each shape is kept, and of those only
 * the offers that no cheaper (or equally cheap) offer of the group dominates in vCPU, memory, GPUs and network. A
 * pruned offer is thus replaceable, in any bin of any plan, by a kept one that the same workloads accept, is at least
 * as large and costs no more: the reduction loses no plan's cost. A workload's allowed bin types are the kept offers
 * its class accepts and that hold it. The search never looks at the catalog again.
 *
 * <p><b>Search.</b> {@link BatchSearch}: the per-workload greedy plan first (so the result is never worse than
 * placing each workload alone on its cheapest feasible candidate), then a marginal-cost packing construction, then
 * ruin-and-recreate steps, within the configured steps or time budget, stopping early when the gap to the lower bound
 * is below {@value #TARGET_GAP_PERCENT}% or no improvement came for a while. The lower bound is the dual of the LP
 * relaxation over the reduced candidates.
 *
 * <p><b>Placement groups.</b> Members of a {@link io.stratus.model.PlacementGroup} are kept at most
 * {@code maxPerMachine} to a bin (new instance or running machine) and, per spread constraint, within the maximum skew
 * over regions or providers (the Kubernetes rule: a member may go to a domain whose count plus one is at most the
 * smallest count of an eligible domain plus the skew). Hard rules hold in the greedy plan, the construction and every
 * accepted step; soft spread adds, per unit of excess skew, the mean cost of the group's members alone to the
 * objective. For the classes with a spread constraint, a second reduction keeps the cheapest undominated offers per
 * region as extra bin types that only those classes may use, so no region a member could use is lost (bins shared
 * with other classes use the common types). The lower bound ignores the groups: they only restrict plans, so it
 * stays a valid (if looser) bound. Members a hard rule blocks are unschedulable with the group and rule named.
 *
 * <p><b>Explanations.</b> Once the search has ended, each placed workload of the final plan gets a placed
 * {@link Decision} built as single decisions build theirs ({@link Engine#explanation}, {@link Engine#candidateNotes}):
 * the candidate counts and rejections by reason of its eligibility class's filter pass (run once per class, at the
 * class's smallest demand, which a note states when the workload's demand is larger), the expected-cost score of its
 * target, and a note on why batch placement put it there: packed with other workloads (the shared price against its
 * cheapest feasible offer alone), alone on its cheapest feasible offer, or on a running machine with spare capacity.
 */
final class BatchPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPlanner.class);
  static final double TARGET_GAP_PERCENT = 0.5;
  private static final double TARGET_GAP = TARGET_GAP_PERCENT / 100;
  private static final int BOUND_ITERATIONS = 60;
  /**
   * Steps without a better plan by at least {@link #MIN_GAIN} (relative) before the search stops: this many per
   * workload, at least {@link #MIN_STALL}.
   */
  private static final int STALL_PER_ITEM = 2;
  private static final int MIN_STALL = 1_000;
  private static final double MIN_GAIN = 5e-4;
  private static final int REPORT_EVERY = 256;
  private static final int TICK_EVERY = 8;
  private static final double HOURS_PER_MONTH = 365.25 * 24 / 12;
  /** Decimal places of a workload's share of a shared instance's hourly price. */
  private static final int SHARE_DIGITS = 6;

  private BatchPlanner() {}

  static List<Workload> checkUnique(List<Workload> workloads) {
    Objects.requireNonNull(workloads, "workloads must not be null");
    Set<String> ids = new HashSet<>();
    Map<String, Workload> firstOfGroup = new HashMap<>();
    for (Workload w : workloads) {
      Objects.requireNonNull(w, "workloads must not contain null elements");
      if (!ids.add(w.id())) {
        throw new IllegalArgumentException(
            "workloads must have unique ids: '" + w.id() + "' appears more than once");
      }
      w.placementGroup().ifPresent(g -> {
        Workload first = firstOfGroup.putIfAbsent(g.name(), w);
        if (first != null && !first.placementGroup().orElseThrow().equals(g)) {
          throw new IllegalArgumentException("workloads of one placement group must carry equal rules: '" + w.id()
              + "' has placementGroup " + g + " but '" + first.id() + "' has "
              + first.placementGroup().orElseThrow());
        }
      });
    }
    return List.copyOf(workloads);
  }

  /** What decides which candidates a workload may use, apart from the size of its demand. */
  private record ClassKey(
      ComplianceRequirements compliance,
      PerformanceRequirements performance,
      String workloadClass,
      Set<Architecture> architectures,
      CostConstraints cost,
      int termMask,
      String workloadId) {

    static ClassKey of(Workload w, boolean perWorkload) {
      return new ClassKey(w.compliance(), w.performance(), w.workloadClass(), w.architectures(), w.cost(),
          termMask(w.expectedDuration()), perWorkload ? w.id() : "");
    }

    /** Which commitment terms fit the expected duration (the only way the filters use the duration). */
    private static int termMask(Duration expected) {
      double months = expected.isZero()
          ? Double.POSITIVE_INFINITY
          : expected.toMillis() / 3_600_000.0 / HOURS_PER_MONTH;
      int mask = 0;
      for (PurchaseOption p : PurchaseOption.values()) {
        if (p.isCommitment() && p.termMonths() <= months) {
          mask |= 1 << p.ordinal();
        }
      }
      return mask;
    }
  }

  /** An offer shape within a group of offers accepted by the same classes. */
  private record ShapeKey(long signature, int region, double vcpus, double memory, int gpus, double network) {}

  /** A group of offers accepted by the same classes (and in one region, for the spread classes' own reduction). */
  private record GroupKey(long signature, int region) {}

  static PlacementPlan plan(Engine engine, Snapshot s, List<Workload> input, BatchSettings settings) {
    List<Workload> workloads = checkUnique(input);
    int n = workloads.size();
    long start = settings.ticker != null ? settings.ticker.getAsLong() : 0;

    // Eligibility classes and their representatives (the smallest demand of the class, so its filters accept every
    // candidate a member may use).
    boolean perWorkload = !engine.filters().isEmpty();
    Map<ClassKey, Integer> classIndex = new LinkedHashMap<>();
    int[] itemClass = new int[n];
    List<Workload> firstOf = new ArrayList<>();
    List<double[]> minOf = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Workload w = workloads.get(k);
      ResourceDemand d = w.demand();
      Integer c = classIndex.putIfAbsent(ClassKey.of(w, perWorkload), classIndex.size());
      if (c == null) {
        c = classIndex.size() - 1;
        firstOf.add(w);
        minOf.add(new double[] {d.vcpus(), d.memoryGib(), d.gpus(), d.networkGbps()});
      } else {
        double[] m = minOf.get(c);
        m[0] = Math.min(m[0], d.vcpus());
        m[1] = Math.min(m[1], d.memoryGib());
        m[2] = Math.min(m[2], d.gpus());
        m[3] = Math.min(m[3], d.networkGbps());
      }
      itemClass[k] = c;
    }
    int classes = firstOf.size();
    Query[] reps = new Query[classes];
    for (int c = 0; c < classes; c++) {
      Workload first = firstOf.get(c);
      double[] m = minOf.get(c);
      ResourceDemand min = new ResourceDemand(m[0], m[1], (int) m[2], m[3]);
      Workload rep = min.equals(first.demand()) ? first : first.toBuilder().demand(min).build();
      reps[c] = new Query(s, rep);
    }

    // Which classes accept each candidate, as a 64-bit signature (a sum of random keys per class; distinct sets of
    // classes collide with probability about 2^-64 per pair).
    long[] classKeys = new long[classes];
    SplittableRandom keys = new SplittableRandom(0x5eed_ba7c_4L);
    for (int c = 0; c < classes; c++) {
      classKeys[c] = keys.nextLong() | 1L;
    }
    long[] signature = new long[s.n];
    boolean[] spreadClass = new boolean[classes];
    for (int k = 0; k < n; k++) {
      spreadClass[itemClass[k]] |= workloads.get(k).placementGroup().map(g -> !g.spread().isEmpty()).orElse(false);
    }
    long[] spreadSignature = new long[s.n];
    ClassPass[] passes = new ClassPass[classes];
    // Which candidates each class's filter pass accepted: the allowed bin types and the explanations are built from
    // these passes, so no filter is asked about the same (workload, candidate) twice in one plan (a host filter may
    // audit each refusal, as the residency policy does).
    BitSet[] accepted = new BitSet[classes];
    for (int c = 0; c < classes; c++) {
      Engine.Filtered f = engine.filter(reps[c]);
      double minCost = Double.POSITIVE_INFINITY;
      double maxCost = Double.NEGATIVE_INFINITY;
      accepted[c] = new BitSet(s.n);
      for (int j = 0; j < f.count; j++) {
        int i = f.feasible[j];
        accepted[c].set(i);
        signature[i] += classKeys[c];
        spreadSignature[i] += spreadClass[c] ? classKeys[c] : 0;
        minCost = Math.min(minCost, s.expectedCost[i]);
        maxCost = Math.max(maxCost, s.expectedCost[i]);
      }
      passes[c] = new ClassPass(reps[c], f, Engine.anySpot(s, f), minCost, maxCost);
    }

    // Reduction: cheapest offer per (signature, shape), then the undominated ones per signature; running machines
    // are all kept (each is a bin of its own). Then, for the classes with a spread constraint only, the same per
    // region over the offers they accept (those not kept already), so that no region a spread member could use is lost.
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < s.n; i++) {
      if (signature[i] != 0 && s.kind[i] == Snapshot.KIND_RUNNING) {
        kept.add(i);
      }
    }
    int runningCount = kept.size();
    keepUndominated(s, signature, false, kept);
    int baseTypes = kept.size();
    keepUndominated(s, spreadSignature, true, kept);
    int types = kept.size();
    double[] cost = s.expectedCost;
    double[] cap = new double[types * BatchSearch.D];
    double[] typeCost = new double[types];
    boolean[] fixed = new boolean[types];
    List<List<Integer>> allowed = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      allowed.add(new ArrayList<>());
    }
    for (int t = 0; t < types; t++) {
      int i = kept.get(t);
      cap[t * 4] = s.vcpus[i];
      cap[t * 4 + 1] = s.memory[i];
      cap[t * 4 + 2] = s.gpus[i];
      cap[t * 4 + 3] = s.network[i];
      fixed[t] = t < runningCount;
      typeCost[t] = fixed[t] ? 0 : cost[i];
      for (int c = 0; c < classes; c++) {
        if ((t < baseTypes || spreadClass[c]) && accepted[c].get(i)) {
          allowed.get(c).add(t);
        }
      }
    }
    int[][] classAllowed = new int[classes][];
    for (int c = 0; c < classes; c++) {
      classAllowed[c] = allowed.get(c).stream().mapToInt(Integer::intValue).toArray();
    }
    double[] dem = new double[n * 4];
    int[] priority = new int[n];
    for (int k = 0; k < n; k++) {
      priority[k] = workloads.get(k).priority();
      ResourceDemand d = workloads.get(k).demand();
      dem[k * 4] = d.vcpus();
      dem[k * 4 + 1] = d.memoryGib();
      dem[k * 4 + 2] = d.gpus();
      dem[k * 4 + 3] = d.networkGbps();
    }

    GroupIndex groups = GroupIndex.of(workloads, s, kept);
    BatchSearch search = new BatchSearch(dem, itemClass, cap, typeCost, fixed, classAllowed, priority, settings.seed,
        groups.search());
    search.greedy();
    search.construct();
    double bound = search.lowerBound(BOUND_ITERATIONS);
    Run run = new Run(search, settings, start, bound);
    if (run.report(false)) {
      search.startSearch();
      long stall = Math.max(MIN_STALL, (long) STALL_PER_ITEM * n);
      long lastBetter = 0;
      double reference = search.bestTotal();
      long lastReport = 0;
      while (search.steps() < settings.maxSteps && !search.done(bound, TARGET_GAP)) {
        if (settings.budgetNanos >= 0 && search.steps() % TICK_EVERY == 0 && run.elapsed() >= settings.budgetNanos) {
          break;
        }
        if (search.step()) {
          if (search.bestTotal() < reference * (1 - MIN_GAIN)) {
            lastBetter = search.steps();
            reference = search.bestTotal();
          }
          if (search.steps() - lastReport >= REPORT_EVERY) {
            lastReport = search.steps();
            if (!run.report(false)) {
              break;
            }
          }
        }
        if (search.steps() - lastBetter >= stall) {
          break;
        }
      }
    }
    run.report(true);
    search.restoreBestPlan();
    return toPlan(engine, s, workloads, search, kept, settings, bound, new Classes(itemClass, passes), groups);
  }

  /**
   * One eligibility class's filter pass, kept for the explanations of the final plan (its feasible indices are
   * scratch and not used after the pass).
   */
  private record ClassPass(Query rep, Engine.Filtered filtered, boolean anySpot, double minCost, double maxCost) {}

  /** Which class each workload is in, and each class's filter pass. */
  private record Classes(int[] itemClass, ClassPass[] passes) {}

  /** Progress reporting for one plan. */
  private static final class Run {
    final BatchSearch search;
    final BatchSettings settings;
    final long start;
    final double bound;

    Run(BatchSearch search, BatchSettings settings, long start, double bound) {
      this.search = search;
      this.settings = settings;
      this.start = start;
      this.bound = bound;
    }

    long elapsed() {
      return settings.ticker == null ? 0 : settings.ticker.getAsLong() - start;
    }

    /** Reports to the listener, if any; returns false if it asks to stop. */
    boolean report(boolean finished) {
      PlacementListener listener = settings.listener;
      if (listener == null) {
        return true;
      }
      PlacementProgress p = new PlacementProgress(search.steps(), Math.max(0, elapsed()), search.bestTotal(),
          search.greedyTotal(), Math.min(bound, search.bestTotal()), search.bestPlaced(), search.greedyPlaced(),
          finished);
      try {
        return listener.onProgress(p) || finished;
      } catch (RuntimeException e) {
        LOG.warn("placement listener failed on {}; ignored", p, e);
        return true;
      }
    }
  }

  /**
   * Adds to {@code kept} the offers (not running machines) with a non-zero signature that are the cheapest of their
   * (signature, shape) and that no cheaper or equally cheap kept offer of their signature dominates in vCPU, memory,
   * GPUs and network; with {@code perRegion}, per (signature, region). Offers already kept are skipped. Deterministic.
   */
  private static void keepUndominated(Snapshot s, long[] signature, boolean perRegion, List<Integer> kept) {
    Set<Integer> already = new HashSet<>(kept);
    double[] cost = s.expectedCost;
    Map<ShapeKey, Integer> cheapest = new HashMap<>();
    for (int i = 0; i < s.n; i++) {
      if (signature[i] == 0 || s.kind[i] == Snapshot.KIND_RUNNING || already.contains(i)) {
        continue;
      }
      ShapeKey key = new ShapeKey(signature[i], perRegion ? s.regionOf[i] : -1, s.vcpus[i], s.memory[i], s.gpus[i],
          s.network[i]);
      Integer old = cheapest.putIfAbsent(key, i);
      if (old != null && (cost[i] < cost[old] || (cost[i] == cost[old] && i < old))) {
        cheapest.put(key, i);
      }
    }
    Map<GroupKey, List<Integer>> bySignature = new HashMap<>();
    for (Map.Entry<ShapeKey, Integer> e : cheapest.entrySet()) {
      bySignature.computeIfAbsent(new GroupKey(e.getKey().signature(), e.getKey().region()), x -> new ArrayList<>())
          .add(e.getValue());
    }
    List<GroupKey> sigs = new ArrayList<>(bySignature.keySet());
    sigs.sort((a, b) -> a.signature() != b.signature() ? Long.compare(a.signature(), b.signature())
        : Integer.compare(a.region(), b.region()));
    for (GroupKey sig : sigs) {
      List<Integer> group = bySignature.get(sig);
      group.sort((a, b) -> cost[a] != cost[b] ? Double.compare(cost[a], cost[b]) : Integer.compare(a, b));
      int from = kept.size();
      for (int i : group) {
        boolean dominated = false;
        for (int x = from; x < kept.size() && !dominated; x++) {
          int k = kept.get(x);
          dominated = s.vcpus[k] >= s.vcpus[i] && s.memory[k] >= s.memory[i] && s.gpus[k] >= s.gpus[i]
              && s.network[k] >= s.network[i];
        }
        if (!dominated) {
          kept.add(i);
        }
      }
    }
  }

  private static PlacementPlan toPlan(
      Engine engine,
      Snapshot s,
      List<Workload> workloads,
      BatchSearch search,
      List<Integer> kept,
      BatchSettings settings,
      double bound,
      Classes classes,
      GroupIndex groups) {
    int n = workloads.size();
    Map<Integer, String> keyOfBin = new LinkedHashMap<>();
    Map<Integer, List<String>> idsOfBin = new LinkedHashMap<>();
    List<PlacementPlan.Assignment> assignments = new ArrayList<>();
    List<Decision> notPlaced = new ArrayList<>();
    int[] binOf = new int[n];
    for (int k = 0; k < n; k++) {
      binOf[k] = search.bestBinOf(k);
    }
    // Number new instances in order of their first workload, for a stable, readable plan.
    int newCount = 0;
    for (int k = 0; k < n; k++) {
      int b = binOf[k];
      if (b >= 0 && !keyOfBin.containsKey(b)) {
        Candidate c = s.candidates[kept.get(search.bestTypeOf(b))];
        keyOfBin.put(b, c.isRunning() ? c.id() : "new-" + (++newCount));
      }
      if (b >= 0) {
        idsOfBin.computeIfAbsent(b, x -> new ArrayList<>()).add(workloads.get(k).id());
      }
    }
    List<PlacementPlan.NewInstance> newInstances = new ArrayList<>();
    for (Map.Entry<Integer, String> e : keyOfBin.entrySet()) {
      Candidate c = s.candidates[kept.get(search.bestTypeOf(e.getKey()))];
      if (!c.isRunning()) {
        newInstances.add(new PlacementPlan.NewInstance(e.getValue(), c, idsOfBin.get(e.getKey())));
      }
    }
    // a shared instance's price is split in proportion to what each of its workloads would cost alone
    double[] weight = new double[n];
    Map<Integer, Double> weightOfBin = new HashMap<>();
    for (int k = 0; k < n; k++) {
      if (binOf[k] >= 0) {
        int alone = search.cheapestAloneType(k);
        weight[k] = alone < 0 ? 0 : s.expectedCost[kept.get(alone)];
        weightOfBin.merge(binOf[k], weight[k], Double::sum);
      }
    }
    Map<String, Decision> decisions = new HashMap<>();
    for (int k = 0; k < n; k++) {
      Workload w = workloads.get(k);
      int b = binOf[k];
      if (b >= 0) {
        int i = kept.get(search.bestTypeOf(b));
        Candidate c = s.candidates[i];
        assignments.add(new PlacementPlan.Assignment(w.id(), keyOfBin.get(b), c, w.demand()));
        double sum = weightOfBin.get(b);
        double fraction = sum > 0 ? weight[k] / sum : 1.0 / idsOfBin.get(b).size();
        Money share = c.isRunning()
            ? Money.zero(s.currency)
            : new Money(BigDecimal.valueOf(c.marginalHourlyCost().toDouble() * fraction)
                .setScale(SHARE_DIGITS, RoundingMode.HALF_EVEN), s.currency);
        decisions.put(w.id(), decision(engine, s, w, i, share, idsOfBin.get(b).size() - 1,
            search.cheapestAloneType(k) < 0 ? -1 : kept.get(search.cheapestAloneType(k)),
            classes.passes()[classes.itemClass()[k]]));
        continue;
      }
      ClassPass pass = classes.passes()[classes.itemClass()[k]];
      // The class's own pass when it ran on this very workload (always so with host filters: one class each);
      // otherwise (a class of several workloads, built-in rules only) a pass at the workload's own demand.
      Engine.Filtered f = pass.rep().workload == w ? pass.filtered() : engine.filter(new Query(s, w));
      Optional<String> groupReason = groups.reason(search, k, s);
      List<String> extra = groupReason.isPresent() ? List.of(groupReason.get())
          : search.placeable(k)
              ? List.of("no capacity left in this plan: the running machines that could hold it are full")
              : List.of();
      notPlaced.add(engine.unschedulable(f, extra));
    }
    double best = search.bestTotal();
    double shownBound = Math.min(bound, best);
    String method = String.format(Locale.ROOT,
        "greedy start + packing search (%d steps): expected cost %.4f/h, greedy %.4f/h, packing construction"
            + " %.4f/h, lower bound %.4f/h, gap %.2f%%",
        search.steps(), best, search.greedyTotal(), search.constructionTotal(), shownBound,
        best <= 0 ? 0 : 100 * (best - shownBound) / best);
    if (search.bestPenalty() > 0 || search.greedyPenalty() > 0) {
      method += String.format(Locale.ROOT, "; costs include soft spread penalties of %.4f/h (greedy %.4f/h)",
          search.bestPenalty(), search.greedyPenalty());
    }
    return PlacementPlan.of(assignments, newInstances, notPlaced, decisions, s.currency, settings.seed, method);
  }

  /**
   * The placed decision of one workload of the final plan, as a single decision explains it: its class's filter pass
   * (rejections by reason), the cost score of the chosen candidate, why batch placement chose it, and the candidate
   * notes a single decision gives.
   *
   * @param i the chosen candidate
   * @param share the workload's share of the target's hourly price
   * @param others how many other workloads of the plan share the target
   * @param alone the workload's cheapest feasible offer alone, or -1 if none
   */
  private static Decision decision(
      Engine engine, Snapshot s, Workload w, int i, Money share, int others, int alone, ClassPass pass) {
    Candidate c = s.candidates[i];
    List<String> notes = new ArrayList<>();
    if (c.isRunning()) {
      notes.add("batch placement: on running machine " + c.id() + " with spare capacity"
          + (others > 0 ? ", shared with " + others + " other workload" + (others == 1 ? "" : "s") + " of the plan"
              : "")
          + ": adds no hourly cost");
    } else if (others > 0) {
      notes.add("batch placement: packed with " + others + " other workload" + (others == 1 ? "" : "s") + " on "
          + describe(c) + ": " + Engine.money(s.expectedCost[i], s) + "/h expected for the instance, shared (its"
          + " share of the price " + share + "/h), vs "
          + (alone < 0 ? "no offer that holds it alone"
              : Engine.money(s.expectedCost[alone], s) + "/h expected alone on its cheapest feasible offer "
                  + describe(s.candidates[alone])));
    } else if (alone < 0 || s.expectedCost[i] <= s.expectedCost[alone]) {
      notes.add("batch placement: alone on its cheapest feasible offer " + describe(c) + " at "
          + Engine.money(s.expectedCost[i], s) + "/h");
    } else {
      notes.add("batch placement: alone on " + describe(c) + " at " + Engine.money(s.expectedCost[i], s)
          + "/h; its cheapest feasible offer alone is " + describe(s.candidates[alone]) + " at "
          + Engine.money(s.expectedCost[alone], s) + "/h");
    }
    if (!pass.rep().workload.demand().equals(w.demand())) {
      notes.add("candidate counts and rejections are those of its eligibility class's filter pass, run at the"
          + " class's smallest demand " + pass.rep().workload.demand());
    }
    engine.candidateNotes(pass.rep(), pass.anySpot(), i, notes);
    List<Explanation.Score> scores = List.of(Engine.costScore(s.expectedCost[i], pass.minCost(), pass.maxCost()));
    return Decision.placed(w.id(), c, share, engine.prediction(pass.rep(), i),
        Engine.explanation(pass.filtered(), scores, notes));
  }

  private static String describe(Candidate c) {
    return c.instanceType().id() + " in " + c.region().id() + " (" + c.purchaseOption() + ")";
  }
}
