package io.stratus.simulation.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stratus.model.CloudProvider;
import io.stratus.simulation.environment.Commitment;
import io.stratus.simulation.environment.OutageScope;
import io.stratus.simulation.workload.ArrivalPattern;
import io.stratus.simulation.workload.DurationDistribution;
import io.stratus.simulation.workload.Seasonality;
import io.stratus.simulation.workload.WorkloadSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import org.apiguardian.api.API;

/**
 * A scenario as data: the simulated environment, the workloads, the schedulers to compare, the duration, the seed
 * and the number of Monte Carlo replications. Read from JSON with {@link #parse}; any error (syntax, unknown field,
 * wrong type, rule broken) is a {@link ScenarioFormatException} naming the line, column and field. Format:
 *
 * <pre>{@code
 * {
 *   "name": "two-clouds-week",                 // required
 *   "start": "2026-01-05T00:00:00Z",           // default 2026-01-01T00:00:00Z
 *   "duration": "P7D",                         // ISO-8601, required
 *   "seed": 42, "replications": 5, "confidenceLevel": 0.95,
 *   "schedulers": ["cost-aware", "performance", "enhanced", "first-fit", "round-robin"],
 *   "sloAllowance": "PT15M",                   // a job violates its SLO if it ends later than arrival + duration + this
 *   "environment": {
 *     "providers": ["aws", "gcp"], "regions": ["aws:us-east-1", "gcp:europe-west1"],   // regions optional
 *     "defaultVcpuQuota": 5000, "instanceFailuresPerHour": 0.0005, "spotInterruptionMultiplier": 1.0,
 *     "outageRates": {"zonePerDay": 0.01, "regionPerDay": 0.001, "providerPerDay": 0.0001, "meanDuration": "PT2H"},
 *     "outages": [{"scope": "region", "target": "aws:us-east-1", "start": "2026-01-06T10:00:00Z", "length": "PT3H"}],
 *     "partitions": [{"between": ["aws:us-east-1", "internet"], "start": "2026-01-06T12:00:00Z", "length": "PT1H"}],
 *     "latencySpikes": [{"between": ["aws:us-east-1", "gcp:europe-west1"], "start": "2026-01-06T12:00:00Z",
 *                        "length": "PT1H", "extraMillis": 80}],
 *     "networkFaultRates": {"partitionsPerRegionPerDay": 0.01, "interRegionPartitionsPerDay": 0.01,
 *                           "spikesPerRegionPerDay": 0.1, "spikeExtraMillis": 50, "meanDuration": "PT30M"},
 *     "commitments": [
 *       {"id": "ri-1", "type": "reserved-instances", "instanceType": "aws:m5.large", "region": "aws:us-east-1",
 *        "count": 4, "term": "1y", "payment": "partial-upfront"},      // hourlyRate optional: catalog price
 *       {"id": "sp-1", "type": "savings-plan", "provider": "gcp", "hourlyRate": 2.5, "discount": 0.2,
 *        "term": "3y", "payment": "no-upfront"}]
 *   },
 *   "workloads": [{
 *     "name": "web", "workloadClass": "web", "spotAllowed": false,
 *     "arrivals": {"type": "constant", "perHour": 20},      // or periodic/bursty/random-walk, see below
 *     "seasonality": "business-hours",                       // or "none"
 *     "noiseSigma": 0.2, "vcpus": {"2": 0.7, "4": 0.3}, "memoryGibPerVcpu": 4,
 *     "duration": {"type": "lognormal", "median": "PT1H", "sigma": 0.8},   // or fixed/exponential/uniform
 *     "teams": {"payments": 1, "search": 1}
 *   }]
 * }
 * }</pre>
 *
 * <p>Parameter sweeps: {@code "parameters": {"environment.spotInterruptionMultiplier": [0.5, 1, 2],
 * "workloads[0].spotShare": {"from": 0, "to": 1, "steps": 5}}} runs every combination ({@link #sweepPoints()});
 * each parameter is a field path of this document with a list of values or an inclusive range. A workload's
 * {@code spotShare} (in [0, 1]) lets that share of its jobs run on spot. YAML files (source name ending in
 * {@code .yaml} or {@code .yml}) have the same fields.
 *
 * <p>Arrivals: {@code constant} (perHour), {@code periodic} (perHour, amplitude, period), {@code bursty}
 * (calmPerHour, burstPerHour, meanCalm, meanBurst), {@code random-walk} (perHour, volatility, minPerHour,
 * maxPerHour). Durations: {@code fixed} (value), {@code exponential} (mean), {@code lognormal} (median, sigma),
 * {@code uniform} (min, max).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioSpec {
  private static final ObjectMapper MAPPER = configure(new ObjectMapper());
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
  private static final int MAX_POINTS = 10_000;

  private static ObjectMapper configure(ObjectMapper m) {
    return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private final String name;
  private final Instant start;
  private final Duration duration;
  private final long seed;
  private final int replications;
  private final double confidenceLevel;
  private final List<SchedulerKind> schedulers;
  private final Duration sloAllowance;
  private final List<WorkloadSpec> workloads;
  private final Map<String, String> workloadClasses;
  final Set<CloudProvider> providers;
  final Set<String> regions;
  final int defaultVcpuQuota;
  final double instanceFailuresPerHour;
  final double spotInterruptionMultiplier;
  final double[] outageRates;
  final Duration outageMeanDuration;
  final List<Outage> outages;
  final List<Commitment> commitments;
  final List<NetworkFault> networkFaults;
  final double[] networkRates;
  final Duration networkMeanDuration;
  private final Map<String, Double> spotShares;
  private List<Parameter> parameters = List.of();
  private List<SweepPoint> points = List.of();

  record Outage(OutageScope scope, String target, Instant start, Duration length) {}

  /** A partition (extraMillis 0) or latency spike. */
  record NetworkFault(String a, String b, Instant start, Duration length, double extraMillis) {}

  /**
   * A swept parameter: a field of the scenario document (a path such as {@code
   * environment.spotInterruptionMultiplier} or {@code workloads[0].spotShare}) and the values it takes.
   *
   * @param path the field path; never null
   * @param values the values as JSON text, in order; never null or empty
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Parameter(String path, List<String> values) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if there is no value
     */
    public Parameter {
      Objects.requireNonNull(path, "path");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("parameter " + path + " needs at least one value");
      }
    }
  }

  /**
   * One point of a parameter sweep: the parameter values and the scenario they make.
   *
   * @param index the 0-based index in sweep order (the first parameter varies slowest)
   * @param values the value of each parameter as JSON text, in parameter order; never null
   * @param spec the scenario with those values; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record SweepPoint(int index, Map<String, String> values, ScenarioSpec spec) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     */
    public SweepPoint {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      Objects.requireNonNull(spec, "spec");
    }
  }

  // ---- file shape (bound by Jackson; unknown fields are rejected)
  record FileRoot(String name, String start, String duration, Long seed, Integer replications,
      Double confidenceLevel, List<SchedulerKind> schedulers, String sloAllowance, FileEnvironment environment,
      List<FileWorkload> workloads, LinkedHashMap<String, JsonNode> parameters) {}

  record FileEnvironment(List<String> providers, List<String> regions, Integer defaultVcpuQuota,
      Double instanceFailuresPerHour, Double spotInterruptionMultiplier, FileOutageRates outageRates,
      List<FileOutage> outages, List<FileCommitment> commitments, List<FileNetworkFault> partitions,
      List<FileNetworkFault> latencySpikes, FileNetworkRates networkFaultRates) {}

  record FileNetworkFault(List<String> between, String start, String length, Double extraMillis) {}

  record FileNetworkRates(Double partitionsPerRegionPerDay, Double interRegionPartitionsPerDay,
      Double spikesPerRegionPerDay, Double spikeExtraMillis, String meanDuration) {}

  record FileCommitment(String id, String type, String provider, String instanceType, String region, Integer count,
      BigDecimal hourlyRate, Double discount, String term, String payment) {}

  record FileOutageRates(Double zonePerDay, Double regionPerDay, Double providerPerDay, String meanDuration) {}

  record FileOutage(String scope, String target, String start, String length) {}

  record FileWorkload(String name, String workloadClass, Boolean spotAllowed, Double spotShare, FileArrivals arrivals,
      String seasonality, Double noiseSigma, Map<String, Double> vcpus, Double memoryGibPerVcpu,
      FileDuration duration, Map<String, Double> teams) {}

  record FileArrivals(String type, Double perHour, Double amplitude, String period, Double calmPerHour,
      Double burstPerHour, String meanCalm, String meanBurst, Double volatility, Double minPerHour,
      Double maxPerHour) {}

  record FileDuration(String type, String value, String mean, String median, Double sigma, String min, String max) {}

  /** A semantic error at a JSON path. */
  private static final class FieldError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String path;

    FieldError(String path, String message) {
      super(message, null, false, false);
      this.path = path;
    }
  }

  private ScenarioSpec(FileRoot f) {
    this.name = required(f.name(), "name");
    this.start = f.start() == null ? Instant.parse("2026-01-01T00:00:00Z") : instant(f.start(), "start");
    this.duration = positive(duration(required(f.duration(), "duration"), "duration"), "duration");
    this.seed = f.seed() == null ? 0 : f.seed();
    this.replications = f.replications() == null ? 1 : f.replications();
    if (replications < 1 || replications > 10_000) {
      throw new FieldError("replications", "must be in [1, 10000], was " + replications);
    }
    this.confidenceLevel = f.confidenceLevel() == null ? 0.95 : f.confidenceLevel();
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new FieldError("confidenceLevel", "must be in (0, 1), was " + confidenceLevel);
    }
    List<SchedulerKind> ks = f.schedulers() == null ? List.of(SchedulerKind.COST_AWARE) : f.schedulers();
    if (ks.isEmpty() || ks.stream().anyMatch(Objects::isNull) || new LinkedHashSet<>(ks).size() != ks.size()) {
      throw new FieldError("schedulers", "must be a non-empty list without duplicates, was " + ks);
    }
    this.schedulers = List.copyOf(ks);
    this.sloAllowance = f.sloAllowance() == null ? Duration.ofMinutes(15)
        : nonNegative(duration(f.sloAllowance(), "sloAllowance"), "sloAllowance");

    FileEnvironment e = f.environment() == null
        ? new FileEnvironment(null, null, null, null, null, null, null, null, null, null, null) : f.environment();
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
    this.providers = Set.copyOf(ps);
    this.regions = e.regions() == null ? Set.of() : Set.copyOf(e.regions());
    this.defaultVcpuQuota = e.defaultVcpuQuota() == null ? 5000 : e.defaultVcpuQuota();
    if (defaultVcpuQuota < 0) {
      throw new FieldError("environment.defaultVcpuQuota", "must be >= 0, was " + defaultVcpuQuota);
    }
    this.instanceFailuresPerHour = nonNegative(e.instanceFailuresPerHour(), 0, "environment.instanceFailuresPerHour");
    this.spotInterruptionMultiplier =
        nonNegative(e.spotInterruptionMultiplier(), 1, "environment.spotInterruptionMultiplier");
    FileOutageRates r = e.outageRates();
    this.outageRates = r == null ? new double[3] : new double[] {
        nonNegative(r.zonePerDay(), 0, "environment.outageRates.zonePerDay"),
        nonNegative(r.regionPerDay(), 0, "environment.outageRates.regionPerDay"),
        nonNegative(r.providerPerDay(), 0, "environment.outageRates.providerPerDay")};
    this.outageMeanDuration = r == null || r.meanDuration() == null ? Duration.ofHours(1)
        : positive(duration(r.meanDuration(), "environment.outageRates.meanDuration"),
            "environment.outageRates.meanDuration");
    List<Outage> os = new ArrayList<>();
    List<FileOutage> fos = e.outages() == null ? List.of() : e.outages();
    for (int i = 0; i < fos.size(); i++) {
      String p = "environment.outages[" + i + "]";
      FileOutage o = fos.get(i);
      String scopeText = required(o.scope(), p + ".scope");
      OutageScope scope;
      try {
        scope = OutageScope.valueOf(scopeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new FieldError(p + ".scope", "must be zone, region or provider, was '" + scopeText + "'");
      }
      Instant at = instant(required(o.start(), p + ".start"), p + ".start");
      if (at.isBefore(start)) {
        throw new FieldError(p + ".start", "must not be before the scenario start " + start + ", was " + at);
      }
      os.add(new Outage(scope, required(o.target(), p + ".target"), at,
          positive(duration(required(o.length(), p + ".length"), p + ".length"), p + ".length")));
    }
    this.outages = List.copyOf(os);
    List<Commitment> cs = new ArrayList<>();
    List<FileCommitment> fcs = e.commitments() == null ? List.of() : e.commitments();
    for (int i = 0; i < fcs.size(); i++) {
      cs.add(commitment(fcs.get(i), "environment.commitments[" + i + "]"));
    }
    this.commitments = List.copyOf(cs);
    List<NetworkFault> nfs = new ArrayList<>();
    List<FileNetworkFault> parts = e.partitions() == null ? List.of() : e.partitions();
    for (int i = 0; i < parts.size(); i++) {
      String p = "environment.partitions[" + i + "]";
      if (parts.get(i).extraMillis() != null) {
        throw new FieldError(p + ".extraMillis", "belongs to latencySpikes, not partitions");
      }
      nfs.add(fault(parts.get(i), p, 0));
    }
    List<FileNetworkFault> spikes = e.latencySpikes() == null ? List.of() : e.latencySpikes();
    for (int i = 0; i < spikes.size(); i++) {
      String p = "environment.latencySpikes[" + i + "]";
      double extra = num(spikes.get(i).extraMillis(), p + ".extraMillis");
      if (!(extra > 0)) {
        throw new FieldError(p + ".extraMillis", "must be positive, was " + extra);
      }
      nfs.add(fault(spikes.get(i), p, extra));
    }
    this.networkFaults = List.copyOf(nfs);
    FileNetworkRates nr = e.networkFaultRates();
    String np = "environment.networkFaultRates";
    this.networkRates = nr == null ? new double[4] : new double[] {
        nonNegative(nr.partitionsPerRegionPerDay(), 0, np + ".partitionsPerRegionPerDay"),
        nonNegative(nr.interRegionPartitionsPerDay(), 0, np + ".interRegionPartitionsPerDay"),
        nonNegative(nr.spikesPerRegionPerDay(), 0, np + ".spikesPerRegionPerDay"),
        nonNegative(nr.spikeExtraMillis(), 0, np + ".spikeExtraMillis")};
    if (networkRates[2] > 0 && networkRates[3] <= 0) {
      throw new FieldError(np + ".spikeExtraMillis", "must be positive when spikesPerRegionPerDay is, was "
          + networkRates[3]);
    }
    this.networkMeanDuration = nr == null || nr.meanDuration() == null ? Duration.ofMinutes(30)
        : positive(duration(nr.meanDuration(), np + ".meanDuration"), np + ".meanDuration");

    List<FileWorkload> fws = f.workloads();
    if (fws == null || fws.isEmpty()) {
      throw new FieldError("workloads", "must list at least one workload");
    }
    List<WorkloadSpec> ws = new ArrayList<>();
    Map<String, String> classes = new LinkedHashMap<>();
    Map<String, Double> spot = new LinkedHashMap<>();
    for (int i = 0; i < fws.size(); i++) {
      String p = "workloads[" + i + "]";
      FileWorkload w = fws.get(i);
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
    this.workloads = List.copyOf(ws);
    this.workloadClasses = Map.copyOf(classes);
    this.spotShares = Map.copyOf(spot);
  }

  private NetworkFault fault(FileNetworkFault f, String p, double extra) {
    List<String> between = f.between();
    if (between == null || between.size() != 2 || between.stream().anyMatch(x -> x == null || x.isBlank())) {
      throw new FieldError(p + ".between", "must name two endpoints (region id, zone or internet), was " + between);
    }
    if (between.get(0).equals(between.get(1))) {
      throw new FieldError(p + ".between", "endpoints must differ, both were '" + between.get(0) + "'");
    }
    Instant at = instant(required(f.start(), p + ".start"), p + ".start");
    if (at.isBefore(start)) {
      throw new FieldError(p + ".start", "must not be before the scenario start " + start + ", was " + at);
    }
    return new NetworkFault(between.get(0), between.get(1), at,
        positive(duration(required(f.length(), p + ".length"), p + ".length"), p + ".length"), extra);
  }

  private static Commitment commitment(FileCommitment c, String p) {
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

  private static WorkloadSpec workload(FileWorkload w, String wn, String p) {
    FileArrivals a = w.arrivals();
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

  private static DurationDistribution durations(FileDuration d, String p) {
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

  /**
   * Parses a scenario from JSON or YAML text: YAML when the source name ends with {@code .yaml} or {@code .yml},
   * else JSON. Both formats have the same fields and the same errors.
   *
   * @param text the JSON or YAML; never null
   * @param source a name for messages (e.g. the file name); never null
   * @return the scenario; never null
   * @throws ScenarioFormatException if the text is malformed or breaks a rule (line, column and field named)
   */
  public static ScenarioSpec parse(String text, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    String lower = source.toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : MAPPER;
    FileRoot root;
    try {
      root = mapper.readValue(text, FileRoot.class);
    } catch (JsonMappingException e) {
      throw mappingError(mapper, text, source, e, "");
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), "(syntax)", firstLine(e.getOriginalMessage()), e);
    }
    if (root == null) {
      throw new ScenarioFormatException(source, 1, 1, "(root)", "empty document", null);
    }
    ScenarioSpec spec = build(mapper, text, source, root, "");
    if (root.parameters() != null) {
      spec.sweep(mapper, text, source, root.parameters());
    }
    return spec;
  }

  private static ScenarioSpec build(ObjectMapper mapper, String text, String source, FileRoot root, String prefix) {
    try {
      return new ScenarioSpec(root);
    } catch (FieldError e) {
      String at = prefix.isEmpty() ? e.path : prefix;
      int[] lc = locate(mapper.getFactory(), text, at);
      throw new ScenarioFormatException(source, lc[0], lc[1], at,
          prefix.isEmpty() ? e.getMessage() : "makes field '" + e.path + "' invalid: " + e.getMessage(), null);
    }
  }

  private static ScenarioFormatException mappingError(ObjectMapper mapper, String text, String source,
      JsonMappingException e, String prefix) {
    JsonLocation loc = e.getLocation();
    String path = path(e.getPath());
    String msg = e.getOriginalMessage();
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      msg = cause.getMessage();
    }
    if (!prefix.isEmpty()) {
      int[] lc = locate(mapper.getFactory(), text, prefix);
      return new ScenarioFormatException(source, lc[0], lc[1], prefix, "makes field '" + path + "' invalid: "
          + firstLine(msg), e);
    }
    if (!path.isEmpty()) {
      int[] lc = locate(mapper.getFactory(), text, path);
      loc = new JsonLocation(null, -1L, lc[0], lc[1]);
    }
    return new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
        loc == null ? 0 : loc.getColumnNr(), path.isEmpty() ? "(root)" : path, firstLine(msg), e);
  }

  /** Expands the parameters into the cartesian product of their values, each point a validated scenario. */
  private void sweep(ObjectMapper mapper, String text, String source, Map<String, JsonNode> declared) {
    List<Parameter> ps = new ArrayList<>();
    List<List<JsonNode>> values = new ArrayList<>();
    long total = 1;
    for (Map.Entry<String, JsonNode> e : declared.entrySet()) {
      String at = "parameters." + e.getKey();
      List<JsonNode> vs;
      try {
        parsePath(e.getKey());
        if (e.getKey().equals("parameters") || e.getKey().startsWith("parameters.")
            || e.getKey().startsWith("parameters[")) {
          throw new FieldError(at, "cannot sweep the parameters themselves");
        }
        vs = values(e.getValue(), at);
      } catch (FieldError ex) {
        int[] lc = locate(mapper.getFactory(), text, ex.path);
        throw new ScenarioFormatException(source, lc[0], lc[1], ex.path, ex.getMessage(), null);
      }
      List<String> texts = new ArrayList<>();
      vs.forEach(v -> texts.add(v.toString()));
      ps.add(new Parameter(e.getKey(), texts));
      values.add(vs);
      total *= vs.size();
      if (total > MAX_POINTS) {
        int[] lc = locate(mapper.getFactory(), text, "parameters");
        throw new ScenarioFormatException(source, lc[0], lc[1], "parameters", "the sweep has more than "
            + MAX_POINTS + " points", null);
      }
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the scenario parsed once and must parse again", e);
    }
    ((ObjectNode) tree).remove("parameters");
    List<SweepPoint> out = new ArrayList<>();
    int[] idx = new int[ps.size()];
    for (int n = 0; n < total; n++) {
      ObjectNode copy = tree.deepCopy();
      Map<String, String> point = new LinkedHashMap<>();
      String last = "";
      List<String> targets = new ArrayList<>();
      List<String> ats = new ArrayList<>();
      for (int k = 0; k < ps.size(); k++) {
        String path = ps.get(k).path();
        JsonNode v = values.get(k).get(idx[k]);
        // a single value or a range is blamed as a whole; a list's element by its index
        String at = values.get(k).size() == 1 || declared.get(path).isObject()
            ? "parameters." + path : "parameters." + path + "[" + idx[k] + "]";
        try {
          set(copy, path, v);
        } catch (FieldError ex) {
          int[] lc = locate(mapper.getFactory(), text, at);
          throw new ScenarioFormatException(source, lc[0], lc[1], at, ex.getMessage(), null);
        }
        point.put(path, v.toString());
        targets.add(path);
        ats.add(at);
        last = at;
      }
      FileRoot r;
      try {
        r = mapper.treeToValue(copy, FileRoot.class);
      } catch (JsonMappingException e) {
        throw mappingError(mapper, text, source, e, blame(path(e.getPath()), targets, ats, last));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a scenario tree must bind", e);
      }
      ScenarioSpec pointSpec;
      try {
        pointSpec = new ScenarioSpec(r);
      } catch (FieldError e) {
        String at = blame(e.path, targets, ats, last);
        int[] lc = locate(mapper.getFactory(), text, at);
        throw new ScenarioFormatException(source, lc[0], lc[1], at,
            "makes field '" + e.path + "' invalid: " + e.getMessage(), null);
      }
      out.add(new SweepPoint(n, point, pointSpec));
      for (int k = ps.size() - 1; k >= 0; k--) {
        if (++idx[k] < values.get(k).size()) {
          break;
        }
        idx[k] = 0;
      }
    }
    this.parameters = List.copyOf(ps);
    this.points = List.copyOf(out);
  }

  /** The parameter whose value a field error is about: the one at, under or above the field, else the last. */
  private static String blame(String field, List<String> targets, List<String> ats, String last) {
    for (int k = 0; k < targets.size(); k++) {
      String t = targets.get(k);
      if (field.equals(t) || field.startsWith(t + ".") || field.startsWith(t + "[") || t.startsWith(field + ".")
          || t.startsWith(field + "[")) {
        return ats.get(k);
      }
    }
    return last;
  }

  /** The values of a parameter: a non-empty array, or {@code {"from", "to", "steps"}} (inclusive, evenly spaced). */
  private static List<JsonNode> values(JsonNode v, String at) {
    List<JsonNode> out = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(out::add);
      if (out.isEmpty()) {
        throw new FieldError(at, "must list at least one value");
      }
      return out;
    }
    if (v.isObject()) {
      for (java.util.Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!List.of("from", "to", "steps").contains(f)) {
          throw new FieldError(at + "." + f, "unknown field; a range has from, to and steps");
        }
      }
      if (!v.path("from").isNumber() || !v.path("to").isNumber() || !v.path("steps").canConvertToInt()
          || !v.path("steps").isIntegralNumber()) {
        throw new FieldError(at, "a range needs numbers from and to and an integer steps");
      }
      double from = v.get("from").doubleValue();
      double to = v.get("to").doubleValue();
      int steps = v.get("steps").intValue();
      if (steps < 2 || steps > MAX_POINTS) {
        throw new FieldError(at + ".steps", "must be in [2, " + MAX_POINTS + "], was " + steps);
      }
      for (int i = 0; i < steps; i++) {
        out.add(DoubleNode.valueOf(i == steps - 1 ? to : from + (to - from) * i / (steps - 1)));
      }
      return out;
    }
    throw new FieldError(at, "must be a list of values or a range {from, to, steps}, was " + v);
  }

  /** Splits {@code a.b[2].c} into names and indices. */
  private static List<Object> parsePath(String path) {
    List<Object> out = new ArrayList<>();
    for (String part : path.split("\\.", -1)) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]*)((?:\\[\\d+])*)")
          .matcher(part);
      if (!m.matches()) {
        throw new FieldError("parameters." + path, "is not a field path such as environment.instanceFailuresPerHour"
            + " or workloads[0].spotShare");
      }
      out.add(m.group(1));
      java.util.regex.Matcher ix = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
      while (ix.find()) {
        out.add(Integer.parseInt(ix.group(1)));
      }
    }
    return out;
  }

  /** Sets a value at a path, creating missing objects; list elements must exist. */
  private static void set(ObjectNode root, String path, JsonNode value) {
    List<Object> parts = parsePath(path);
    JsonNode node = root;
    for (int i = 0; i < parts.size(); i++) {
      Object part = parts.get(i);
      boolean lastPart = i == parts.size() - 1;
      if (part instanceof String name) {
        if (!node.isObject()) {
          throw new FieldError("parameters." + path, "'" + name + "' is not inside an object in the scenario");
        }
        if (lastPart) {
          ((ObjectNode) node).set(name, value);
          return;
        }
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
          if (parts.get(i + 1) instanceof Integer) {
            throw new FieldError("parameters." + path, "the scenario has no list '" + name + "'");
          }
          child = ((ObjectNode) node).putObject(name);
        }
        node = child;
      } else {
        int index = (Integer) part;
        if (!node.isArray() || index >= node.size()) {
          throw new FieldError("parameters." + path, "the scenario has no element [" + index + "] there");
        }
        if (lastPart) {
          ((ArrayNode) node).set(index, value);
          return;
        }
        node = node.get(index);
      }
    }
  }

  /**
   * Parses a scenario from a reader.
   *
   * @param reader the JSON; never null; not closed
   * @param source a name for messages; never null
   * @return the scenario; never null
   * @throws ScenarioFormatException if the JSON is malformed or breaks a rule
   * @throws UncheckedIOException if reading fails
   */
  public static ScenarioSpec parse(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    StringWriter w = new StringWriter();
    try {
      reader.transferTo(w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + source, e);
    }
    return parse(w.toString(), source);
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  /** Finds the line and column of the value at a JSON path (or of its closest existing parent). */
  static int[] locate(String json, String targetPath) {
    return locate(new JsonFactory(), json, targetPath);
  }

  private static int[] locate(JsonFactory factory, String json, String targetPath) {
    int[] best = {1, 1};
    try (JsonParser p = factory.createParser(json)) {
      List<Object> stack = new ArrayList<>();
      List<Integer> indices = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.set(stack.size() - 1, p.currentName());
          continue;
        }
        String here = render(stack);
        boolean end = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
        if (!end && !here.isEmpty() && (targetPath.equals(here) || targetPath.startsWith(here + ".")
            || targetPath.startsWith(here + "["))) {
          JsonLocation loc = p.currentTokenLocation();
          best = new int[] {loc.getLineNr(), loc.getColumnNr()};
          if (targetPath.equals(here)) {
            return best;
          }
        }
        if (t == JsonToken.START_OBJECT) {
          stack.add("");
          indices.add(-1);
        } else if (t == JsonToken.START_ARRAY) {
          stack.add(0);
          indices.add(0);
          continue;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.remove(stack.size() - 1);
          indices.remove(indices.size() - 1);
        }
        advanceArray(stack);
      }
    } catch (IOException e) {
      return best;
    }
    return best;
  }

  private static void advanceArray(List<Object> stack) {
    if (!stack.isEmpty() && stack.get(stack.size() - 1) instanceof Integer) {
      stack.set(stack.size() - 1, (Integer) stack.get(stack.size() - 1) + 1);
    }
  }

  private static String render(List<Object> stack) {
    StringBuilder sb = new StringBuilder();
    for (Object o : stack) {
      if (o instanceof Integer) {
        sb.append('[').append(o).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(o);
      }
    }
    return sb.toString();
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

  private static Duration duration(String text, String path) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new FieldError(path, "must be an ISO-8601 duration such as PT15M or P7D, was '" + text + "'");
    }
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

  /**
   * The scenario name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The simulated start.
   *
   * @return the start; never null
   */
  public Instant start() {
    return start;
  }

  /**
   * The simulated duration.
   *
   * @return the duration; never null
   */
  public Duration duration() {
    return duration;
  }

  /**
   * The base seed; replication {@code r} uses {@code RandomStreams.of(seed).forReplication(r)}.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The number of Monte Carlo replications per scheduler.
   *
   * @return the count, {@code >= 1}
   */
  public int replications() {
    return replications;
  }

  /**
   * The confidence level of the reported intervals.
   *
   * @return the level in (0, 1)
   */
  public double confidenceLevel() {
    return confidenceLevel;
  }

  /**
   * The schedulers to compare, in file order.
   *
   * @return the schedulers; never null or empty
   */
  public List<SchedulerKind> schedulers() {
    return schedulers;
  }

  /**
   * The SLO allowance: a job violates its SLO if it ends after arrival + duration + allowance, or never.
   *
   * @return the allowance; never null
   */
  public Duration sloAllowance() {
    return sloAllowance;
  }

  /**
   * The workloads.
   *
   * @return the workload specs; never null or empty
   */
  public List<WorkloadSpec> workloads() {
    return workloads;
  }

  /**
   * The swept parameters, in file order.
   *
   * @return the parameters; never null, empty when the scenario sweeps nothing
   */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * The points of the parameter sweep (the cartesian product of the parameters' values, the first parameter varying
   * slowest), each a validated scenario; without parameters, the scenario itself as the only point.
   *
   * @return the points; never null or empty
   */
  public List<SweepPoint> sweepPoints() {
    return points.isEmpty() ? List.of(new SweepPoint(0, Map.of(), this)) : points;
  }

  String workloadClass(String workload) {
    return workloadClasses.get(workload);
  }

  /**
   * Whether a job may run on spot: all of a workload's jobs with {@code spotAllowed}, a deterministic share of them
   * (by a hash of the job id) with {@code spotShare}.
   */
  boolean spotAllowed(String workload, String jobId) {
    double share = spotShares.get(workload);
    if (share >= 1 || share <= 0) {
      return share >= 1;
    }
    long h = jobId.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (h >>> 11) * 0x1.0p-53 < share;
  }

  @Override
  public String toString() {
    return "ScenarioSpec[" + name + ", " + duration + ", seed=" + seed + ", replications=" + replications
        + ", schedulers=" + schedulers + ", workloads=" + workloads.size() + "]";
  }
}
