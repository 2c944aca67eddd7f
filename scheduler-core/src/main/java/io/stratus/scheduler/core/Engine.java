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
    return scan(q, true, true);
  }

  private static final int PASS = 0;
  private static final int FAIL = 1;
  private static final int MIXED = 2;

  private static int status(boolean allPass, boolean allFail) {
    return allPass ? PASS : allFail ? FAIL : MIXED;
  }

  /**
   * The filter phase. Regions are decided once each (compliance, latency), groups once per group key (kind, purchase
   * option, architecture, GPUs), vCPU by the group's sort order; then each remaining rule is settled for the whole
   * rest of the group from the suffix tables of {@link Columns} when they show that every candidate passes, or that
   * every candidate fails (a <em>wall</em>: the rules after it cannot matter). Only rules that are mixed over the
   * suffix are checked per candidate, branch-free, one column at a time. Rejections are counted per reason code and
   * region; their texts are built once, at the end.
   *
   * @param q the resolved workload
   * @param store whether to store every feasible index in {@link Filtered#feasible}
   * @param objectives whether to compute the CPU and failure minima and maxima
   * @return the outcome
   */
  private Filtered scan(Query q, boolean store, boolean objectives) {
    Snapshot s = q.snapshot;
    Columns col = columns(s);
    int[] out = scratch(0, s.n);
    Filtered f = new Filtered(q, out);
    int[] codes = f.codeCounts;
    boolean hasFilters = !filters.isEmpty();
    Columns.PerClass pc = q.checkCpu || q.checkFailure || objectives ? col.perClass(q.perf) : null;
    int[] keyCode = new int[col.keyKind.length];
    for (int k = 0; k < keyCode.length; k++) {
      keyCode[k] = q.groupCheck(col.keyKind[k], col.keyPurchase[k], col.keyArch[k], col.keyGpus[k]);
    }
    double dv = q.vcpus;
    double dm = q.memory;
    double dn = q.network;
    double maxI = q.maxInterruption;
    double maxP = q.maxCost;
    double minC = q.minCpu;
    double maxF = q.maxFailure;
    boolean currency = q.checkCurrency;
    boolean currencyWall = q.maxCostCurrencyMismatch;
    boolean cpuRule = q.checkCpu;
    boolean failRule = q.checkFailure;
    double[] vcpus = s.vcpus;
    double[] cost = s.expectedCost;
    double[] lat = q.regionLatency;
    int[] mixed = new int[8];
    int[] status = scratch(1, 0);
    int count = 0;
    int stored = 0;
    int cheapest = -1;
    for (int r = 0; r < s.regions.length; r++) {
      if (!q.regionAllowed(r)) {
        f.regionRejected[r] = s.regionStart[r + 1] - s.regionStart[r];
        continue;
      }
      int regionCount = count;
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
        if (vcpus[start] >= dv) {
          lo = start;
        } else if (vcpus[end - 1] < dv) {
          lo = end;
        } else if (end - start <= 64) {
          lo = start;
          for (int i = start; i < end; i++) {
            lo += vcpus[i] < dv ? 1 : 0;
          }
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
        int len = end - lo;
        if (len == 0) {
          continue;
        }
        int groupStored = stored;
        if (hasFilters) {
          for (int i = lo; i < end; i++) {
            code = q.checkRest(i);
            if (code != Query.OK) {
              codes[code]++;
            } else if (!rejectedByPlugin(q.workload, s.candidates[i], f.otherReasons)) {
              out[stored++] = i;
            }
          }
        } else {
          // settle each rule after vCPU for the whole suffix [lo, end) where the suffix tables allow
          int wall = Query.OK;
          int nm = 0;
          settle:
          {
            int st = status(col.minMemory[lo] >= dm, col.maxMemory[lo] < dm);
            if (st == FAIL) {
              wall = Query.MEMORY;
              break settle;
            } else if (st == MIXED) {
              mixed[nm++] = Query.MEMORY;
            }
            st = status(col.minNetwork[lo] >= dn, col.maxNetwork[lo] < dn);
            if (st == FAIL) {
              wall = Query.NETWORK;
              break settle;
            } else if (st == MIXED) {
              mixed[nm++] = Query.NETWORK;
            }
            st = status(col.maxInterruption[lo] <= maxI, col.minInterruption[lo] > maxI);
            if (st == FAIL) {
              wall = Query.INTERRUPTION;
              break settle;
            } else if (st == MIXED) {
              mixed[nm++] = Query.INTERRUPTION;
            }
            if (currency) {
              int other = col.otherCurrencyBefore[end] - col.otherCurrencyBefore[lo];
              st = currencyWall ? FAIL : status(other == 0, other == len);
              if (st == FAIL) {
                wall = Query.CURRENCY;
                break settle;
              } else if (st == MIXED) {
                mixed[nm++] = Query.CURRENCY;
              }
            }
            st = status(col.maxPrice[lo] <= maxP, col.minPrice[lo] > maxP);
            if (st == FAIL) {
              wall = Query.MAX_COST;
              break settle;
            } else if (st == MIXED) {
              mixed[nm++] = Query.MAX_COST;
            }
            if (cpuRule) {
              st = status(pc.minCpu[lo] >= minC, pc.maxCpu[lo] < minC);
              if (st == FAIL) {
                wall = Query.CPU_SCORE;
                break settle;
              } else if (st == MIXED) {
                mixed[nm++] = Query.CPU_SCORE;
              }
            }
            if (failRule) {
              st = status(pc.maxFailure[lo] <= maxF, pc.minFailure[lo] > maxF);
              if (st == FAIL) {
                wall = Query.AVAILABILITY;
                break settle;
              } else if (st == MIXED) {
                mixed[nm++] = Query.AVAILABILITY;
              }
            }
          }
          if (nm == 0) {
            if (wall != Query.OK) {
              codes[wall] += len;
              continue;
            }
            // the whole suffix is feasible: its aggregates come from the tables
            count += len;
            int c = col.cheapest[lo];
            if (cheapest < 0 || cheaper(s, c, cheapest)) {
              cheapest = c;
            }
            f.minCost = Math.min(f.minCost, col.minCost[lo]);
            f.maxCost = Math.max(f.maxCost, col.maxCost[lo]);
            if (objectives) {
              f.minCpu = Math.min(f.minCpu, pc.minCpu[lo]);
              f.maxCpu = Math.max(f.maxCpu, pc.maxCpu[lo]);
              f.minFail = Math.min(f.minFail, pc.minFailure[lo]);
              f.maxFail = Math.max(f.maxFail, pc.maxFailure[lo]);
            }
            if (s.purchase[lo] == SPOT_ORDINAL) {
              f.anySpot = true;
            }
            if (store) {
              for (int i = lo; i < end; i++) {
                out[stored++] = i;
              }
            }
            continue;
          }
          if (nm == 1) {
            int k = mixed[0];
            int fails;
            if (wall == Query.OK) {
              fails = storeFirst(q, k, lo, end, out, stored);
              stored += len - fails;
            } else {
              fails = countFails(q, k, lo, end);
              codes[wall] += len - fails;
            }
            codes[k] += fails;
          } else {
            if (status.length < len) {
              status = scratch(1, len);
            }
            for (int m = 0; m < nm; m++) {
              codes[mixed[m]] += markFails(q, mixed[m], lo, end, status, m == 0);
            }
            if (wall == Query.OK) {
              for (int i = lo; i < end; i++) {
                out[stored] = i;
                stored += (status[i - lo] - 1) >>> 31;
              }
            } else {
              int passed = 0;
              for (int j = 0; j < len; j++) {
                passed += (status[j] - 1) >>> 31;
              }
              codes[wall] += passed;
            }
          }
        }
        // aggregates over the candidates of this group checked one by one
        if (stored > groupStored) {
          count += stored - groupStored;
          if (s.purchase[lo] == SPOT_ORDINAL) {
            f.anySpot = true;
          }
          for (int j = groupStored; j < stored; j++) {
            int i = out[j];
            if (cheapest < 0 || cheaper(s, i, cheapest)) {
              cheapest = i;
            }
            f.minCost = Math.min(f.minCost, cost[i]);
            f.maxCost = Math.max(f.maxCost, cost[i]);
          }
          if (objectives) {
            double[] cpu = q.perf.cpuScore;
            double[] fail = q.perf.failureRate;
            for (int j = groupStored; j < stored; j++) {
              int i = out[j];
              f.minCpu = Math.min(f.minCpu, cpu[i]);
              f.maxCpu = Math.max(f.maxCpu, cpu[i]);
              f.minFail = Math.min(f.minFail, fail[i]);
              f.maxFail = Math.max(f.maxFail, fail[i]);
            }
          }
          if (!store) {
            stored = groupStored;
          }
        }
      }
      if (count > regionCount && lat != null) {
        f.minLat = Math.min(f.minLat, lat[r]);
        f.maxLat = Math.max(f.maxLat, lat[r]);
      }
    }
    f.count = count;
    f.cheapest = cheapest;
    return f;
  }

  /** The column a per-candidate rule reads, and whether it fails below ({@code <}) or above ({@code >}) a limit. */
  private static double[] column(Query q, int code) {
    Snapshot s = q.snapshot;
    switch (code) {
      case Query.MEMORY:
        return s.memory;
      case Query.NETWORK:
        return s.network;
      case Query.INTERRUPTION:
        return s.interruption;
      case Query.MAX_COST:
        return s.price;
      case Query.CPU_SCORE:
        return q.perf.cpuScore;
      case Query.AVAILABILITY:
        return q.perf.failureRate;
      default:
        throw new IllegalStateException("no column for reason code " + code);
    }
  }

  private static boolean failsBelow(int code) {
    return code == Query.MEMORY || code == Query.NETWORK || code == Query.CPU_SCORE;
  }

  private static double limit(Query q, int code) {
    switch (code) {
      case Query.MEMORY:
        return q.memory;
      case Query.NETWORK:
        return q.network;
      case Query.INTERRUPTION:
        return q.maxInterruption;
      case Query.MAX_COST:
        return q.maxCost;
      case Query.CPU_SCORE:
        return q.minCpu;
      case Query.AVAILABILITY:
        return q.maxFailure;
      default:
        throw new IllegalStateException("no limit for reason code " + code);
    }
  }

  /**
   * One mixed rule, no wall: stores the indices of {@code [lo, end)} that pass it from {@code out[at]} on.
   *
   * @return how many fail
   */
  private static int storeFirst(Query q, int code, int lo, int end, int[] out, int at) {
    int fails = 0;
    int o = at;
    if (code == Query.CURRENCY) {
      boolean[] other = q.snapshot.otherCurrency;
      for (int i = lo; i < end; i++) {
        int x = other[i] ? 1 : 0;
        out[o] = i;
        o += 1 - x;
        fails += x;
      }
      return fails;
    }
    double[] c = column(q, code);
    double t = limit(q, code);
    if (failsBelow(code)) {
      for (int i = lo; i < end; i++) {
        int x = c[i] < t ? 1 : 0;
        out[o] = i;
        o += 1 - x;
        fails += x;
      }
    } else {
      for (int i = lo; i < end; i++) {
        int x = c[i] > t ? 1 : 0;
        out[o] = i;
        o += 1 - x;
        fails += x;
      }
    }
    return fails;
  }

  /**
   * One mixed rule before a wall: counts the candidates of {@code [lo, end)} that fail it.
   *
   * @return how many fail
   */
  private static int countFails(Query q, int code, int lo, int end) {
    int fails = 0;
    if (code == Query.CURRENCY) {
      boolean[] other = q.snapshot.otherCurrency;
      for (int i = lo; i < end; i++) {
        fails += other[i] ? 1 : 0;
      }
      return fails;
    }
    double[] c = column(q, code);
    double t = limit(q, code);
    if (failsBelow(code)) {
      for (int i = lo; i < end; i++) {
        fails += c[i] < t ? 1 : 0;
      }
    } else {
      for (int i = lo; i < end; i++) {
        fails += c[i] > t ? 1 : 0;
      }
    }
    return fails;
  }

  /**
   * Several mixed rules, one column at a time: {@code status[i - lo]} keeps the code of the first rule candidate
   * {@code i} fails, 0 while it passes them all.
   *
   * @param first whether this is the first rule (the status slots are then overwritten)
   * @return how many candidates this rule rejects first
   */
  private static int markFails(Query q, int code, int lo, int end, int[] status, boolean first) {
    int fails = 0;
    boolean[] other = code == Query.CURRENCY ? q.snapshot.otherCurrency : null;
    double[] c = other == null ? column(q, code) : null;
    double t = other == null ? limit(q, code) : 0;
    boolean below = failsBelow(code);
    for (int i = lo; i < end; i++) {
      int j = i - lo;
      int alive = first ? 1 : (status[j] - 1) >>> 31;
      int x;
      if (other != null) {
        x = other[i] ? 1 : 0;
      } else if (below) {
        x = c[i] < t ? 1 : 0;
      } else {
        x = c[i] > t ? 1 : 0;
      }
      x &= alive;
      status[j] = (first ? 0 : status[j]) | (code & -x);
      fails += x;
    }
    return fails;
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
    Filtered f = weighted ? scan(q, !costOnly, !costOnly) : filter(q);
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
      best = bestWeighted(s, idx, count, constant, scale, cost, cpu, fail, lat, regionOf, min, max);
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
   */
  private static int bestWeighted(
      Snapshot s,
      int[] idx,
      int count,
      double constant,
      double[] scale,
      double[] cost,
      double[] cpu,
      double[] fail,
      double[] lat,
      int[] regionOf,
      double[] min,
      double[] max) {
    double sc = scale[COST];
    double sp = scale[CPU];
    double sf = scale[RELIABILITY];
    double sl = scale[LATENCY];
    boolean skipCpu = sp == 0 && Double.isFinite(min[CPU]) && Double.isFinite(max[CPU]);
    boolean skipLat = lat == null || (sl == 0 && Double.isFinite(min[LATENCY]) && Double.isFinite(max[LATENCY]));
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    if (skipCpu && skipLat) {
      for (int j = 0; j < count; j++) {
        int i = idx[j];
        double score = constant + sc * cost[i] + sf * fail[i];
        if (score >= bestScore && (score > bestScore || tieBetter(s, i, best))) {
          bestScore = score;
          best = i;
        }
      }
      return best;
    }
    for (int j = 0; j < count; j++) {
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
