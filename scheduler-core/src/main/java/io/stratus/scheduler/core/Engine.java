package io.stratus.scheduler.core;

import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.scheduler.Objective;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.placement.PlacementSolver;
import io.stratus.scheduler.Prediction;
import io.stratus.scheduler.ScorePlugin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The scheduling framework: filter (the built-in compliance, architecture, GPU, capacity, purchase-option, cost and
 * performance filters, which cannot be turned off, then the host's filter plugins) → score (weighted and normalized,
 * or lexicographic) → select → explain. Thread-safe; a decision allocates per decision, never per candidate.
 */
final class Engine {
  private static final int COST = Objective.COST.ordinal();
  private static final int CPU = Objective.CPU.ordinal();
  private static final int LATENCY = Objective.LATENCY.ordinal();
  private static final int RELIABILITY = Objective.RELIABILITY.ordinal();
  private static final int OBJECTIVES = Objective.values().length;
  private static final int SPOT_ORDINAL = PurchaseOption.SPOT.ordinal();

  private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[2][0]);

  private final Supplier<Snapshot> snapshots;
  private final List<FilterPlugin> filters;
  final Scoring scoring;
  private final PlacementSolver solver;
  private volatile Columns columns;

  Engine(Supplier<Snapshot> snapshots, List<FilterPlugin> filters, Scoring scoring, PlacementSolver solver) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.filters = List.copyOf(filters);
    this.scoring = Objects.requireNonNull(scoring, "scoring");
    this.solver = Objects.requireNonNull(solver, "solver");
  }

  PlacementPlan placeAll(List<Workload> workloads) {
    Objects.requireNonNull(workloads, "workloads must not be null");
    BatchPlanner.checkUnique(workloads);
    return BatchPlanner.plan(this, snapshot(), workloads, solver);
  }

  Snapshot snapshot() {
    return snapshots.get();
  }

  List<FilterPlugin> filters() {
    return filters;
  }

  /** The outcome of the filter phase of one decision. */
  static final class Filtered {
    final Query query;
    /** The feasible indices {@code [0, count)} when the scan stored them (see {@link #filter}). */
    final int[] feasible;
    final int[] codeCounts = new int[Query.CODES];
    /** Per region: candidates rejected by the region rules (compliance, latency); 0 for allowed regions. */
    final int[] regionRejected;
    /** Reasons given by the host's filter plugins. */
    final Map<String, Integer> otherReasons = new LinkedHashMap<>();
    final int considered;
    int count;
    /** The feasible candidate with the lowest expected cost (then preference, then index); -1 when none. */
    int cheapest = -1;
    /** Whether a spot candidate is feasible. */
    boolean anySpot;
    /** The per-group bounds of a weighted scan; null when not available. */
    Aggregate aggregate;
    // minimum and maximum over the feasible candidates ({@link Math#min}/{@link Math#max} folds); CPU and failure
    // only when the scan was asked for the objectives
    double minCost = Double.POSITIVE_INFINITY;
    double maxCost = Double.NEGATIVE_INFINITY;
    double minCpu = Double.POSITIVE_INFINITY;
    double maxCpu = Double.NEGATIVE_INFINITY;
    double minFail = Double.POSITIVE_INFINITY;
    double maxFail = Double.NEGATIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;

    Filtered(Query query, int[] feasible) {
      this.query = query;
      this.feasible = feasible;
      this.considered = query.snapshot.n;
      this.regionRejected = new int[query.snapshot.regions.length];
    }

    /** The rejection counts by reason text; built only here, at the end of a decision. */
    List<Explanation.Rejection> rejections() {
      Map<String, Integer> merged = new LinkedHashMap<>();
      for (int r = 0; r < regionRejected.length; r++) {
        if (regionRejected[r] > 0) {
          merged.merge(query.regionReason(r), regionRejected[r], Integer::sum);
        }
      }
      otherReasons.forEach((reason, count) -> merged.merge(reason, count, Integer::sum));
      for (int code = 1; code < Query.CODES; code++) {
        if (codeCounts[code] > 0) {
          merged.merge(query.reason(code), codeCounts[code], Integer::sum);
        }
      }
      List<Explanation.Rejection> out = new ArrayList<>(merged.size());
      merged.forEach((reason, count) -> out.add(new Explanation.Rejection(reason, count)));
      return out;
    }
  }

  private static int[] scratch(int which, int n) {
    int[][] s = SCRATCH.get();
    if (s[which].length < n) {
      s[which] = new int[Math.max(n, s[which].length * 2)];
    }
    return s[which];
  }

  /**
   * The per-snapshot suffix tables, rebuilt when the snapshot changes.
   *
   * @param s the snapshot
   * @return its tables
   */
  Columns columns(Snapshot s) {
    Columns c = columns;
    if (c == null || c.snapshot != s) {
      c = new Columns(s);
      columns = c;
    }
    return c;
  }

  /**
   * Runs every filter over every candidate of the snapshot and stores the feasible indices.
   *
   * @param q the resolved workload
   * @return the feasible indices (in a per-thread scratch array, valid until the next filter call) and the rejections
   */
  Filtered filter(Query q) {
    return scan(q, STORE);
  }

  /**
   * The filter phase. Regions are decided once each (compliance, latency), groups once per group key (kind, purchase
   * option, architecture, GPUs), vCPU by the group's sort order. The remaining rules are checked column by column over
   * blocks of up to 64 candidates, each giving a bit mask of the candidates that break it (branch-free); the first rule
   * a candidate breaks is found with mask arithmetic and counted with {@link Long#bitCount}. A rule no candidate of the
   * snapshot can break (from the ranges in {@link Columns}) is skipped. Only the surviving candidates are visited one
   * by one, for the aggregates. Rejections are counted per reason code and region; their texts are built once, at the
   * end ({@link Filtered#rejections()}). Nothing is allocated per candidate.
   *
   * @param q the resolved workload
   * @param mode what to compute besides the counts: {@link #CHEAPEST}, {@link #STORE} or {@link #WEIGHTED}
   * @return the outcome
   */
  private Filtered scan(Query q, int mode) {
    Snapshot s = q.snapshot;
    Columns col = columns(s);
    boolean objectives = mode == WEIGHTED;
    int[] out = mode == CHEAPEST ? null : scratch(0, s.n);
    Filtered f = new Filtered(q, out);
    int[] codes = f.codeCounts;
    boolean hasFilters = !filters.isEmpty();
    Columns.PerClass pc = q.checkCpu || q.checkFailure || objectives ? col.perClass(q.perf) : null;
    int[] keyCode = new int[col.keyKind.length];
    for (int k = 0; k < keyCode.length; k++) {
      keyCode[k] = q.groupCheck(col.keyKind[k], col.keyPurchase[k], col.keyArch[k], col.keyGpus[k]);
    }
    // the per-candidate rules after vCPU, in pipeline order, that some candidate of the snapshot can break:
    // rule a rejects candidate i when column[a][i] < limit[a] (below[a]) or column[a][i] > limit[a]
    double dv = q.vcpus;
    int[] rule = new int[7];
    double[][] column = new double[7][];
    double[] limit = new double[7];
    boolean[] below = new boolean[7];
    boolean[] sign = new boolean[7];
    // where each rule's per-group minimum and maximum are: range[a][g * stride[a] + offset[a]] and the next slot
    double[][] range = new double[7][];
    int[] stride = new int[7];
    int[] offset = new int[7];
    int rules = 0;
    if (!(col.minMemory >= q.memory)) {
      setRange(rules, range, stride, offset, col.groupRange, Columns.STRIDE, Columns.MEMORY);
      sign[rules] = col.memorySignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.MEMORY, s.memory, q.memory, true);
    }
    if (!(col.minNetwork >= q.network)) {
      setRange(rules, range, stride, offset, col.groupRange, Columns.STRIDE, Columns.NETWORK);
      sign[rules] = col.networkSignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.NETWORK, s.network, q.network, true);
    }
    if (!(col.maxInterruption <= q.maxInterruption)) {
      setRange(rules, range, stride, offset, col.groupRange, Columns.STRIDE, Columns.INTERRUPTION);
      sign[rules] = col.interruptionSignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.INTERRUPTION, s.interruption, q.maxInterruption, false);
    }
    if (q.checkCurrency) {
      // the column is 0 or 1: "> 0.5" is "priced in another currency", "> -1" rejects every candidate
      setRange(rules, range, stride, offset, col.groupRange, Columns.STRIDE, Columns.CURRENCY);
      sign[rules] = true;
      rules = addRule(rules, rule, column, limit, below, Query.CURRENCY, col.otherCurrency,
          q.maxCostCurrencyMismatch ? -1 : 0.5, false);
    }
    if (!(col.maxPrice <= q.maxCost)) {
      setRange(rules, range, stride, offset, col.groupRange, Columns.STRIDE, Columns.PRICE);
      sign[rules] = col.priceSignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.MAX_COST, s.price, q.maxCost, false);
    }
    if (q.checkCpu && !(pc.minCpu >= q.minCpu)) {
      setRange(rules, range, stride, offset, pc.groupRange, Columns.CLASS_STRIDE, 0);
      sign[rules] = pc.cpuSignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.CPU_SCORE, q.perf.cpuScore, q.minCpu, true);
    }
    if (q.checkFailure && !(pc.maxFailure <= q.maxFailure)) {
      setRange(rules, range, stride, offset, pc.groupRange, Columns.CLASS_STRIDE, 2);
      sign[rules] = pc.failureSignSafe;
      rules = addRule(rules, rule, column, limit, below, Query.AVAILABILITY, q.perf.failureRate, q.maxFailure, false);
    }
    for (int a = 0; a < rules; a++) {
      sign[a] &= signLimit(limit[a]);
    }
    boolean vcpuSign = col.vcpuSignSafe && signLimit(dv);
    int[] ruleCount = new int[rules];
    int[] mixed = new int[rules];
    double[] vcpus = s.vcpus;
    double[] lat = q.regionLatency;
    Aggregate agg = new Aggregate(s, q, pc, mode, out);
    // cost-only: a block whose lowest cost is above the cheapest so far needs no visit (ties are visited); the
    // highest cost is then not tracked, which changes no score when the spread of costs is finite
    boolean prune = mode == CHEAPEST && col.costSpreadFinite;
    for (int r = 0; r < s.regions.length; r++) {
      if (!q.regionAllowed(r)) {
        f.regionRejected[r] = s.regionStart[r + 1] - s.regionStart[r];
        continue;
      }
      int regionCount = agg.count;
      for (int g = s.regionGroupStart[r]; g < s.regionGroupStart[r + 1]; g++) {
        int start = s.groupStart[g];
        int end = s.groupStart[g + 1];
        int code = keyCode[col.groupKey[g]];
        if (code != Query.OK) {
          codes[code] += end - start;
          continue;
        }
        // vCPU is sorted within a group: skip the candidates with too few at once (small groups: a branch-free
        // count, which beats the mispredicted branches of a binary search; large groups: binary search)
        int lo;
        boolean vcpuBits = false;
        if (vcpus[start] >= dv) {
          lo = start;
        } else if (vcpus[end - 1] < dv) {
          lo = end;
        } else if (end - start <= 64) {
          // one block: vCPU becomes the first bit-mask rule
          lo = start;
          vcpuBits = true;
        } else {
          lo = start;
          int hi = end;
          while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (vcpus[mid] < dv) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
        }
        codes[Query.VCPU] += lo - start;
        int groupCount = agg.count;
        agg.startGroup();
        // the group's ranges settle a rule for all its candidates (skipped when none can break it; a wall when all
        // break it, which makes the rules after it moot); only the rules left mixed are checked per candidate
        int nm = 0;
        int wall = -1;
        for (int a = 0; a < rules; a++) {
          double[] rg = range[a];
          int at = g * stride[a] + offset[a];
          double t = limit[a];
          boolean none = below[a] ? rg[at] >= t : rg[at + 1] <= t;
          if (none) {
            continue;
          }
          if (below[a] ? rg[at + 1] < t : rg[at] > t) {
            wall = a;
            break;
          }
          mixed[nm++] = a;
        }
        if (wall >= 0 && nm == 0 && !vcpuBits) {
          ruleCount[wall] += end - lo;
          continue;
        }
        for (int base = lo; base < end; base += 64) {
          int m = Math.min(64, end - base);
          long alive = m == 64 ? -1L : (1L << m) - 1;
          if (vcpuBits) {
            long fails = vcpuSign ? belowSign(vcpus, dv, base, m) : below(vcpus, dv, base, m);
            codes[Query.VCPU] += Long.bitCount(fails);
            alive &= ~fails;
          }
          for (int k = 0; k < nm && alive != 0; k++) {
            int a = mixed[k];
            long fails = (sign[a]
                ? (below[a] ? belowSign(column[a], limit[a], base, m) : aboveSign(column[a], limit[a], base, m))
                : (below[a] ? below(column[a], limit[a], base, m) : above(column[a], limit[a], base, m))) & alive;
            ruleCount[a] += Long.bitCount(fails);
            alive &= ~fails;
          }
          if (wall >= 0) {
            ruleCount[wall] += Long.bitCount(alive);
            continue;
          }
          if (hasFilters) {
            for (long bits = alive; bits != 0; bits &= bits - 1) {
              int i = base + Long.numberOfTrailingZeros(bits);
              if (rejectedByPlugin(q.workload, s.candidates[i], f.otherReasons)) {
                alive &= ~Long.lowestOneBit(bits);
              }
            }
          }
          if (alive == 0) {
            continue;
          }
          if (prune && col.minCostFrom[base] > agg.cheapestCost) {
            // no candidate of the rest of the group can be the cheapest: only the count matters
            agg.count += Long.bitCount(alive);
          } else {
            agg.add(base, alive);
          }
        }
        if (agg.count > groupCount && s.purchase[start] == SPOT_ORDINAL) {
          f.anySpot = true;
        }
        agg.endGroup(r);
      }
      if (agg.count > regionCount && lat != null) {
        f.minLat = Math.min(f.minLat, lat[r]);
        f.maxLat = Math.max(f.maxLat, lat[r]);
      }
    }
    for (int a = 0; a < rules; a++) {
      codes[rule[a]] += ruleCount[a];
    }
    f.count = agg.count;
    f.cheapest = agg.cheapest;
    f.maxCost = prune ? agg.cheapestCost : agg.maxCostSeen;
    if (objectives) {
      f.aggregate = agg;
      if (agg.exact()) {
        f.minCost = agg.minCost;
        f.maxCost = agg.maxCost;
        f.minCpu = agg.minCpu;
        f.maxCpu = agg.maxCpu;
        f.minFail = agg.minFail;
        f.maxFail = agg.maxFail;
      } else {
        // NaN or a zero extreme: the exact Math.min/Math.max fold over the stored indices
        f.aggregate = null;
        double[] cost = s.expectedCost;
        double[] cpu = q.perf.cpuScore;
        double[] fail = q.perf.failureRate;
        f.maxCost = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < f.count; j++) {
          int i = out[j];
          f.minCost = Math.min(f.minCost, cost[i]);
          f.maxCost = Math.max(f.maxCost, cost[i]);
          f.minCpu = Math.min(f.minCpu, cpu[i]);
          f.maxCpu = Math.max(f.maxCpu, cpu[i]);
          f.minFail = Math.min(f.minFail, fail[i]);
          f.maxFail = Math.max(f.maxFail, fail[i]);
        }
      }
    }
    return f;
  }

  private static void setRange(int rules, double[][] range, int[] stride, int[] offset, double[] r, int s, int o) {
    range[rules] = r;
    stride[rules] = s;
    offset[rules] = o;
  }

  private static int addRule(
      int rules, int[] rule, double[][] column, double[] limit, boolean[] below, int code, double[] values,
      double threshold, boolean isBelow) {
    rule[rules] = code;
    column[rules] = values;
    limit[rules] = threshold;
    below[rules] = isBelow;
    return rules + 1;
  }

  /** Whether a limit allows the sign test of {@link Columns#signSafe}: neither NaN nor {@code -0.0}. */
  private static boolean signLimit(double t) {
    return !Double.isNaN(t) && Double.doubleToRawLongBits(t) != Long.MIN_VALUE;
  }

  /** {@link #below} by the sign of the difference (exact under {@link Columns#signSafe}): no branch to mispredict. */
  private static long belowSign(double[] c, double t, int base, int m) {
    long bits = 0;
    for (int j = 0; j < m; j++) {
      bits |= (Double.doubleToRawLongBits(c[base + j] - t) >>> 63) << j;
    }
    return bits;
  }

  /** {@link #above} by the sign of the difference (exact under {@link Columns#signSafe}). */
  private static long aboveSign(double[] c, double t, int base, int m) {
    long bits = 0;
    for (int j = 0; j < m; j++) {
      bits |= (Double.doubleToRawLongBits(t - c[base + j]) >>> 63) << j;
    }
    return bits;
  }

  /** Bit j set when {@code c[base + j] < t}, for j in [0, m). */
  private static long below(double[] c, double t, int base, int m) {
    long bits = 0;
    for (int j = 0; j < m; j++) {
      bits |= (c[base + j] < t ? 1L : 0L) << j;
    }
    return bits;
  }

  /** Bit j set when {@code c[base + j] > t}, for j in [0, m). */
  private static long above(double[] c, double t, int base, int m) {
    long bits = 0;
    for (int j = 0; j < m; j++) {
      bits |= (c[base + j] > t ? 1L : 0L) << j;
    }
    return bits;
  }

  /** What a scan computes besides the counts: see {@link Aggregate}. */
  static final int CHEAPEST = 0;
  static final int STORE = 1;
  static final int WEIGHTED = 2;

  /**
   * The running aggregates of one scan over its feasible candidates, by mode: {@link #CHEAPEST} finds the cheapest
   * candidate (lowest expected cost, then preference, then index) and the highest expected cost, without storing
   * indices; {@link #STORE} stores the indices; {@link #WEIGHTED} stores them and finds the minimum and maximum of
   * cost, CPU score and failure rate, overall and per group (for the bounds of {@link #bestWeighted}).
   *
   * <p>Minima and maxima are found with plain comparisons; they agree with {@link Math#min}/{@link Math#max} except
   * on NaN and on the sign of a zero result, and when either can have happened ({@link #exact()} is false) the caller
   * recomputes them with {@link Math#min}/{@link Math#max} over the stored indices.
   */
  private static final class Aggregate {
    final double[] cost;
    final byte[] preference;
    final double[] cpu;
    final double[] fail;
    final int mode;
    final boolean cpuConstant;
    final boolean failureConstant;
    final int[] out;
    int count;
    int cheapest = -1;
    double cheapestCost = Double.POSITIVE_INFINITY;
    double maxCostSeen = Double.NEGATIVE_INFINITY;
    double minCost = Double.POSITIVE_INFINITY;
    double maxCost = Double.NEGATIVE_INFINITY;
    double minCpu = Double.POSITIVE_INFINITY;
    double maxCpu = Double.NEGATIVE_INFINITY;
    double minFail = Double.POSITIVE_INFINITY;
    double maxFail = Double.NEGATIVE_INFINITY;
    double sum;
    // per group (WEIGHTED): where its feasible indices start in out, and the bounds of its scores
    int groups;
    int[] groupFrom;
    int[] groupRegion;
    double[] groupMinCost;
    double[] groupMaxCpu;
    double[] groupMinFail;
    double gMinCost;
    double gMaxCpu;
    double gMinFail;
    int gFrom;

    Aggregate(Snapshot s, Query q, Columns.PerClass pc, int mode, int[] out) {
      this.cost = s.expectedCost;
      this.preference = s.preference;
      this.cpu = q.perf.cpuScore;
      this.fail = q.perf.failureRate;
      this.mode = mode;
      // a constant column's minimum and maximum over any non-empty subset is that constant
      this.cpuConstant = mode == WEIGHTED && pc.cpuConstant;
      this.failureConstant = mode == WEIGHTED && pc.failureConstant;
      if (cpuConstant) {
        minCpu = pc.minCpu;
        maxCpu = pc.maxCpu;
      }
      if (failureConstant) {
        minFail = pc.minFailure;
        maxFail = pc.maxFailure;
      }
      this.out = out;
      if (mode == WEIGHTED) {
        int n = s.groupStart.length;
        groupFrom = new int[n];
        groupRegion = new int[n];
        groupMinCost = new double[n];
        groupMaxCpu = new double[n];
        groupMinFail = new double[n];
      }
    }

    void startGroup() {
      gFrom = count;
      gMinCost = Double.POSITIVE_INFINITY;
      gMaxCpu = cpuConstant ? maxCpu : Double.NEGATIVE_INFINITY;
      gMinFail = failureConstant ? minFail : Double.POSITIVE_INFINITY;
    }

    void endGroup(int region) {
      if (mode == WEIGHTED && count > gFrom) {
        groupFrom[groups] = gFrom;
        groupRegion[groups] = region;
        groupMinCost[groups] = gMinCost;
        groupMaxCpu[groups] = gMaxCpu;
        groupMinFail[groups] = gMinFail;
        groups++;
        groupFrom[groups] = count;
      }
    }

    /** Adds the candidates {@code base + j} for every bit j of {@code bits}. */
    void add(int base, long bits) {
      if (mode == CHEAPEST) {
        int best = cheapest;
        double bestCost = cheapestCost;
        double hi = maxCostSeen;
        for (long b = bits; b != 0; b &= b - 1) {
          int i = base + Long.numberOfTrailingZeros(b);
          double v = cost[i];
          hi = v > hi ? v : hi;
          if (v <= bestCost && (v < bestCost || best < 0 || tieCheaper(i, best))) {
            best = i;
            bestCost = v;
          }
        }
        count += Long.bitCount(bits);
        cheapest = best;
        cheapestCost = bestCost;
        maxCostSeen = hi;
        return;
      }
      int n = count;
      if (mode == STORE) {
        for (long b = bits; b != 0; b &= b - 1) {
          out[n++] = base + Long.numberOfTrailingZeros(b);
        }
        count = n;
        return;
      }
      double loC = gMinCost;
      double hiC = maxCost;
      double loP = minCpu;
      double hiP = gMaxCpu;
      double loF = gMinFail;
      double hiF = maxFail;
      double total = sum;
      if (!cpuConstant || !failureConstant) {
        for (long b = bits; b != 0; b &= b - 1) {
          int i = base + Long.numberOfTrailingZeros(b);
          out[n++] = i;
          double c = cost[i];
          double p = cpu[i];
          double f = fail[i];
          loC = c < loC ? c : loC;
          hiC = c > hiC ? c : hiC;
          loP = p < loP ? p : loP;
          hiP = p > hiP ? p : hiP;
          loF = f < loF ? f : loF;
          hiF = f > hiF ? f : hiF;
          total += c + p + f;
        }
      } else {
        for (long b = bits; b != 0; b &= b - 1) {
          int i = base + Long.numberOfTrailingZeros(b);
          out[n++] = i;
          double c = cost[i];
          loC = c < loC ? c : loC;
          hiC = c > hiC ? c : hiC;
          total += c;
        }
      }
      count = n;
      gMinCost = loC;
      maxCost = hiC;
      gMaxCpu = hiP;
      gMinFail = loF;
      minCost = Math.min(minCost, loC);
      if (!cpuConstant) {
        minCpu = loP;
        maxCpu = Math.max(maxCpu, hiP);
      }
      if (!failureConstant) {
        minFail = Math.min(minFail, loF);
        maxFail = hiF;
      }
      sum = total;
    }

    /** Whether the comparison-based minima and maxima are certainly equal to the exact ones. */
    boolean exact() {
      return !Double.isNaN(sum) && minCost != 0 && maxCost != 0 && minCpu != 0 && maxCpu != 0 && minFail != 0
          && maxFail != 0;
    }

    /** Equal expected cost: running machines (committed first), then lower index. */
    private boolean tieCheaper(int i, int j) {
      if (preference[i] != preference[j]) {
        return preference[i] < preference[j];
      }
      return i < j;
    }
  }

  /** Lower expected cost, then running machines (committed first), then lower index. */
  static boolean cheaper(Snapshot s, int i, int j) {
    double a = s.expectedCost[i];
    double b = s.expectedCost[j];
    if (a != b) {
      return a < b;
    }
    if (s.preference[i] != s.preference[j]) {
      return s.preference[i] < s.preference[j];
    }
    return i < j;
  }

  private boolean rejectedByPlugin(Workload w, Candidate c, Map<String, Integer> other) {
    for (FilterPlugin f : filters) {
      Optional<String> reason = f.filter(w, c);
      if (reason.isPresent()) {
        other.merge(f.name() + ": " + reason.get(), 1, Integer::sum);
        return true;
      }
    }
    return false;
  }

  /**
   * Whether candidate {@code i} passes every filter for the resolved workload (used to build allowed masks).
   *
   * @param q the resolved workload
   * @param i the candidate index
   * @return true if feasible
   */
  boolean feasible(Query q, int i) {
    if (!q.regionAllowed(q.snapshot.regionOf[i]) || q.check(i) != Query.OK) {
      return false;
    }
    for (FilterPlugin f : filters) {
      if (f.filter(q.workload, q.snapshot.candidates[i]).isPresent()) {
        return false;
      }
    }
    return true;
  }

  Decision decide(Workload w) {
    Objects.requireNonNull(w, "workload must not be null");
    return decide(snapshot(), w);
  }

  Decision decide(Snapshot s, Workload w) {
    Query q = new Query(s, w);
    boolean weighted = scoring.mode == Scoring.Mode.WEIGHTED;
    boolean costOnly = weighted && scoring.costOnly;
    Filtered f = scan(q, costOnly ? CHEAPEST : weighted ? WEIGHTED : STORE);
    if (f.count == 0) {
      return unschedulable(f, List.of());
    }
    int best;
    List<Explanation.Score> scores = new ArrayList<>(OBJECTIVES + scoring.plugins.size());
    if (costOnly) {
      best = f.cheapest;
      double v = s.expectedCost[best];
      scores.add(new Explanation.Score(
          Objective.COST.pluginName(), scoring.weights[COST], v, normalize(COST, v, v, f.maxCost)));
    } else if (weighted) {
      best = selectWeighted(q, f, scores);
    } else {
      best = selectLexicographic(q, f, scores);
    }
    Candidate c = s.candidates[best];
    List<String> notes = notes(q, f.anySpot, best);
    Explanation e =
        new Explanation(f.considered, f.count, scores, f.rejections(), notes);
    return Decision.placed(w.id(), c, c.marginalHourlyCost(), prediction(q, best), e);
  }

  Decision unschedulable(Filtered f, List<String> extraReasons) {
    Explanation e = new Explanation(f.considered, f.count, List.of(), f.rejections(), List.of());
    List<String> reasons = new ArrayList<>(extraReasons);
    if (f.considered == 0) {
      reasons.add("no candidates: the pricing providers returned no offers for the query and no running machine is"
          + " known");
    }
    for (Explanation.Rejection r : e.rejections()) {
      reasons.add(Query.grouped(r.count()) + " " + r.reason());
    }
    if (reasons.isEmpty()) {
      reasons.add("every candidate that passed the filters was taken by other workloads of the plan");
    }
    return Decision.unschedulable(f.query.workload.id(), reasons, e);
  }

  static void rawValues(Query q, int i, double[] out) {
    Snapshot s = q.snapshot;
    out[COST] = s.expectedCost[i];
    out[CPU] = q.perf.cpuScore[i];
    out[LATENCY] = q.regionLatency == null ? 0 : q.regionLatency[s.regionOf[i]];
    out[RELIABILITY] = q.perf.failureRate[i];
  }

  static double raw(Query q, int k, int i) {
    Snapshot s = q.snapshot;
    if (k == COST) {
      return s.expectedCost[i];
    } else if (k == CPU) {
      return q.perf.cpuScore[i];
    } else if (k == LATENCY) {
      return q.regionLatency == null ? 0 : q.regionLatency[s.regionOf[i]];
    } else {
      return q.perf.failureRate[i];
    }
  }

  /** Normalized score in [0, 1], 1 best; CPU is higher-better, the others lower-better. */
  static double normalize(int k, double v, double min, double max) {
    if (!(max > min)) {
      return 1;
    }
    double n = k == CPU ? (v - min) / (max - min) : (max - v) / (max - min);
    return Math.max(0, Math.min(1, n));
  }

  /** Ties: lower expected cost, then running machines (committed first), then lower index. */
  private static boolean tieBetter(Snapshot s, int i, int best) {
    if (s.expectedCost[i] != s.expectedCost[best]) {
      return s.expectedCost[i] < s.expectedCost[best];
    }
    if (s.preference[i] != s.preference[best]) {
      return s.preference[i] < s.preference[best];
    }
    return i < best;
  }

  private int selectWeighted(Query q, Filtered f, List<Explanation.Score> scores) {
    Snapshot s = q.snapshot;
    double[] w = scoring.weights;
    int[] idx = f.feasible;
    int count = f.count;
    List<ScorePlugin> plugins = scoring.plugins;
    double[] cost = s.expectedCost;
    double[] cpu = q.perf.cpuScore;
    double[] fail = q.perf.failureRate;
    double[] lat = q.regionLatency;
    int[] regionOf = s.regionOf;
    double[] min = new double[OBJECTIVES];
    double[] max = new double[OBJECTIVES];
    min[COST] = f.minCost;
    max[COST] = f.maxCost;
    min[CPU] = f.minCpu;
    max[CPU] = f.maxCpu;
    min[RELIABILITY] = f.minFail;
    max[RELIABILITY] = f.maxFail;
    if (lat == null) {
      min[LATENCY] = 0;
      max[LATENCY] = 0;
    } else {
      min[LATENCY] = f.minLat;
      max[LATENCY] = f.maxLat;
    }
    // score = sum of w_k * (v - lo_k) / span_k (or (hi_k - v) / span_k), folded into one multiply-add per objective
    double[] scale = new double[OBJECTIVES];
    double constant = 0;
    for (int k = 0; k < OBJECTIVES; k++) {
      double span = max[k] - min[k];
      if (w[k] == 0) {
        continue;
      }
      if (!(span > 0)) {
        constant += w[k];
      } else if (k == CPU) {
        scale[k] = w[k] / span;
        constant -= w[k] * min[k] / span;
      } else {
        scale[k] = -w[k] / span;
        constant += w[k] * max[k] / span;
      }
    }
    double[][] pluginRaw = new double[plugins.size()][];
    double[] pMin = new double[plugins.size()];
    double[] pMax = new double[plugins.size()];
    for (int p = 0; p < plugins.size(); p++) {
      ScorePlugin plugin = plugins.get(p);
      double[] values = new double[count];
      pMin[p] = Double.POSITIVE_INFINITY;
      pMax[p] = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        double v = plugin.score(q.workload, s.candidates[idx[j]]);
        if (!Double.isFinite(v)) {
          throw new IllegalStateException(
              "score plugin '" + plugin.name() + "' returned " + v + " for " + s.candidates[idx[j]].id()
                  + "; scores must be finite");
        }
        values[j] = v;
        pMin[p] = Math.min(pMin[p], v);
        pMax[p] = Math.max(pMax[p], v);
      }
      pluginRaw[p] = values;
    }
    int best;
    int bestJ;
    if (pluginRaw.length == 0) {
      best = bestWeighted(s, f, constant, scale, cost, cpu, fail, lat, regionOf, min, max);
      bestJ = -1;
    } else {
      best = -1;
      bestJ = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        int i = idx[j];
        double score = constant + scale[COST] * cost[i] + scale[CPU] * cpu[i] + scale[RELIABILITY] * fail[i]
            + (lat == null ? 0 : scale[LATENCY] * lat[regionOf[i]]);
        for (int p = 0; p < pluginRaw.length; p++) {
          double span = pMax[p] - pMin[p];
          score += scoring.pluginWeights[p] * (span > 0 ? (pluginRaw[p][j] - pMin[p]) / span : 1);
        }
        if (score > bestScore || (score == bestScore && tieBetter(s, i, best))) {
          bestScore = score;
          best = i;
          bestJ = j;
        }
      }
    }
    for (int k = 0; k < OBJECTIVES; k++) {
      if (w[k] > 0) {
        double v = raw(q, k, best);
        scores.add(
            new Explanation.Score(Objective.values()[k].pluginName(), w[k], v, normalize(k, v, min[k], max[k])));
      }
    }
    for (int p = 0; p < pluginRaw.length; p++) {
      double span = pMax[p] - pMin[p];
      double v = pluginRaw[p][bestJ];
      scores.add(
          new Explanation.Score(
              plugins.get(p).name(), scoring.pluginWeights[p], v, span > 0 ? (v - pMin[p]) / span : 1));
    }
    return best;
  }

  /**
   * The highest {@code constant + scale[COST] * cost + scale[CPU] * cpu + scale[RELIABILITY] * fail + scale[LATENCY] *
   * latency} over the feasible candidates, ties by {@link #tieBetter}. A term whose scale is zero adds a signed zero
   * when its objective is finite over the feasible candidates (its minimum and maximum are finite), which changes no
   * comparison, so its column is not read.
   *
   * <p>With the per-group bounds of a weighted scan, groups are visited best bound first and a group whose bound is
   * below the best score so far is skipped. The bound is the same expression evaluated at the group's lowest cost,
   * highest CPU score and lowest failure rate (the cost, failure and latency scales are {@code <= 0}, the CPU scale
   * {@code >= 0}); floating-point rounding is monotone, so no candidate of the group can score above it, and a group
   * that could tie is not skipped.
   */
  private static int bestWeighted(
      Snapshot s,
      Filtered f,
      double constant,
      double[] scale,
      double[] cost,
      double[] cpu,
      double[] fail,
      double[] lat,
      int[] regionOf,
      double[] min,
      double[] max) {
    int[] idx = f.feasible;
    double sc = scale[COST];
    double sp = scale[CPU];
    double sf = scale[RELIABILITY];
    double sl = scale[LATENCY];
    boolean skipCpu = sp == 0 && Double.isFinite(min[CPU]) && Double.isFinite(max[CPU]);
    boolean skipLat = lat == null || (sl == 0 && Double.isFinite(min[LATENCY]) && Double.isFinite(max[LATENCY]));
    boolean simple = skipCpu && skipLat;
    Aggregate agg = f.aggregate;
    if (agg == null || agg.groups == 0) {
      return bestWeighted(s, idx, 0, f.count, -1, Double.NEGATIVE_INFINITY, simple, constant, sc, sp, sf, sl, cost,
          cpu, fail, lat, regionOf);
    }
    int groups = agg.groups;
    double[] bound = new double[groups];
    int first = 0;
    for (int g = 0; g < groups; g++) {
      double c = agg.groupMinCost[g];
      double fr = agg.groupMinFail[g];
      bound[g] = simple
          ? constant + sc * c + sf * fr
          : constant + sc * c + sp * agg.groupMaxCpu[g] + sf * fr + (lat == null ? 0 : sl * lat[agg.groupRegion[g]]);
      if (bound[g] > bound[first]) {
        first = g;
      }
    }
    int best = bestWeighted(s, idx, agg.groupFrom[first], agg.groupFrom[first + 1], -1, Double.NEGATIVE_INFINITY,
        simple, constant, sc, sp, sf, sl, cost, cpu, fail, lat, regionOf);
    double bestScore = score(best, simple, constant, sc, sp, sf, sl, cost, cpu, fail, lat, regionOf);
    for (int g = 0; g < groups; g++) {
      if (g == first || bound[g] < bestScore) {
        continue;
      }
      best = bestWeighted(s, idx, agg.groupFrom[g], agg.groupFrom[g + 1], best, bestScore, simple, constant, sc, sp,
          sf, sl, cost, cpu, fail, lat, regionOf);
      bestScore = score(best, simple, constant, sc, sp, sf, sl, cost, cpu, fail, lat, regionOf);
    }
    return best;
  }

  private static double score(
      int i, boolean simple, double constant, double sc, double sp, double sf, double sl, double[] cost,
      double[] cpu, double[] fail, double[] lat, int[] regionOf) {
    return simple
        ? constant + sc * cost[i] + sf * fail[i]
        : constant + sc * cost[i] + sp * cpu[i] + sf * fail[i] + (lat == null ? 0 : sl * lat[regionOf[i]]);
  }

  /** The best of {@code idx[from, to)} and the incumbent {@code best} (-1 for none) with score {@code bestScore}. */
  private static int bestWeighted(
      Snapshot s, int[] idx, int from, int to, int best, double bestScore, boolean simple, double constant,
      double sc, double sp, double sf, double sl, double[] cost, double[] cpu, double[] fail, double[] lat,
      int[] regionOf) {
    if (simple) {
      for (int j = from; j < to; j++) {
        int i = idx[j];
        double score = constant + sc * cost[i] + sf * fail[i];
        if (score >= bestScore && (score > bestScore || tieBetter(s, i, best))) {
          bestScore = score;
          best = i;
        }
      }
      return best;
    }
    for (int j = from; j < to; j++) {
      int i = idx[j];
      double score = constant + sc * cost[i] + sp * cpu[i] + sf * fail[i] + (lat == null ? 0 : sl * lat[regionOf[i]]);
      if (score >= bestScore && (score > bestScore || tieBetter(s, i, best))) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private int selectLexicographic(Query q, Filtered f, List<Explanation.Score> scores) {
    Snapshot s = q.snapshot;
    int[] keep = scratch(1, f.count);
    System.arraycopy(f.feasible, 0, keep, 0, f.count);
    int size = f.count;
    double[] min = new double[OBJECTIVES];
    double[] max = new double[OBJECTIVES];
    for (Objective o : scoring.order) {
      int k = o.ordinal();
      min[k] = Double.POSITIVE_INFINITY;
      max[k] = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < f.count; j++) {
        double v = raw(q, k, f.feasible[j]);
        min[k] = Math.min(min[k], v);
        max[k] = Math.max(max[k], v);
      }
    }
    for (Objective o : scoring.order) {
      int k = o.ordinal();
      double bestValue = k == CPU ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      for (int j = 0; j < size; j++) {
        double v = raw(q, k, keep[j]);
        bestValue = k == CPU ? Math.max(bestValue, v) : Math.min(bestValue, v);
      }
      double slack = scoring.tolerance * Math.abs(bestValue) + 1e-12;
      int kept = 0;
      for (int j = 0; j < size; j++) {
        double v = raw(q, k, keep[j]);
        if (k == CPU ? v >= bestValue - slack : v <= bestValue + slack) {
          keep[kept++] = keep[j];
        }
      }
      size = kept;
    }
    int best = keep[0];
    for (int j = 1; j < size; j++) {
      int i = keep[j];
      if (lexBetter(q, i, best)) {
        best = i;
      }
    }
    for (Objective o : scoring.order) {
      int k = o.ordinal();
      double v = raw(q, k, best);
      scores.add(new Explanation.Score(o.pluginName(), 1, v, normalize(k, v, min[k], max[k])));
    }
    return best;
  }

  private boolean lexBetter(Query q, int i, int best) {
    for (Objective o : scoring.order) {
      int k = o.ordinal();
      double a = raw(q, k, i);
      double b = raw(q, k, best);
      if (a != b) {
        return k == CPU ? a > b : a < b;
      }
    }
    return tieBetter(q.snapshot, i, best);
  }

  Prediction prediction(Query q, int i) {
    Snapshot s = q.snapshot;
    boolean latencyObserved = q.regionLatency == null || q.regionLatencyObserved[s.regionOf[i]];
    return new Prediction(
        s.expectedCost[i],
        q.perf.cpuScore[i],
        q.perf.cpuObserved[i],
        q.regionLatency == null ? 0 : q.regionLatency[s.regionOf[i]],
        latencyObserved,
        q.perf.failureRate[i],
        q.perf.failureObserved[i]);
  }

  List<String> notes(Query q, boolean anySpotFeasible, int best) {
    Snapshot s = q.snapshot;
    Candidate c = s.candidates[best];
    List<String> notes = new ArrayList<>(scoring.describe());
    if (c.isRunning()) {
      notes.add("fits the free capacity of running machine " + c.id() + (c.purchaseOption().isCommitment()
          ? " (already-paid " + c.purchaseOption() + " capacity)" : "") + ": adds no hourly cost");
    } else if (c.purchaseOption() == PurchaseOption.SPOT) {
      notes.add("spot: interruption rate " + Query.pct(c.interruptionRate()) + " <= max "
          + Query.pct(q.maxInterruption) + "; expected cost " + money(s.expectedCost[best], s)
          + "/h includes the rate as a rework surcharge");
    } else if (q.spotAllowed) {
      notes.add(anySpotFeasible
          ? "spot allowed, but " + c.purchaseOption() + " ranked higher"
          : "spot allowed, but no spot offer passed the filters: falls back to " + c.purchaseOption());
    }
    if (!q.perf.cpuObserved[best] && (q.minCpu > 0 || usesObjective(CPU))) {
      notes.add("CPU score estimated at " + Estimates.CPU_SCORE + " per vCPU (no observation for "
          + c.instanceType().id() + " in " + c.region().id() + ")");
    }
    if (q.regionLatency != null && !q.regionLatencyObserved[s.regionOf[best]]) {
      notes.add("p95 latency estimated from great-circle distance (2 x km / " + (int) Estimates.KM_PER_MS + " + "
          + (int) Estimates.LATENCY_OVERHEAD_MS + " ms): " + Query.fmt(q.regionLatency[s.regionOf[best]]) + " ms");
    }
    if (!q.perf.failureObserved[best] && (q.maxFailure < 1 || usesObjective(RELIABILITY))) {
      notes.add("failure rate estimated at " + Query.pct(q.perf.failureRate[best])
          + "/month (SLA-based, or the spot interruption rate)");
    }
    return notes;
  }

  private boolean usesObjective(int k) {
    return scoring.mode == Scoring.Mode.WEIGHTED
        ? scoring.weights[k] > 0
        : scoring.order.contains(Objective.values()[k]);
  }

  private static String money(double v, Snapshot s) {
    return Query.decimals(v, 4) + " " + s.currency.getCurrencyCode();
  }

  ParetoFront pareto(Workload w) {
    Objects.requireNonNull(w, "workload must not be null");
    Snapshot s = snapshot();
    Query q = new Query(s, w);
    Filtered f = filter(q);
    int count = f.count;
    double[][] values = new double[count][];
    Integer[] order = new Integer[count];
    for (int j = 0; j < count; j++) {
      double[] v = new double[OBJECTIVES];
      rawValues(q, f.feasible[j], v);
      values[j] = v;
      order[j] = j;
    }
    int[] feasible = Arrays.copyOf(f.feasible, count);
    Arrays.sort(
        order,
        (a, b) -> {
          double[] x = values[a];
          double[] y = values[b];
          int c = Double.compare(x[COST], y[COST]);
          if (c == 0) {
            c = Double.compare(y[CPU], x[CPU]);
          }
          if (c == 0) {
            c = Double.compare(x[LATENCY], y[LATENCY]);
          }
          if (c == 0) {
            c = Double.compare(x[RELIABILITY], y[RELIABILITY]);
          }
          return c != 0 ? c : Integer.compare(feasible[a], feasible[b]);
        });
    List<Integer> front = new ArrayList<>();
    for (Integer j : order) {
      double[] v = values[j];
      boolean dominated = false;
      for (Integer kept : front) {
        double[] u = values[kept];
        if (u[COST] <= v[COST] && u[CPU] >= v[CPU] && u[LATENCY] <= v[LATENCY] && u[RELIABILITY] <= v[RELIABILITY]) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(j);
      }
    }
    List<ParetoFront.Point> points = new ArrayList<>(front.size());
    for (Integer j : front) {
      int i = feasible[j];
      points.add(new ParetoFront.Point(s.candidates[i], prediction(q, i)));
    }
    Explanation e = new Explanation(f.considered, count, List.of(), f.rejections(), List.of(
        points.size() + " of " + count + " feasible candidates are not dominated on cost, CPU, latency and"
            + " reliability"));
    return new ParetoFront(w.id(), points, e);
  }
}
