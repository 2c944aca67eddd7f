package io.stratus.scheduler.core;

import io.stratus.model.Architecture;
import io.stratus.model.CostConstraints;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.UserLocation;
import io.stratus.model.Workload;
import java.util.List;

/**
 * One workload's requirements resolved against one snapshot: the per-region compliance and latency verdicts and the
 * limits the per-candidate checks compare against. Built once per decision; not thread-safe, not shared.
 */
final class Query {
  static final int OK = 0;
  static final int ARCH = 1;
  static final int GPU = 2;
  static final int VCPU = 3;
  static final int MEMORY = 4;
  static final int NETWORK = 5;
  static final int SPOT = 6;
  static final int INTERRUPTION = 7;
  static final int COMMITMENT = 8;
  static final int CURRENCY = 9;
  static final int MAX_COST = 10;
  static final int CPU_SCORE = 11;
  static final int AVAILABILITY = 12;
  static final int COMMITMENT_TERM = 13;
  static final int COMMITMENT_OPEN_ENDED = 14;
  static final int CODES = 15;

  private static final int SPOT_ORDINAL = PurchaseOption.SPOT.ordinal();
  private static final boolean[] COMMITMENT_ORDINALS = new boolean[PurchaseOption.values().length];
  private static final int[] TERM_MONTHS = new int[PurchaseOption.values().length];
  /** Average month: 365.25 / 12 days. */
  private static final double HOURS_PER_MONTH = 365.25 * 24 / 12;

  static {
    for (PurchaseOption p : PurchaseOption.values()) {
      COMMITMENT_ORDINALS[p.ordinal()] = p.isCommitment();
      TERM_MONTHS[p.ordinal()] = p.termMonths();
    }
  }

  final Workload workload;
  final Snapshot snapshot;
  final String[] compliance;
  /** Max p95 over the user locations per region; null when the workload names no user location. */
  final double[] regionLatency;
  final boolean[] regionLatencyObserved;
  final double maxLatency;
  final Snapshot.ClassTable perf;
  final int archMask;
  final int gpus;
  final double vcpus;
  final double memory;
  final double network;
  final boolean spotAllowed;
  final double maxInterruption;
  /** The host allowed new commitments explicitly (also for an open-ended workload). */
  final boolean commitmentsAllowed;
  /** The host forbade new commitments explicitly. */
  final boolean commitmentsForbidden;
  /** The workload's expected duration in months; infinite for long-running services. */
  final double durationMonths;
  final double maxCost;
  final boolean maxCostCurrencyMismatch;
  final double minCpu;
  final double maxFailure;
  final boolean checkCurrency;
  final boolean checkCpu;
  final boolean checkFailure;
  private String latencyReason;

  Query(Snapshot s, Workload w) {
    this.workload = w;
    this.snapshot = s;
    this.compliance = s.complianceVerdicts(w.compliance());
    PerformanceRequirements perfReq = w.performance();
    List<UserLocation> locations = perfReq.userLocations();
    if (locations.isEmpty()) {
      regionLatency = null;
      regionLatencyObserved = null;
    } else {
      regionLatency = new double[s.regions.length];
      regionLatencyObserved = new boolean[s.regions.length];
      java.util.Arrays.fill(regionLatencyObserved, true);
      for (UserLocation loc : locations) {
        Snapshot.LocationTable t = s.locationTable(loc);
        for (int r = 0; r < regionLatency.length; r++) {
          regionLatency[r] = Math.max(regionLatency[r], t.p95Millis[r]);
          regionLatencyObserved[r] &= t.observed[r];
        }
      }
    }
    maxLatency =
        perfReq.maxP95Latency().map(d -> d.toNanos() / 1e6).orElse(Double.POSITIVE_INFINITY);
    perf = s.classTable(w.workloadClass());
    int mask = 0;
    if (w.architectures().isEmpty()) {
      mask = -1;
    } else {
      for (Architecture a : w.architectures()) {
        mask |= 1 << a.ordinal();
      }
    }
    archMask = mask;
    gpus = w.demand().gpus();
    vcpus = w.demand().vcpus();
    memory = w.demand().memoryGib();
    network = w.demand().networkGbps();
    CostConstraints cost = w.cost();
    spotAllowed = cost.spotAllowed();
    maxInterruption = cost.maxInterruptionProbability();
    commitmentsAllowed = cost.commitmentsAllowed();
    commitmentsForbidden = cost.commitmentsForbidden();
    durationMonths = w.expectedDuration().isZero()
        ? Double.POSITIVE_INFINITY
        : w.expectedDuration().toMillis() / 3_600_000.0 / HOURS_PER_MONTH;
    maxCost = cost.maxHourlyCost().map(m -> m.toDouble()).orElse(Double.POSITIVE_INFINITY);
    maxCostCurrencyMismatch = cost.maxHourlyCost().map(m -> !m.currency().equals(s.currency)).orElse(false);
    minCpu = perfReq.minCpuScore();
    maxFailure = 1 - perfReq.availabilityTarget();
    checkCurrency = s.anyOtherCurrency || maxCostCurrencyMismatch;
    checkCpu = minCpu > 0;
    checkFailure = maxFailure < 1;
  }

  /**
   * The first per-candidate rule candidate {@code i} breaks, or {@link #OK}, in pipeline order: spot allowed, a new
   * commitment allowed (not forbidden by the host; its term no longer than a known expected duration; for a
   * long-running workload, duration zero, only when the host allowed commitments), architecture, GPUs, vCPU, memory,
   * network, interruption rate, currency, max hourly cost, CPU score, availability. Region-level rules (compliance, latency) come before and are checked per region.
   *
   * @param i the candidate index
   * @return a reason code
   */
  int check(int i) {
    Snapshot s = snapshot;
    int code = groupCheck(s.kind[i], s.purchase[i], s.arch[i], s.gpus[i]);
    if (code != OK) {
      return code;
    }
    if (s.vcpus[i] < vcpus) {
      return VCPU;
    }
    return checkRest(i);
  }

  /**
   * The rules shared by a whole group of candidates (same kind, purchase option, architecture and GPU count).
   *
   * @return a reason code
   */
  int groupCheck(byte kind, int purchase, int arch, int gpuCount) {
    if (purchase == SPOT_ORDINAL) {
      if (!spotAllowed) {
        return SPOT;
      }
    } else if (COMMITMENT_ORDINALS[purchase] && kind == Snapshot.KIND_NEW) {
      if (commitmentsForbidden) {
        return COMMITMENT;
      }
      if (TERM_MONTHS[purchase] > durationMonths) {
        return COMMITMENT_TERM;
      }
      if (durationMonths == Double.POSITIVE_INFINITY && !commitmentsAllowed) {
        return COMMITMENT_OPEN_ENDED;
      }
    }
    if (((1 << arch) & archMask) == 0) {
      return ARCH;
    }
    if (gpuCount < gpus) {
      return GPU;
    }
    return OK;
  }

  /**
   * The per-candidate rules after vCPU.
   *
   * @param i the candidate index
   * @return a reason code
   */
  int checkRest(int i) {
    Snapshot s = snapshot;
    if (s.memory[i] < memory) {
      return MEMORY;
    }
    if (s.network[i] < network) {
      return NETWORK;
    }
    if (s.interruption[i] > maxInterruption) {
      return INTERRUPTION;
    }
    if (checkCurrency && (s.otherCurrency[i] || maxCostCurrencyMismatch)) {
      return CURRENCY;
    }
    if (s.price[i] > maxCost) {
      return MAX_COST;
    }
    if (checkCpu && perf.cpuScore[i] < minCpu) {
      return CPU_SCORE;
    }
    if (checkFailure && perf.failureRate[i] > maxFailure) {
      return AVAILABILITY;
    }
    return OK;
  }

  /**
   * Whether a region passes the region-level rules.
   *
   * @param r the region index
   * @return true when compliant and within the latency limit
   */
  boolean regionAllowed(int r) {
    return compliance[r] == null && (regionLatency == null || regionLatency[r] <= maxLatency);
  }

  /**
   * The reason a region fails the region-level rules.
   *
   * @param r the region index
   * @return the reason; null when it passes
   */
  String regionReason(int r) {
    if (compliance[r] != null) {
      return compliance[r];
    }
    if (regionLatency != null && regionLatency[r] > maxLatency) {
      if (latencyReason == null) {
        latencyReason = "p95 latency to users above max " + fmt(maxLatency) + " ms";
      }
      return latencyReason;
    }
    return null;
  }

  /**
   * The reason text of a code, for this workload.
   *
   * @param code a code other than {@link #OK}
   * @return the text; never null
   */
  String reason(int code) {
    switch (code) {
      case ARCH:
        return "architecture not in " + new java.util.TreeSet<>(workload.architectures());
      case GPU:
        return "insufficient GPUs";
      case VCPU:
        return "insufficient vCPU";
      case MEMORY:
        return "insufficient memory";
      case NETWORK:
        return "insufficient network bandwidth";
      case SPOT:
        return "spot not allowed";
      case INTERRUPTION:
        return "interruption rate above max " + pct(maxInterruption);
      case COMMITMENT:
        return "commitments not allowed";
      case COMMITMENT_TERM:
        return "commitment term longer than expected duration " + workload.expectedDuration();
      case COMMITMENT_OPEN_ENDED:
        return "commitment skipped: commitments not allowed for an open-ended workload (set an expectedDuration that"
            + " covers the term, or CostConstraints.commitmentsAllowed(true))";
      case CURRENCY:
        return maxCostCurrencyMismatch
            ? "max hourly cost in " + workload.cost().maxHourlyCost().orElseThrow().currency() + ", prices in "
                + snapshot.currency
            : "priced in another currency than " + snapshot.currency;
      case MAX_COST:
        return "hourly cost above max " + workload.cost().maxHourlyCost().orElseThrow();
      case CPU_SCORE:
        return "CPU score below min " + fmt(minCpu);
      case AVAILABILITY:
        return "predicted availability below target " + workload.performance().availabilityTarget();
      default:
        throw new IllegalStateException("unknown reason code " + code);
    }
  }

  /** {@code v} with up to two decimals, without {@link String#format} (it is on the decision path). */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return decimals(v, 2);
  }

  /** {@code v} as a percentage with one decimal, e.g. {@code 12.5%}. */
  static String pct(double v) {
    return decimals(v * 100, 1) + "%";
  }

  /** {@code v} rounded half-up to {@code digits} decimals, in plain notation. */
  static String decimals(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code n} with a comma every three digits, e.g. {@code 1,204}. */
  static String grouped(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (n < 0) {
      out.append('-');
    }
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    out.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      out.append(',').append(digits, i, i + 3);
    }
    return out.toString();
  }
}
