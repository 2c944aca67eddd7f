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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

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
  private final BatchSettings batch;
  private final SchedulerTelemetry telemetry;

  Engine(Supplier<Snapshot> snapshots, List<FilterPlugin> filters, Scoring scoring, BatchSettings batch) {
    this(snapshots, filters, scoring, batch,
        SchedulerTelemetry.create("engine", null, io.opentelemetry.api.OpenTelemetry.noop(),
            DecisionTracing.NONE));
  }

  Engine(Supplier<Snapshot> snapshots, List<FilterPlugin> filters, Scoring scoring, BatchSettings batch,
      SchedulerTelemetry telemetry) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.filters = List.copyOf(filters);
    this.scoring = Objects.requireNonNull(scoring, "scoring");
    this.batch = Objects.requireNonNull(batch, "batch");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
  }

  PlacementPlan placeAll(List<Workload> workloads) {
    Objects.requireNonNull(workloads, "workloads must not be null");
    BatchPlanner.checkUnique(workloads);
    long start = telemetry.start();
    Span span = telemetry.tracer().spanBuilder("stratus.scheduler.place_all")
        .setAttribute(SchedulerTelemetry.SCHEDULER, telemetry.scheduler())
        .setAttribute(SchedulerTelemetry.WORKLOADS, (long) workloads.size())
        .startSpan();
    Scope scope = span.makeCurrent();
    try {
      PlacementPlan plan = BatchPlanner.plan(this, snapshot(), workloads, batch);
      telemetry.placed(start, span, workloads.size(), plan);
      return plan;
    } catch (RuntimeException e) {
      SchedulerTelemetry.failed(span, e);
      throw e;
    } finally {
      scope.close();
      span.end();
    }
  }

  Snapshot snapshot() {
    return snapshots.get();
  }

  /** The current snapshot's unpriced machines: id to the provider's reason, sorted by id, immutable. */
  Map<String, String> unpricedMachines() {
    return snapshot().unpriced.reasons;
  }

  List<FilterPlugin> filters() {
    return filters;
  }

  /**
   * The outcome of the filter phase of one decision. The running machines the inventory could not price count as
   * considered and rejected ({@link UnpricedMachines}): they are not candidates, so no filter sees them.
   */
  static final class Filtered {
    final Query query;
    final int[] feasible;
    final int count;
    final int[] codeCounts;
    final Map<String, Integer> otherReasons;
    final int considered;
    /** Running machines rejected for an unknown price (the snapshot's, the same for every workload). */
    final int unpriced;
    /** Candidates rejected by region rules (compliance, latency to users); the rest of otherReasons are plugins'. */
    int regionRejected;
    private List<Explanation.Rejection> rejections;

    Filtered(Query query, int[] feasible, int count, int[] codeCounts, Map<String, Integer> otherReasons) {
      this.query = query;
      this.feasible = feasible;
      this.count = count;
      this.codeCounts = codeCounts;
      this.otherReasons = otherReasons;
      this.unpriced = query.snapshot.unpriced.count;
      this.considered = query.snapshot.n + unpriced;
    }

    /** The rejections by reason, built once (batch placement explains many workloads from one pass). */
    List<Explanation.Rejection> rejections() {
      if (rejections == null) {
        rejections = buildRejections();
      }
      return rejections;
    }

    private List<Explanation.Rejection> buildRejections() {
      Map<String, Integer> merged = new LinkedHashMap<>(otherReasons);
      for (int code = 1; code < Query.CODES; code++) {
        if (codeCounts[code] > 0) {
          merged.merge(query.reason(code), codeCounts[code], Integer::sum);
        }
      }
      query.snapshot.unpriced.addTo(merged);
      List<Explanation.Rejection> out = new ArrayList<>(merged.size());
      merged.forEach((reason, count) -> out.add(new Explanation.Rejection(reason, count)));
      return List.copyOf(out);
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
   * Runs every filter over every candidate of the snapshot.
   *
   * @param q the resolved workload
   * @return the feasible indices (in a per-thread scratch array, valid until the next filter call) and the rejections
   */
  Filtered filter(Query q) {
    Snapshot s = q.snapshot;
    int[] feasible = scratch(0, s.n);
    int count = 0;
    int[] codes = new int[Query.CODES];
    Map<String, Integer> other = new LinkedHashMap<>();
    boolean hasFilters = !filters.isEmpty();
    Workload w = q.workload;
    double dv = q.vcpus;
    double dm = q.memory;
    double[] vcpus = s.vcpus;
    double[] memory = s.memory;
    int regionRejected = 0;
    boolean memoryOnly = !hasFilters && q.network <= 0 && !q.checkCurrency && q.maxCost == Double.POSITIVE_INFINITY
        && !q.checkCpu && !q.checkFailure;
    for (int r = 0; r < s.regions.length; r++) {
      if (!q.regionAllowed(r)) {
        int rejected = s.regionStart[r + 1] - s.regionStart[r];
        other.merge(q.regionReason(r), rejected, Integer::sum);
        regionRejected += rejected;
        continue;
      }
      for (int g = s.regionGroupStart[r]; g < s.regionGroupStart[r + 1]; g++) {
        int start = s.groupStart[g];
        int end = s.groupStart[g + 1];
        int code = q.groupCheck(s.kind[start], s.purchase[start], s.arch[start], s.gpus[start]);
        if (code != Query.OK) {
          codes[code] += end - start;
          continue;
        }
        // vCPU is sorted within a group: skip the candidates with too few at once (small groups: a branch-free
        // count, which beats the mispredicted branches of a binary search; large groups: binary search)
        int lo;
        if (vcpus[start] >= dv) {
          // every candidate of the group has enough vCPUs (the common case for small demands)
          lo = start;
        } else if (vcpus[end - 1] < dv) {
          // none has
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
        if (memoryOnly && (s.purchase[start] != SPOT_ORDINAL || q.maxInterruption >= 1)) {
          // the common case: after the group rules and vCPU only memory can still reject; branch-free
          int rejected = 0;
          for (int i = lo; i < end; i++) {
            int fails = memory[i] < dm ? 1 : 0;
            feasible[count] = i;
            count += 1 - fails;
            rejected += fails;
          }
          codes[Query.MEMORY] += rejected;
          continue;
        }
        for (int i = lo; i < end; i++) {
          code = q.checkRest(i);
          if (code != Query.OK) {
            codes[code]++;
            continue;
          }
          if (hasFilters && rejectedByPlugin(w, s.candidates[i], other)) {
            continue;
          }
          feasible[count++] = i;
        }
      }
    }
    Filtered out = new Filtered(q, feasible, count, codes, other);
    out.regionRejected = regionRejected;
    return out;
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
   * Whether candidate {@code i} passes every filter for the resolved workload: the per-candidate form of
   * {@link #filter} (the tests' oracle; planning uses the filter passes, so that no filter is asked twice).
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
    long start = telemetry.start();
    if (!telemetry.traced()) {
      // no OpenTelemetry from the host, or DecisionTracing.NONE: no span, no context switch
      Query q = new Query(snapshot(), w);
      Filtered f = filter(q);
      Decision d = decide(q, f);
      telemetry.decided(start, Span.getInvalid(), w, f, d);
      return d;
    }
    // DecisionTracing.SPAN: a span of our own, current while deciding; EVENT: the caller's span gets an event
    boolean ownSpan = telemetry.spanPerDecision();
    Span span = ownSpan
        ? telemetry.tracer().spanBuilder("stratus.scheduler.schedule")
            .setAttribute(SchedulerTelemetry.SCHEDULER, telemetry.scheduler())
            .setAttribute(SchedulerTelemetry.WORKLOAD, w.id())
            .startSpan()
        : Span.current();
    Scope scope = ownSpan ? span.makeCurrent() : Scope.noop();
    try {
      Snapshot s = snapshot();
      Query q = new Query(s, w);
      Filtered f = filter(q);
      Decision d = decide(q, f);
      telemetry.decided(start, span, w, f, d);
      return d;
    } catch (RuntimeException e) {
      telemetry.decisionFailed(span, w, e);
      throw e;
    } finally {
      scope.close();
      if (ownSpan) {
        span.end();
      }
    }
  }

  Decision decide(Snapshot s, Workload w) {
    Query q = new Query(s, w);
    return decide(q, filter(q));
  }

  private Decision decide(Query q, Filtered f) {
    Snapshot s = q.snapshot;
    Workload w = q.workload;
    if (f.count == 0) {
      return unschedulable(f, List.of());
    }
    int best;
    List<Explanation.Score> scores = new ArrayList<>();
    if (scoring.mode == Scoring.Mode.WEIGHTED) {
      best = selectWeighted(q, f, scores);
    } else {
      best = selectLexicographic(q, f, scores);
    }
    Candidate c = s.candidates[best];
    // only the note for a non-spot new instance chosen although spot is allowed needs to know (first hit ends the scan)
    boolean spotNoteNeeded = q.spotAllowed && !c.isRunning() && c.purchaseOption() != PurchaseOption.SPOT;
    List<String> notes = notes(q, spotNoteNeeded && anySpot(s, f), best);
    return Decision.placed(w.id(), c, c.marginalHourlyCost(), prediction(q, best), explanation(f, scores, notes));
  }

  /**
   * The explanation of a decision: the filter pass's counts and rejections by reason, with the chosen candidate's
   * scores and notes (single decisions and batch placement both build theirs here), and, when the inventory could
   * not price some running machines, the note that names them.
   *
   * @param f the filter pass
   * @param scores the chosen candidate's scores; empty when nothing was chosen
   * @param notes remarks for people
   * @return the explanation
   */
  static Explanation explanation(Filtered f, List<Explanation.Score> scores, List<String> notes) {
    return new Explanation(f.considered, f.count, scores, f.rejections(), withUnpriced(f, notes));
  }

  /** {@code notes}, followed by the note on the running machines without a price when there are any. */
  private static List<String> withUnpriced(Filtered f, List<String> notes) {
    String note = f.query.snapshot.unpriced.note;
    if (note == null) {
      return notes;
    }
    List<String> out = new ArrayList<>(notes.size() + 1);
    out.addAll(notes);
    out.add(note);
    return out;
  }

  /**
   * The cost score of a candidate chosen on expected cost alone (batch placement), normalized over the feasible
   * candidates' expected costs.
   *
   * @param raw the candidate's expected cost per hour
   * @param min the lowest feasible expected cost
   * @param max the highest feasible expected cost
   * @return the score
   */
  static Explanation.Score costScore(double raw, double min, double max) {
    return new Explanation.Score(Objective.COST.pluginName(), 1, raw, normalize(COST, raw, min, max));
  }

  Decision unschedulable(Filtered f, List<String> extraReasons) {
    Explanation e = explanation(f, List.of(), List.of());
    List<String> reasons = new ArrayList<>(extraReasons);
    if (f.considered == f.unpriced) {
      reasons.add("no candidates: the pricing providers returned no offers for the query and no running machine is"
          + (f.unpriced == 0 ? " known" : " priced"));
    }
    // the running machines without a price are rejected whatever the workload: they do not say why it has no place
    int unpricedLines = 0;
    for (Explanation.Rejection r : e.rejections()) {
      reasons.add(Query.grouped(r.count()) + " " + r.reason());
      if (f.unpriced > 0 && f.query.snapshot.unpriced.isReason(r.reason())) {
        unpricedLines++;
      }
    }
    if (reasons.size() == unpricedLines) {
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
    boolean costOnly = plugins.isEmpty() && w[CPU] == 0 && w[LATENCY] == 0 && w[RELIABILITY] == 0;
    if (costOnly) {
      int best = idx[0];
      double min = s.expectedCost[best];
      double max = min;
      for (int j = 1; j < count; j++) {
        int i = idx[j];
        double v = s.expectedCost[i];
        if (v > max) {
          max = v;
        }
        if (v < min || (v == min && tieBetter(s, i, best))) {
          min = v;
          best = i;
        }
      }
      scores.add(new Explanation.Score(Objective.COST.pluginName(), w[COST], min, normalize(COST, min, min, max)));
      return best;
    }
    double[] cost = s.expectedCost;
    double[] cpu = q.perf.cpuScore;
    double[] fail = q.perf.failureRate;
    double[] lat = q.regionLatency;
    int[] regionOf = s.regionOf;
    // min and max per objective in locals (not array slots) so the loop keeps them in registers
    double minCost = Double.POSITIVE_INFINITY;
    double maxCost = Double.NEGATIVE_INFINITY;
    double minCpu = Double.POSITIVE_INFINITY;
    double maxCpu = Double.NEGATIVE_INFINITY;
    double minFail = Double.POSITIVE_INFINITY;
    double maxFail = Double.NEGATIVE_INFINITY;
    // plain comparisons (well predicted) instead of Math.min/max (a latency-bound chain per objective); they agree
    // with Math.min/max except on NaN and on the sign of a zero result, in which case the exact loop reruns
    double sum = 0;
    for (int j = 0; j < count; j++) {
      int i = idx[j];
      double c = cost[i];
      double p = cpu[i];
      double fr = fail[i];
      minCost = c < minCost ? c : minCost;
      maxCost = c > maxCost ? c : maxCost;
      minCpu = p < minCpu ? p : minCpu;
      maxCpu = p > maxCpu ? p : maxCpu;
      minFail = fr < minFail ? fr : minFail;
      maxFail = fr > maxFail ? fr : maxFail;
      sum += c + p + fr;
    }
    if (Double.isNaN(sum) || minCost == 0 || maxCost == 0 || minCpu == 0 || maxCpu == 0 || minFail == 0
        || maxFail == 0) {
      minCost = Double.POSITIVE_INFINITY;
      maxCost = Double.NEGATIVE_INFINITY;
      minCpu = Double.POSITIVE_INFINITY;
      maxCpu = Double.NEGATIVE_INFINITY;
      minFail = Double.POSITIVE_INFINITY;
      maxFail = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        int i = idx[j];
        minCost = Math.min(minCost, cost[i]);
        maxCost = Math.max(maxCost, cost[i]);
        minCpu = Math.min(minCpu, cpu[i]);
        maxCpu = Math.max(maxCpu, cpu[i]);
        minFail = Math.min(minFail, fail[i]);
        maxFail = Math.max(maxFail, fail[i]);
      }
    }
    double minLat;
    double maxLat;
    if (lat == null) {
      minLat = count > 0 ? 0 : Double.POSITIVE_INFINITY;
      maxLat = count > 0 ? 0 : Double.NEGATIVE_INFINITY;
    } else {
      minLat = Double.POSITIVE_INFINITY;
      maxLat = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < count; j++) {
        double l = lat[regionOf[idx[j]]];
        minLat = Math.min(minLat, l);
        maxLat = Math.max(maxLat, l);
      }
    }
    double[] min = new double[OBJECTIVES];
    double[] max = new double[OBJECTIVES];
    min[COST] = minCost;
    max[COST] = maxCost;
    min[CPU] = minCpu;
    max[CPU] = maxCpu;
    min[LATENCY] = minLat;
    max[LATENCY] = maxLat;
    min[RELIABILITY] = minFail;
    max[RELIABILITY] = maxFail;
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
    int best = -1;
    int bestJ = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    double scaleCost = scale[COST];
    double scaleCpu = scale[CPU];
    double scaleFail = scale[RELIABILITY];
    double scaleLat = scale[LATENCY];
    for (int j = 0; j < count; j++) {
      int i = idx[j];
      double score = constant + scaleCost * cost[i] + scaleCpu * cpu[i] + scaleFail * fail[i]
          + (lat == null ? 0 : scaleLat * lat[regionOf[i]]);
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

  /** Whether a spot candidate passed the filters. */
  static boolean anySpot(Snapshot s, Filtered f) {
    for (int j = 0; j < f.count; j++) {
      if (s.purchase[f.feasible[j]] == SPOT_ORDINAL) {
        return true;
      }
    }
    return false;
  }

  /**
   * The notes of a placed decision: the scoring mode, then what the chosen candidate is and which of its predictions
   * are estimates.
   *
   * @param q the resolved workload
   * @param anySpotFeasible whether a spot candidate passed the filters
   * @param best the chosen candidate
   * @return the notes
   */
  List<String> notes(Query q, boolean anySpotFeasible, int best) {
    List<String> notes = new ArrayList<>(scoring.describe());
    candidateNotes(q, anySpotFeasible, best, notes);
    return notes;
  }

  /**
   * Appends what the chosen candidate is and which of its predictions are estimates (the notes of a placed decision
   * after the scoring mode; batch placement uses them too).
   *
   * @param q the resolved workload
   * @param anySpotFeasible whether a spot candidate passed the filters
   * @param best the chosen candidate
   * @param notes where to append
   */
  void candidateNotes(Query q, boolean anySpotFeasible, int best, List<String> notes) {
    Snapshot s = q.snapshot;
    Candidate c = s.candidates[best];
    if (c.isRunning()) {
      notes.add("fits the free capacity of running machine " + c.id() + (c.purchaseOption().isCommitment()
          ? " (already-paid " + c.purchaseOption() + " capacity)" : "") + ": adds no hourly cost");
    } else if (c.purchaseOption() == PurchaseOption.SPOT) {
      notes.add("spot: interruption rate " + Query.pct(c.interruptionRate()) + " <= max "
          + Query.pct(q.maxInterruption) + "; expected cost " + money(s.expectedCost[best], s)
          + "/h includes the rate as a rework surcharge");
    } else if (c.purchaseOption().isCommitment()) {
      notes.add(c.purchaseOption() + " chosen: " + (q.durationMonths == Double.POSITIVE_INFINITY
          ? "commitments allowed by the host for this open-ended workload"
          : "expected duration " + Query.fmt(q.durationMonths) + " months covers the "
              + c.purchaseOption().termMonths() + "-month term"));
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
  }

  private boolean usesObjective(int k) {
    return scoring.mode == Scoring.Mode.WEIGHTED
        ? scoring.weights[k] > 0
        : scoring.order.contains(Objective.values()[k]);
  }

  static String money(double v, Snapshot s) {
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
    Explanation e = new Explanation(f.considered, count, List.of(), f.rejections(), withUnpriced(f, List.of(
        points.size() + " of " + count + " feasible candidates are not dominated on cost, CPU, latency and"
            + " reliability")));
    return new ParetoFront(w.id(), points, e);
  }
}
