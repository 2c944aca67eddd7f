package io.stratus.simulation.scenario;

import io.stratus.model.CloudProvider;
import io.stratus.simulation.environment.Commitment;
import io.stratus.simulation.environment.OutageScope;
import io.stratus.simulation.workload.ArrivalPattern;
import io.stratus.simulation.workload.DurationDistribution;
import io.stratus.simulation.workload.Seasonality;
import io.stratus.simulation.workload.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a bound scenario document ({@link ScenarioFile.Root}) into a validated {@link ScenarioSpec}: defaults, value
 * rules and the {@link ScenarioLimits}. Every broken rule is a {@link FieldError} naming the field's path; the
 * parser turns it into a {@link ScenarioFormatException} with the line and column.
 */
final class ScenarioBinder {
  private ScenarioBinder() {}

  /** The values of a document, without its parameters. */
  static ScenarioSpec.Values bind(ScenarioFile.Root f, ScenarioLimits limits) {
    ScenarioSpec.Values v = new ScenarioSpec.Values();
    v.name = required(f.name(), "name");
    v.start = f.start() == null ? Instant.parse("2026-01-01T00:00:00Z") : instant(f.start(), "start");
    v.duration = positive(duration(required(f.duration(), "duration"), "duration"), "duration");
    v.seed = f.seed() == null ? 0 : f.seed();
    v.replications = f.replications() == null ? 1 : f.replications();
    if (v.replications < 1 || v.replications > 10_000) {
      throw new FieldError("replications", "must be in [1, 10000], was " + v.replications);
    }
    v.confidenceLevel = f.confidenceLevel() == null ? 0.95 : f.confidenceLevel();
    if (!(v.confidenceLevel > 0 && v.confidenceLevel < 1)) {
      throw new FieldError("confidenceLevel", "must be in (0, 1), was " + v.confidenceLevel);
    }
    List<SchedulerKind> ks = f.schedulers() == null ? List.of(SchedulerKind.COST_AWARE) : f.schedulers();
    if (ks.isEmpty() || ks.stream().anyMatch(Objects::isNull) || new LinkedHashSet<>(ks).size() != ks.size()) {
      throw new FieldError("schedulers", "must be a non-empty list without duplicates, was " + ks);
    }
    v.schedulers = List.copyOf(ks);
    v.sloAllowance = f.sloAllowance() == null ? Duration.ofMinutes(15)
        : nonNegative(duration(f.sloAllowance(), "sloAllowance"), "sloAllowance");

    ScenarioFile.Environment e = f.environment() == null ? ScenarioFile.Environment.EMPTY : f.environment();
    Set<CloudProvider> ps = new LinkedHashSet<>();
    List<String> pids = e.providers() == null ? List.of("aws", "gcp", "azure") : e.providers();
    for (int i = 0; i < pids.size(); i++) {
      String p = pids.get(i);
      if (!List.of("aws", "gcp", "azure").contains(p)) {
        throw new FieldError("environment.providers[" + i + "]", "must be aws, gcp or azure, was '" + p + "'");
      }
      ps.add(CloudProvider.of(p));
    }
    if (ps.isEmpty()) {
      throw new FieldError("environment.providers", "must not be empty");
    }
    v.providers = Set.copyOf(ps);
    v.regions = e.regions() == null ? Set.of() : Set.copyOf(e.regions());
    v.defaultVcpuQuota = e.defaultVcpuQuota() == null ? 5000 : e.defaultVcpuQuota();
    if (v.defaultVcpuQuota < 0) {
      throw new FieldError("environment.defaultVcpuQuota", "must be >= 0, was " + v.defaultVcpuQuota);
    }
    v.instanceFailuresPerHour = nonNegative(e.instanceFailuresPerHour(), 0, "environment.instanceFailuresPerHour");
    v.spotInterruptionMultiplier =
        nonNegative(e.spotInterruptionMultiplier(), 1, "environment.spotInterruptionMultiplier");
    ScenarioFile.OutageRates r = e.outageRates();
    v.outageRates = r == null ? new double[3] : new double[] {
        nonNegative(r.zonePerDay(), 0, "environment.outageRates.zonePerDay"),
        nonNegative(r.regionPerDay(), 0, "environment.outageRates.regionPerDay"),
        nonNegative(r.providerPerDay(), 0, "environment.outageRates.providerPerDay")};
    v.outageMeanDuration = r == null || r.meanDuration() == null ? Duration.ofHours(1)
        : positive(duration(r.meanDuration(), "environment.outageRates.meanDuration"),
            "environment.outageRates.meanDuration");
    List<ScenarioSpec.Outage> os = new ArrayList<>();
    List<ScenarioFile.Outage> fos = e.outages() == null ? List.of() : e.outages();
    for (int i = 0; i < fos.size(); i++) {
      String p = "environment.outages[" + i + "]";
      ScenarioFile.Outage o = fos.get(i);
      String scopeText = required(o.scope(), p + ".scope");
      OutageScope scope;
      try {
        scope = OutageScope.valueOf(scopeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new FieldError(p + ".scope", "must be zone, region or provider, was '" + scopeText + "'");
      }
      Instant at = eventStart(o.start(), p + ".start", v.start);
      os.add(new ScenarioSpec.Outage(scope, required(o.target(), p + ".target"), at,
          positive(duration(required(o.length(), p + ".length"), p + ".length"), p + ".length")));
    }
    v.outages = List.copyOf(os);
    List<Commitment> cs = new ArrayList<>();
    List<ScenarioFile.Commitment> fcs = e.commitments() == null ? List.of() : e.commitments();
    for (int i = 0; i < fcs.size(); i++) {
      cs.add(commitment(fcs.get(i), "environment.commitments[" + i + "]"));
    }
    v.commitments = List.copyOf(cs);
    List<ScenarioSpec.NetworkFault> nfs = new ArrayList<>();
    List<ScenarioFile.NetworkFault> parts = e.partitions() == null ? List.of() : e.partitions();
    for (int i = 0; i < parts.size(); i++) {
      String p = "environment.partitions[" + i + "]";
      if (parts.get(i).extraMillis() != null) {
        throw new FieldError(p + ".extraMillis", "belongs to latencySpikes, not partitions");
      }
      nfs.add(fault(parts.get(i), p, 0, v.start));
    }
    List<ScenarioFile.NetworkFault> spikes = e.latencySpikes() == null ? List.of() : e.latencySpikes();
    for (int i = 0; i < spikes.size(); i++) {
      String p = "environment.latencySpikes[" + i + "]";
      double extra = num(spikes.get(i).extraMillis(), p + ".extraMillis");
      if (!(extra > 0)) {
        throw new FieldError(p + ".extraMillis", "must be positive, was " + extra);
      }
      nfs.add(fault(spikes.get(i), p, extra, v.start));
    }
    v.networkFaults = List.copyOf(nfs);
    ScenarioFile.NetworkRates nr = e.networkFaultRates();
    String np = "environment.networkFaultRates";
    v.networkRates = nr == null ? new double[4] : new double[] {
        nonNegative(nr.partitionsPerRegionPerDay(), 0, np + ".partitionsPerRegionPerDay"),
        nonNegative(nr.interRegionPartitionsPerDay(), 0, np + ".interRegionPartitionsPerDay"),
        nonNegative(nr.spikesPerRegionPerDay(), 0, np + ".spikesPerRegionPerDay"),
        nonNegative(nr.spikeExtraMillis(), 0, np + ".spikeExtraMillis")};
    if (v.networkRates[2] > 0 && v.networkRates[3] <= 0) {
      throw new FieldError(np + ".spikeExtraMillis", "must be positive when spikesPerRegionPerDay is, was "
          + v.networkRates[3]);
    }
    v.networkMeanDuration = nr == null || nr.meanDuration() == null ? Duration.ofMinutes(30)
        : positive(duration(nr.meanDuration(), np + ".meanDuration"), np + ".meanDuration");

    List<ScenarioFile.Workload> fws = f.workloads();
    if (fws == null || fws.isEmpty()) {
      throw new FieldError("workloads", "must list at least one workload");
    }
    List<WorkloadSpec> ws = new ArrayList<>();
    Map<String, String> classes = new LinkedHashMap<>();
    Map<String, Double> spot = new LinkedHashMap<>();
    for (int i = 0; i < fws.size(); i++) {
      String p = "workloads[" + i + "]";
      ScenarioFile.Workload w = fws.get(i);
      String wn = required(w.name(), p + ".name");
      if (classes.containsKey(wn)) {
        throw new FieldError(p + ".name", "duplicate workload name '" + wn + "'");
      }
      ws.add(workload(w, wn, p));
      classes.put(wn, w.workloadClass() == null ? wn : w.workloadClass());
      double share = w.spotAllowed() != null && w.spotAllowed() ? 1 : 0;
      if (w.spotShare() != null) {
        if (!(w.spotShare() >= 0 && w.spotShare() <= 1)) {
          throw new FieldError(p + ".spotShare", "must be in [0, 1], was " + w.spotShare());
        }
        if (w.spotAllowed() != null && !w.spotAllowed() && w.spotShare() > 0) {
          throw new FieldError(p + ".spotShare", "contradicts spotAllowed: false, was " + w.spotShare());
        }
        share = w.spotShare();
      }
      spot.put(wn, share);
    }
    v.workloads = List.copyOf(ws);
    v.workloadClasses = Map.copyOf(classes);
    v.spotShares = Map.copyOf(spot);

    checkLimits(f, v, limits);
    return v;
  }

  /** The duration cap and the expected job count of one run, blamed on the workload rate that drives it. */
  private static void checkLimits(ScenarioFile.Root f, ScenarioSpec.Values v, ScenarioLimits limits) {
    if (v.duration.compareTo(limits.maxDuration()) > 0) {
      throw new FieldError("duration", "must be at most " + limits.maxDuration() + " (ScenarioLimits.maxDuration),"
          + " was " + v.duration);
    }
    double hours = v.duration.toNanos() / 3.6e12;
    double total = 0;
    double largest = -1;
    String blamed = "workloads";
    String detail = "";
    for (int i = 0; i < f.workloads().size(); i++) {
      ScenarioFile.Arrivals a = f.workloads().get(i).arrivals();
      String at = "workloads[" + i + "].arrivals.";
      double rate;
      String field;
      switch (a.type()) {
        case "constant":
        case "periodic":
          rate = a.perHour();
          field = "perHour";
          break;
        case "bursty": {
          double calm = Duration.parse(a.meanCalm()).toNanos(); // within range: duration() checked it
          double burst = Duration.parse(a.meanBurst()).toNanos();
          rate = (a.calmPerHour() * calm + a.burstPerHour() * burst) / (calm + burst);
          field = a.burstPerHour() * burst >= a.calmPerHour() * calm ? "burstPerHour" : "calmPerHour";
          break;
        }
        default: // random-walk: the walk may stay at its maximum
          rate = a.maxPerHour();
          field = "maxPerHour";
      }
      double jobs = rate * hours;
      total += jobs;
      if (jobs > largest) {
        largest = jobs;
        blamed = at + field;
        detail = String.format(Locale.ROOT, "%.4g per hour x %.4g h", rate, hours);
      }
    }
    if (!(total <= limits.maxJobsPerRun())) {
      throw new FieldError(blamed, String.format(Locale.ROOT, "implies about %.4g jobs per run (%s; all workloads"
          + " %.4g), above the limit of %d jobs per run (ScenarioLimits.maxJobsPerRun): lower the rate or the"
          + " duration, or raise the limit", largest, detail, total, limits.maxJobsPerRun()));
    }
  }

  private static ScenarioSpec.NetworkFault fault(ScenarioFile.NetworkFault f, String p, double extra, Instant start) {
    List<String> between = f.between();
    if (between == null || between.size() != 2 || between.stream().anyMatch(x -> x == null || x.isBlank())) {
      throw new FieldError(p + ".between", "must name two endpoints (region id, zone or internet), was " + between);
    }
    if (between.get(0).equals(between.get(1))) {
      throw new FieldError(p + ".between", "endpoints must differ, both were '" + between.get(0) + "'");
    }
    Instant at = eventStart(f.start(), p + ".start", start);
    return new ScenarioSpec.NetworkFault(between.get(0), between.get(1), at,
        positive(duration(required(f.length(), p + ".length"), p + ".length"), p + ".length"), extra);
  }

  private static Commitment commitment(ScenarioFile.Commitment c, String p) {
    String id = required(c.id(), p + ".id");
    String typeText = required(c.type(), p + ".type");
    Commitment.Type type;
    Commitment.Term term;
    Commitment.Payment payment;
    try {
      type = Commitment.Type.of(typeText);
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p + ".type", ex.getMessage());
    }
    try {
      term = Commitment.Term.of(c.term() == null ? "1y" : c.term());
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p + ".term", ex.getMessage());
    }
    try {
      payment = Commitment.Payment.of(c.payment() == null ? "no-upfront" : c.payment());
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p + ".payment", ex.getMessage());
    }
    try {
      if (type == Commitment.Type.RESERVED_INSTANCES) {
        if (c.provider() != null || c.discount() != null) {
          throw new FieldError(p, "reserved instances take instanceType, region, count and hourlyRate, not provider"
              + " or discount");
        }
        String t = required(c.instanceType(), p + ".instanceType");
        String r = required(c.region(), p + ".region");
        int count = c.count() == null ? 1 : c.count();
        return c.hourlyRate() == null ? Commitment.reservedInstances(id, t, r, count, term, payment)
            : Commitment.reservedInstances(id, t, r, count, c.hourlyRate(), term, payment);
      }
      if (c.instanceType() != null || c.region() != null || c.count() != null) {
        throw new FieldError(p, "a savings plan takes provider, hourlyRate and discount, not instanceType, region"
            + " or count");
      }
      String provider = required(c.provider(), p + ".provider");
      if (c.hourlyRate() == null) {
        throw new FieldError(p + ".hourlyRate", "is required for a savings plan");
      }
      return Commitment.savingsPlan(id, CloudProvider.of(provider), c.hourlyRate(),
          num(c.discount(), p + ".discount"), term, payment);
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p, ex.getMessage());
    }
  }

  private static WorkloadSpec workload(ScenarioFile.Workload w, String wn, String p) {
    ScenarioFile.Arrivals a = w.arrivals();
    if (a == null) {
      throw new FieldError(p + ".arrivals", "is required");
    }
    String ap = p + ".arrivals";
    String type = required(a.type(), ap + ".type");
    ArrivalPattern pattern;
    try {
      switch (type) {
        case "constant":
          pattern = ArrivalPattern.constant(num(a.perHour(), ap + ".perHour"));
          break;
        case "periodic":
          pattern = ArrivalPattern.periodic(num(a.perHour(), ap + ".perHour"), num(a.amplitude(), ap + ".amplitude"),
              duration(required(a.period(), ap + ".period"), ap + ".period"));
          break;
        case "bursty":
          pattern = ArrivalPattern.bursty(num(a.calmPerHour(), ap + ".calmPerHour"),
              num(a.burstPerHour(), ap + ".burstPerHour"),
              duration(required(a.meanCalm(), ap + ".meanCalm"), ap + ".meanCalm"),
              duration(required(a.meanBurst(), ap + ".meanBurst"), ap + ".meanBurst"));
          break;
        case "random-walk":
          pattern = ArrivalPattern.randomWalk(num(a.perHour(), ap + ".perHour"), num(a.volatility(),
              ap + ".volatility"), num(a.minPerHour(), ap + ".minPerHour"), num(a.maxPerHour(), ap + ".maxPerHour"));
          break;
        default:
          throw new FieldError(ap + ".type", "must be constant, periodic, bursty or random-walk, was '" + type + "'");
      }
    } catch (IllegalArgumentException ex) {
      throw new FieldError(ap, ex.getMessage());
    }
    WorkloadSpec.Builder b = WorkloadSpec.builder(wn, pattern);
    String season = w.seasonality() == null ? "none" : w.seasonality();
    if (season.equals("business-hours")) {
      b.seasonality(Seasonality.businessHours(4, 0.3));
    } else if (!season.equals("none")) {
      throw new FieldError(p + ".seasonality", "must be none or business-hours, was '" + season + "'");
    }
    try {
      if (w.noiseSigma() != null) {
        b.noiseSigma(w.noiseSigma());
      }
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p + ".noiseSigma", ex.getMessage());
    }
    if (w.vcpus() != null) {
      Map<Integer, Double> vc = new LinkedHashMap<>();
      for (Map.Entry<String, Double> en : w.vcpus().entrySet()) {
        try {
          vc.put(Integer.parseInt(en.getKey()), en.getValue());
        } catch (NumberFormatException ex) {
          throw new FieldError(p + ".vcpus." + en.getKey(), "key must be an integer vCPU count");
        }
      }
      try {
        b.vcpuWeights(vc);
      } catch (IllegalArgumentException ex) {
        throw new FieldError(p + ".vcpus", ex.getMessage());
      }
    }
    if (w.memoryGibPerVcpu() != null) {
      try {
        b.memoryGibPerVcpu(w.memoryGibPerVcpu());
      } catch (IllegalArgumentException ex) {
        throw new FieldError(p + ".memoryGibPerVcpu", ex.getMessage());
      }
    }
    if (w.teams() != null) {
      try {
        b.teamWeights(w.teams());
      } catch (IllegalArgumentException ex) {
        throw new FieldError(p + ".teams", ex.getMessage());
      }
    }
    if (w.duration() != null) {
      b.durations(durations(w.duration(), p + ".duration"));
    }
    return b.build();
  }

  private static DurationDistribution durations(ScenarioFile.DurationSpec d, String p) {
    String type = required(d.type(), p + ".type");
    try {
      switch (type) {
        case "fixed":
          return DurationDistribution.fixed(duration(required(d.value(), p + ".value"), p + ".value"));
        case "exponential":
          return DurationDistribution.exponential(duration(required(d.mean(), p + ".mean"), p + ".mean"));
        case "lognormal":
          return DurationDistribution.logNormal(duration(required(d.median(), p + ".median"), p + ".median"),
              num(d.sigma(), p + ".sigma"));
        case "uniform":
          return DurationDistribution.uniform(duration(required(d.min(), p + ".min"), p + ".min"),
              duration(required(d.max(), p + ".max"), p + ".max"));
        default:
          throw new FieldError(p + ".type", "must be fixed, exponential, lognormal or uniform, was '" + type + "'");
      }
    } catch (IllegalArgumentException ex) {
      throw new FieldError(p, ex.getMessage());
    }
  }

  private static String required(String v, String path) {
    if (v == null || v.isBlank()) {
      throw new FieldError(path, "is required");
    }
    return v;
  }

  private static double num(Double v, String path) {
    if (v == null) {
      throw new FieldError(path, "is required");
    }
    if (!Double.isFinite(v)) {
      throw new FieldError(path, "must be finite, was " + v);
    }
    return v;
  }

  private static double nonNegative(Double v, double dflt, String path) {
    if (v == null) {
      return dflt;
    }
    if (!(v >= 0) || v.isInfinite()) {
      throw new FieldError(path, "must be finite and >= 0, was " + v);
    }
    return v;
  }

  /** An ISO-8601 duration within the engine's range (it counts nanoseconds in a long). */
  private static Duration duration(String text, String path) {
    Duration d;
    try {
      d = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new FieldError(path, "must be an ISO-8601 duration such as PT15M or P7D, was '" + text + "'");
    }
    if (d.abs().compareTo(ScenarioLimits.HARD_MAX_DURATION) > 0) {
      throw new FieldError(path, "must be at most " + ScenarioLimits.HARD_MAX_DURATION.toDays()
          + " days (the simulation counts nanoseconds), was '" + text + "'");
    }
    return d;
  }

  /** An event instant, which must lie within the simulation's reach of the scenario start. */
  private static Instant eventStart(String text, String path, Instant start) {
    Instant at = instant(required(text, path), path);
    if (at.isBefore(start)) {
      throw new FieldError(path, "must not be before the scenario start " + start + ", was " + at);
    }
    if (Duration.between(start, at).compareTo(ScenarioLimits.HARD_MAX_DURATION) > 0) {
      throw new FieldError(path, "must be within " + ScenarioLimits.HARD_MAX_DURATION.toDays()
          + " days of the scenario start " + start + ", was " + at);
    }
    return at;
  }

  private static Duration positive(Duration d, String path) {
    if (d.isNegative() || d.isZero()) {
      throw new FieldError(path, "must be positive, was " + d);
    }
    return d;
  }

  private static Duration nonNegative(Duration d, String path) {
    if (d.isNegative()) {
      throw new FieldError(path, "must not be negative, was " + d);
    }
    return d;
  }

  private static Instant instant(String text, String path) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new FieldError(path, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + text + "'");
    }
  }
}
