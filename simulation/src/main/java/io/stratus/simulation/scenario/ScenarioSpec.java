package io.stratus.simulation.scenario;

import io.stratus.model.CloudProvider;
import io.stratus.simulation.environment.Commitment;
import io.stratus.simulation.environment.OutageScope;
import io.stratus.simulation.workload.WorkloadSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;


/**
 * A scenario as data: the simulated environment, the workloads, the schedulers to compare, the duration, the seed
 * and the number of Monte Carlo replications. Read from JSON or YAML with {@link #parse}; any error (syntax, unknown
 * field, duplicate key, wrong type such as a fraction for an integer, rule broken, a {@link ScenarioLimits} limit
 * exceeded) is a {@link ScenarioFormatException} naming the line, column and field. Format:
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
 * <p>Integer fields ({@code seed}, {@code replications}, {@code defaultVcpuQuota}, {@code count}) take integers only:
 * {@code replications: 1.5} (or {@code 2.0}) is an error, never truncated. A key given twice in one object is an
 * error at the second occurrence. The expected number of jobs of one run and the duration are capped ({@link
 * ScenarioLimits}, configurable through {@link #parse(String, String, ScenarioLimits)}), so an absurd rate fails at
 * parse time with the computed job count instead of exhausting the heap; a running scenario can be cancelled through
 * {@link ScenarioEngine#start} or by interrupting the thread that runs it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioSpec {
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
  private final Map<String, Double> spotShares;
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
  private final List<Parameter> parameters;
  private final List<SweepPoint> points;

  /** The validated values of a document, filled by {@link ScenarioBinder}; not shared once a spec is built. */
  static final class Values {
    String name;
    Instant start;
    Duration duration;
    long seed;
    int replications;
    double confidenceLevel;
    List<SchedulerKind> schedulers;
    Duration sloAllowance;
    List<WorkloadSpec> workloads;
    Map<String, String> workloadClasses;
    Map<String, Double> spotShares;
    Set<CloudProvider> providers;
    Set<String> regions;
    int defaultVcpuQuota;
    double instanceFailuresPerHour;
    double spotInterruptionMultiplier;
    double[] outageRates;
    Duration outageMeanDuration;
    List<Outage> outages;
    List<Commitment> commitments;
    List<NetworkFault> networkFaults;
    double[] networkRates;
    Duration networkMeanDuration;
  }

  ScenarioSpec(Values v, List<Parameter> parameters, List<SweepPoint> points) {
    this.name = v.name;
    this.start = v.start;
    this.duration = v.duration;
    this.seed = v.seed;
    this.replications = v.replications;
    this.confidenceLevel = v.confidenceLevel;
    this.schedulers = List.copyOf(v.schedulers);
    this.sloAllowance = v.sloAllowance;
    this.workloads = List.copyOf(v.workloads);
    this.workloadClasses = Map.copyOf(v.workloadClasses);
    this.spotShares = Map.copyOf(v.spotShares);
    this.providers = Set.copyOf(v.providers);
    this.regions = Set.copyOf(v.regions);
    this.defaultVcpuQuota = v.defaultVcpuQuota;
    this.instanceFailuresPerHour = v.instanceFailuresPerHour;
    this.spotInterruptionMultiplier = v.spotInterruptionMultiplier;
    this.outageRates = v.outageRates.clone();
    this.outageMeanDuration = v.outageMeanDuration;
    this.outages = List.copyOf(v.outages);
    this.commitments = List.copyOf(v.commitments);
    this.networkFaults = List.copyOf(v.networkFaults);
    this.networkRates = v.networkRates.clone();
    this.networkMeanDuration = v.networkMeanDuration;
    this.parameters = List.copyOf(parameters);
    this.points = List.copyOf(points);
  }


  /** A scheduled outage. */
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

  /**
   * Parses a scenario from JSON or YAML text with the {@link ScenarioLimits#defaults() default limits}: YAML when
   * the source name ends with {@code .yaml} or {@code .yml}, else JSON. Both formats have the same fields and the
   * same errors.
   *
   * @param text the JSON or YAML; never null
   * @param source a name for messages (e.g. the file name); never null
   * @return the scenario; never null
   * @throws NullPointerException if an argument is null
   * @throws ScenarioFormatException if the text is malformed, breaks a rule or exceeds a limit (line, column and
   *     field named)
   */
  public static ScenarioSpec parse(String text, String source) {
    return parse(text, source, ScenarioLimits.defaults());
  }

  /**
   * Parses a scenario from JSON or YAML text (see {@link #parse(String, String)}) with explicit limits.
   *
   * @param text the JSON or YAML; never null
   * @param source a name for messages (e.g. the file name); never null
   * @param limits the limits the scenario and each of its sweep points must respect; never null
   * @return the scenario; never null
   * @throws NullPointerException if an argument is null
   * @throws ScenarioFormatException if the text is malformed, breaks a rule or exceeds a limit (line, column and
   *     field named)
   */
  public static ScenarioSpec parse(String text, String source, ScenarioLimits limits) {
    return ScenarioParser.parse(Objects.requireNonNull(text, "text"), Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Parses a scenario from a reader with the default limits; see {@link #parse(String, String)}.
   *
   * @param reader the JSON or YAML; never null; not closed
   * @param source a name for messages; never null
   * @return the scenario; never null
   * @throws NullPointerException if an argument is null
   * @throws ScenarioFormatException if the text is malformed, breaks a rule or exceeds a limit
   * @throws UncheckedIOException if reading fails
   */
  public static ScenarioSpec parse(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    StringWriter w = new StringWriter();
    try {
      reader.transferTo(w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + source, e);
    }
    return parse(w.toString(), source);
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
