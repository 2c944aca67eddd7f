package io.stratus.simulation.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.model.CloudProvider;
import io.stratus.simulation.environment.OutageScope;
import io.stratus.simulation.workload.ArrivalPattern;
import io.stratus.simulation.workload.DurationDistribution;
import io.stratus.simulation.workload.Seasonality;
import io.stratus.simulation.workload.WorkloadSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 *     "outages": [{"scope": "region", "target": "aws:us-east-1", "start": "2026-01-06T10:00:00Z", "length": "PT3H"}]
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
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
  private final Map<String, Boolean> spotAllowed;
  final Set<CloudProvider> providers;
  final Set<String> regions;
  final int defaultVcpuQuota;
  final double instanceFailuresPerHour;
  final double spotInterruptionMultiplier;
  final double[] outageRates;
  final Duration outageMeanDuration;
  final List<Outage> outages;

  record Outage(OutageScope scope, String target, Instant start, Duration length) {}

  // ---- file shape (bound by Jackson; unknown fields are rejected)
  record FileRoot(String name, String start, String duration, Long seed, Integer replications,
      Double confidenceLevel, List<SchedulerKind> schedulers, String sloAllowance, FileEnvironment environment,
      List<FileWorkload> workloads) {}

  record FileEnvironment(List<String> providers, List<String> regions, Integer defaultVcpuQuota,
      Double instanceFailuresPerHour, Double spotInterruptionMultiplier, FileOutageRates outageRates,
      List<FileOutage> outages) {}

  record FileOutageRates(Double zonePerDay, Double regionPerDay, Double providerPerDay, String meanDuration) {}

  record FileOutage(String scope, String target, String start, String length) {}

  record FileWorkload(String name, String workloadClass, Boolean spotAllowed, FileArrivals arrivals,
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
        ? new FileEnvironment(null, null, null, null, null, null, null) : f.environment();
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

    List<FileWorkload> fws = f.workloads();
    if (fws == null || fws.isEmpty()) {
      throw new FieldError("workloads", "must list at least one workload");
    }
    List<WorkloadSpec> ws = new ArrayList<>();
    Map<String, String> classes = new LinkedHashMap<>();
    Map<String, Boolean> spot = new LinkedHashMap<>();
    for (int i = 0; i < fws.size(); i++) {
      String p = "workloads[" + i + "]";
      FileWorkload w = fws.get(i);
      String wn = required(w.name(), p + ".name");
      if (classes.containsKey(wn)) {
        throw new FieldError(p + ".name", "duplicate workload name '" + wn + "'");
      }
      ws.add(workload(w, wn, p));
      classes.put(wn, w.workloadClass() == null ? wn : w.workloadClass());
      spot.put(wn, w.spotAllowed() != null && w.spotAllowed());
    }
    this.workloads = List.copyOf(ws);
    this.workloadClasses = Map.copyOf(classes);
    this.spotAllowed = Map.copyOf(spot);
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
   * Parses a scenario from JSON text.
   *
   * @param json the JSON; never null
   * @param source a name for messages (e.g. the file name); never null
   * @return the scenario; never null
   * @throws ScenarioFormatException if the JSON is malformed or breaks a rule (line, column and field named)
   */
  public static ScenarioSpec parse(String json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    FileRoot root;
    try {
      root = MAPPER.readValue(json, FileRoot.class);
    } catch (JsonMappingException e) {
      JsonLocation loc = e.getLocation();
      String path = path(e.getPath());
      if (!path.isEmpty()) {
        int[] lc = locate(json, path);
        loc = new JsonLocation(null, -1L, lc[0], lc[1]);
      }
      String msg = e.getOriginalMessage();
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
        msg = cause.getMessage();
      }
      throw new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), path.isEmpty() ? "(root)" : path, firstLine(msg), e);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new ScenarioFormatException(source, loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), "(syntax)", firstLine(e.getOriginalMessage()), e);
    }
    if (root == null) {
      throw new ScenarioFormatException(source, 1, 1, "(root)", "empty document", null);
    }
    try {
      return new ScenarioSpec(root);
    } catch (FieldError e) {
      int[] lc = locate(json, e.path);
      throw new ScenarioFormatException(source, lc[0], lc[1], e.path, e.getMessage(), null);
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
    int[] best = {1, 1};
    try (JsonParser p = new JsonFactory().createParser(json)) {
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

  String workloadClass(String workload) {
    return workloadClasses.get(workload);
  }

  boolean spotAllowed(String workload) {
    return spotAllowed.get(workload);
  }

  @Override
  public String toString() {
    return "ScenarioSpec[" + name + ", " + duration + ", seed=" + seed + ", replications=" + replications
        + ", schedulers=" + schedulers + ", workloads=" + workloads.size() + "]";
  }
}
