package io.stratus.finops.anomaly;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Watches the cost of one scope (the whole bill, a provider, an account, a service, a team tag), bucket by bucket
 * (daily, or hourly where the records are hourly), like a monitor of AWS Cost Anomaly Detection.
 *
 * <p><b>How a bucket is judged.</b> The expected cost is a seasonal baseline: the median of the same weekday (hour of
 * the week for hourly monitors) over the previous {@value #CYCLES} weeks. The relative deviation
 * {@code (actual - expected) / expected} is fed to a calibrated streaming detector of the time-series engine
 * ({@link Detectors}; by default {@link #defaultDetector()}, chosen by cross-validation on labelled synthetic cost
 * histories, see {@code benchmarks/results/finops-anomaly.md}). The band shown to people is
 * {@code expected × (1 ± bandWidth × spread)}, where the spread is a winsorized running mean absolute relative
 * deviation (floored at {@code minSpread}). A bucket is anomalous when the detector labels it anomalous, its cost lies
 * outside the band and the deviation is at least {@code minImpact} in money. Consecutive anomalous buckets in one
 * direction form one {@link CostAnomaly}, with its impact (sum of actual minus expected) and, when the monitor reads a
 * {@link CostStore}, its {@link RootCause}s down the drill-down dimensions.
 *
 * <p><b>Feedback.</b> {@link #feedback(String, CostAnomaly.Status, String)} marks an anomaly accepted or false
 * positive; the monitor then learns a {@link SuppressionPattern}: same direction, same top root-cause path, deviation
 * in money up to {@value #PATTERN_TOLERANCE} times the marked anomaly's largest (a recurring fixed charge deviates by
 * the same money whatever the weekday's baseline). A later anomaly whose buckets all fall
 * under a pattern is kept as suppressed ({@link #suppressed()}) and not raised; if it grows beyond the pattern it is
 * raised then. The detector itself keeps learning every bucket, so a recurring pattern also becomes ordinary to it.
 *
 * <p>Thread-safe: every method is synchronized on the monitor. Deterministic: the same buckets in the same order give
 * the same anomalies. Time is the data's: the monitor never reads a clock.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostAnomalyMonitor {
  /** Weeks of same-season history the baseline takes the median of. */
  public static final int CYCLES = 4;
  /** How much larger than the marked anomaly's peak a bucket may be and still fall under its learned pattern. */
  public static final double PATTERN_TOLERANCE = 1.5;
  /** Largest relative deviation fed to the detector (a new scope's first spend is not infinite). */
  static final double CLIP = 10;
  /** Span of the running spread, in buckets. */
  static final int SPREAD_SPAN = 28;

  private final String id;
  private final CostScope scope;
  private final Currency currency;
  private final Granularity granularity;
  private final int period;
  private final List<Dimension> drillDown;
  private final BigDecimal minImpact;
  private final double bandWidth;
  private final double minSpread;
  private final double minShare;
  private final StreamingDetector detector;
  private final Instant historyStart;
  private final int scale;
  private final long bucketSeconds;

  private double[] history = new double[64];
  private int size;
  private long nextBucket = Long.MIN_VALUE;
  private double spread = Double.NaN;
  private double level = Double.NaN;
  private int sequence;
  private Incident open;
  private final Map<String, CostAnomaly> anomalies = new LinkedHashMap<>();
  private final Map<String, BigDecimal> peaks = new HashMap<>();
  private final List<CostAnomaly> suppressed = new ArrayList<>();
  private final List<SuppressionPattern> patterns = new ArrayList<>();
  private final AnomalyTelemetry telemetry;

  private CostAnomalyMonitor(Builder b, List<Dimension> drillDown) {
    this.telemetry = new AnomalyTelemetry(b.meterRegistry, b.openTelemetry);
    this.id = b.id;
    this.scope = b.scope;
    this.currency = b.currency;
    this.granularity = b.granularity;
    this.period = b.granularity == Granularity.HOUR ? 168 : 7;
    this.drillDown = List.copyOf(drillDown);
    this.minImpact = b.minImpact;
    this.bandWidth = b.bandWidth;
    this.minSpread = b.minSpread;
    this.minShare = b.minShare;
    this.detector = Objects.requireNonNull(b.detector.get(), "costAnomalyMonitor.detector supplier returned null");
    this.historyStart = b.historyStart;
    this.scale = Math.max(0, b.currency.getDefaultFractionDigits());
    this.bucketSeconds = b.granularity == Granularity.HOUR ? 3600 : 86400;
  }

  /**
   * Starts a builder.
   *
   * @param id the monitor's id, used in anomaly ids; never null or blank
   * @param scope the monitored scope; never null
   * @return a builder with daily buckets, USD, drill-down provider → account → service → region (less the scope's
   *     dimensions), no minimum impact,
   *     band width 2.5, minimum spread 2%, root-cause minimum share 10% and the default detector; never null
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String id, CostScope scope) {
    return new Builder(id, scope);
  }

  /**
   * The detector a monitor uses unless told otherwise: the engine's robust rolling z-score
   * ({@link Detectors#robustZScore(DetectorOptions)}) with the band width and window chosen by cross-validation on
   * labelled synthetic cost histories ({@code benchmarks/results/finops-anomaly.md}).
   *
   * @return a new detector; never null
   */
  public static StreamingDetector defaultDetector() {
    return Detectors.robustZScore(DetectorOptions.builder().bandWidth(DEFAULT_Z).window(DEFAULT_WINDOW)
        .warmUp(DEFAULT_WARM_UP).build());
  }

  static final double DEFAULT_Z = 5.0;
  static final int DEFAULT_WINDOW = 56;
  static final int DEFAULT_WARM_UP = 21;

  /**
   * The finest granularity the records allow: {@link Granularity#HOUR} when every record of the scope charged in
   * {@code [from, to)} covers at most one hour, else {@link Granularity#DAY}.
   *
   * @param store the cost store; never null
   * @param scope the scope; never null
   * @param from inclusive start; never null
   * @param to exclusive end, after {@code from}; never null
   * @return HOUR or DAY; never null
   */
  public static Granularity finestGranularity(CostStore store, CostScope scope, Instant from, Instant to) {
    boolean[] hourly = {true};
    store.scan(scope.applyTo(CostQuery.builder()).between(from, to).build(), (s, r) -> {
      if (r.chargePeriodEnd().getEpochSecond() - r.chargePeriodStart().getEpochSecond() > 3600) {
        hourly[0] = false;
      }
    });
    return hourly[0] ? Granularity.HOUR : Granularity.DAY;
  }

  /**
   * The monitor's id.
   *
   * @return the id; never null
   */
  public String id() {
    return id;
  }

  /**
   * The monitored scope.
   *
   * @return the scope; never null
   */
  public CostScope scope() {
    return scope;
  }

  /**
   * The bucket size.
   *
   * @return DAY or HOUR; never null
   */
  public Granularity granularity() {
    return granularity;
  }

  /**
   * Reads the scope's cost from a store for every complete bucket since the last call (since the builder's history
   * start on the first call) up to {@code upTo}, judges each, and attaches root causes drilled from the same store.
   * Buckets without records count as zero cost.
   *
   * @param store the cost store; never null
   * @param upTo the end of the data the host considers complete; buckets ending after it wait for the next call;
   *     never null
   * @return the anomalies raised by this call, oldest first; never null
   * @throws IllegalStateException if the builder had no history start
   */
  public synchronized List<CostAnomaly> evaluate(CostStore store, Instant upTo) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(upTo, "upTo");
    Span span = telemetry.start(id);
    Scope scope = span.makeCurrent();
    try {
      List<CostAnomaly> raised = evaluateTraced(store, upTo);
      telemetry.evaluated(span, raised.size());
      return raised;
    } catch (RuntimeException e) {
      AnomalyTelemetry.failed(span, e);
      throw e;
    } finally {
      scope.close();
      span.end();
    }
  }

  private List<CostAnomaly> evaluateTraced(CostStore store, Instant upTo) {
    long first;
    if (nextBucket == Long.MIN_VALUE) {
      if (historyStart == null) {
        throw new IllegalStateException("costAnomalyMonitor " + id + " has no historyStart: set it on the builder to "
            + "evaluate a store");
      }
      first = granularity.bucket(historyStart.getEpochSecond());
    } else {
      first = nextBucket;
    }
    long end = Math.floorDiv(upTo.getEpochSecond(), bucketSeconds);
    if (end <= first) {
      return List.of();
    }
    CostQuery q = scope.applyTo(CostQuery.builder())
        .where(Dimension.CURRENCY, currency.getCurrencyCode())
        .between(granularity.start(first), granularity.start(end))
        .granularity(granularity)
        .build();
    Map<Long, BigDecimal> byBucket = new HashMap<>();
    for (CostRow r : store.query(q).rows()) {
      byBucket.merge(granularity.bucket(r.bucketStart().getEpochSecond()), r.amount(), BigDecimal::add);
    }
    List<CostAnomaly> raised = new ArrayList<>();
    for (long b = first; b < end; b++) {
      step(b, byBucket.getOrDefault(b, BigDecimal.ZERO), store).ifPresent(raised::add);
    }
    return raised;
  }

  /**
   * Judges the next bucket of a series the host aggregates itself (no root causes: the monitor has nothing to drill
   * into).
   *
   * @param bucketStart the bucket's start, aligned to the granularity, exactly one bucket after the previous one (any
   *     aligned start for the first); never null
   * @param cost the bucket's cost in the monitor's currency; never null
   * @return the anomaly raised at this bucket, if any; never null
   * @throws IllegalArgumentException if the start is not aligned or not the next bucket
   */
  public synchronized Optional<CostAnomaly> observe(Instant bucketStart, BigDecimal cost) {
    Objects.requireNonNull(bucketStart, "bucketStart");
    Objects.requireNonNull(cost, "cost");
    long b = granularity.bucket(bucketStart.getEpochSecond());
    if (!granularity.start(b).equals(bucketStart)) {
      throw new IllegalArgumentException("costAnomalyMonitor " + id + ": bucketStart " + bucketStart
          + " is not aligned to " + granularity);
    }
    if (nextBucket != Long.MIN_VALUE && b != nextBucket) {
      throw new IllegalArgumentException("costAnomalyMonitor " + id + ": bucketStart " + bucketStart
          + " must be the next bucket " + granularity.start(nextBucket));
    }
    return step(b, cost, null);
  }

  private Optional<CostAnomaly> step(long bucket, BigDecimal cost, CostStore store) {
    Optional<CostAnomaly> raised = judge(bucket, cost, store);
    telemetry.point(raised.orElse(null));
    return raised;
  }

  private Optional<CostAnomaly> judge(long bucket, BigDecimal cost, CostStore store) {
    double x = cost.doubleValue();
    double expected = Baseline.expected(history, size, period, CYCLES);
    append(x);
    nextBucket = bucket + 1;
    level = Double.isNaN(level) ? Math.abs(x) : level + (Math.abs(x) - level) * 2.0 / (SPREAD_SPAN + 1);
    if (Double.isNaN(expected)) {
      closeOpen();
      return Optional.empty();
    }
    double denominator = Math.max(Math.abs(expected), Math.max(0.05 * level, 1e-9));
    double r = Math.max(-CLIP, Math.min(CLIP, (x - expected) / denominator));
    double s = Double.isNaN(spread) ? minSpread : Math.max(minSpread, spread);
    Instant start = granularity.start(bucket);
    AnomalyResult result = detector.update(start.toEpochMilli(), r);
    double clipped = Math.min(Math.abs(r), 3 * s / 1.2533);
    spread = Double.isNaN(spread) ? 1.2533 * Math.abs(r)
        : spread + (1.2533 * clipped - spread) * 2.0 / (SPREAD_SPAN + 1);
    double half = bandWidth * s * denominator;
    BigDecimal exp = money(expected);
    BandPoint point = new BandPoint(start, cost, exp, money(Math.max(0, Math.min(expected, expected - half))).min(exp),
        money(Math.max(expected, expected + half)).max(exp), result.score());
    boolean flagged = result.anomalous() && point.outsideBand()
        && cost.subtract(exp).abs().compareTo(minImpact) >= 0;
    if (!flagged) {
      closeOpen();
      return Optional.empty();
    }
    CostAnomaly.Direction direction = x > expected ? CostAnomaly.Direction.INCREASE : CostAnomaly.Direction.DECREASE;
    BigDecimal rel = cost.subtract(exp).abs();
    if (open != null && open.direction == direction && open.lastBucket == bucket - 1) {
      open.points.add(point);
      open.lastBucket = bucket;
      open.peak = open.peak.max(rel);
    } else {
      closeOpen();
      open = new Incident(id + "-" + (++sequence), direction, bucket, point, rel);
    }
    List<RootCause> causes = store == null ? List.of()
        : new RootCauseAnalyzer(drillDown, period, CYCLES, minShare, scale)
            .analyze(store, scope, currency, granularity, open.firstBucket, open.lastBucket);
    List<DimensionValue> top = causes.isEmpty() ? List.of() : causes.get(0).path();
    boolean wasRaised = anomalies.containsKey(open.id);
    SuppressionPattern pattern = wasRaised ? null : coveringPattern(direction, top, open.peak);
    CostAnomaly snapshot = open.snapshot(causes);
    peaks.put(open.id, open.peak);
    if (pattern != null) {
      open.suppressedSnapshot = snapshot;
      return Optional.empty();
    }
    anomalies.put(open.id, snapshot);
    return wasRaised ? Optional.empty() : Optional.of(snapshot);
  }

  private SuppressionPattern coveringPattern(CostAnomaly.Direction direction, List<DimensionValue> top,
      BigDecimal peak) {
    for (SuppressionPattern p : patterns) {
      if (p.covers(direction, top, peak)) {
        return p;
      }
    }
    return null;
  }

  private void closeOpen() {
    if (open != null && open.suppressedSnapshot != null && !anomalies.containsKey(open.id)) {
      suppressed.add(open.suppressedSnapshot);
    }
    open = null;
  }

  private void append(double x) {
    int cap = CYCLES * period + 1;
    if (size == history.length) {
      if (size >= 2 * cap) {
        System.arraycopy(history, size - cap, history, 0, cap);
        size = cap;
      } else {
        history = Arrays.copyOf(history, history.length * 2);
      }
    }
    history[size++] = x;
  }

  private BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN);
  }

  /**
   * Records feedback on an anomaly and learns its pattern (see the class description).
   *
   * @param anomalyId the id of a raised anomaly; never null
   * @param feedback {@link CostAnomaly.Status#ACCEPTED} or {@link CostAnomaly.Status#FALSE_POSITIVE}; never null
   * @param reason why, for the record; never null
   * @return the updated anomaly; never null
   * @throws IllegalArgumentException if the id is unknown or the feedback is OPEN
   * @throws IllegalStateException if the anomaly already has feedback
   */
  public synchronized CostAnomaly feedback(String anomalyId, CostAnomaly.Status feedback, String reason) {
    Objects.requireNonNull(anomalyId, "anomalyId");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(reason, "reason");
    CostAnomaly a = anomalies.get(anomalyId);
    if (a == null) {
      throw new IllegalArgumentException("costAnomalyMonitor " + id + ": no anomaly '" + anomalyId + "'");
    }
    if (feedback == CostAnomaly.Status.OPEN) {
      throw new IllegalArgumentException("feedback must be ACCEPTED or FALSE_POSITIVE, got OPEN");
    }
    if (a.status() != CostAnomaly.Status.OPEN) {
      throw new IllegalStateException("anomaly " + anomalyId + " is already marked " + a.status());
    }
    CostAnomaly updated = new CostAnomaly(a.id(), a.monitorId(), a.scope(), a.granularity(), a.direction(),
        a.points(), a.impact(), a.rootCauses(), feedback, reason);
    anomalies.put(anomalyId, updated);
    patterns.add(new SuppressionPattern(anomalyId, feedback, a.direction(),
        a.rootCauses().isEmpty() ? List.of() : a.rootCauses().get(0).path(),
        peaks.get(anomalyId).multiply(BigDecimal.valueOf(PATTERN_TOLERANCE))));
    return updated;
  }

  /**
   * Every anomaly raised so far, with its current extent and feedback, oldest first.
   *
   * @return a snapshot; never null
   */
  public synchronized List<CostAnomaly> anomalies() {
    return List.copyOf(anomalies.values());
  }

  /**
   * Finds a raised anomaly.
   *
   * @param anomalyId its id; never null
   * @return the anomaly, if raised; never null
   */
  public synchronized Optional<CostAnomaly> anomaly(String anomalyId) {
    return Optional.ofNullable(anomalies.get(anomalyId));
  }

  /**
   * The finished anomalies that a learned pattern kept from being raised, oldest first (for audit).
   *
   * @return a snapshot; never null
   */
  public synchronized List<CostAnomaly> suppressed() {
    return List.copyOf(suppressed);
  }

  /**
   * The patterns learned from feedback, in the order learned.
   *
   * @return a snapshot; never null
   */
  public synchronized List<SuppressionPattern> patterns() {
    return List.copyOf(patterns);
  }

  @Override
  public String toString() {
    return "CostAnomalyMonitor[" + id + ", " + scope.label() + ", " + granularity + "]";
  }

  private final class Incident {
    final String id;
    final CostAnomaly.Direction direction;
    final long firstBucket;
    final List<BandPoint> points = new ArrayList<>();
    long lastBucket;
    BigDecimal peak;
    CostAnomaly suppressedSnapshot;

    Incident(String id, CostAnomaly.Direction direction, long bucket, BandPoint point, BigDecimal peak) {
      this.id = id;
      this.direction = direction;
      this.firstBucket = bucket;
      this.lastBucket = bucket;
      this.points.add(point);
      this.peak = peak;
    }

    CostAnomaly snapshot(List<RootCause> causes) {
      BigDecimal impact = BigDecimal.ZERO;
      for (BandPoint p : points) {
        impact = impact.add(p.actual().subtract(p.expected()));
      }
      return new CostAnomaly(id, CostAnomalyMonitor.this.id, scope, granularity, direction, points,
          new Money(impact, currency), causes, CostAnomaly.Status.OPEN, null);
    }
  }

  /**
   * Builds a {@link CostAnomalyMonitor}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final CostScope scope;
    private Currency currency = Money.USD;
    private Granularity granularity = Granularity.DAY;
    private List<Dimension> drillDown;
    private BigDecimal minImpact = BigDecimal.ZERO;
    private double bandWidth = DEFAULT_BAND;
    private double minSpread = DEFAULT_MIN_SPREAD;
    private double minShare = 0.1;
    private Supplier<? extends StreamingDetector> detector = CostAnomalyMonitor::defaultDetector;
    private Instant historyStart;
    private MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder(String id, CostScope scope) {
      Objects.requireNonNull(id, "costAnomalyMonitor.id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("costAnomalyMonitor.id must not be blank, got '" + id + "'");
      }
      this.id = id;
      this.scope = Objects.requireNonNull(scope, "costAnomalyMonitor.scope");
    }

    /**
     * The currency followed; records in other currencies are outside the monitor's scope.
     *
     * @param value the currency; never null
     * @return this builder; never null
     */
    public Builder currency(Currency value) {
      this.currency = Objects.requireNonNull(value, "costAnomalyMonitor.currency");
      return this;
    }

    /**
     * The bucket size (see {@link CostAnomalyMonitor#finestGranularity}).
     *
     * @param value DAY or HOUR; never null
     * @return this builder; never null
     * @throws IllegalArgumentException for TOTAL or MONTH
     */
    public Builder granularity(Granularity value) {
      Objects.requireNonNull(value, "costAnomalyMonitor.granularity");
      if (value != Granularity.DAY && value != Granularity.HOUR) {
        throw new IllegalArgumentException("costAnomalyMonitor.granularity must be DAY or HOUR, got " + value);
      }
      this.granularity = value;
      return this;
    }

    /**
     * The drill-down tree for root causes, outermost first (e.g. account → service → region).
     *
     * @param values the dimensions, none constrained by the scope, no repeats; empty for no root causes; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if a dimension repeats or is fixed by the scope
     */
    public Builder drillDown(Collection<Dimension> values) {
      List<Dimension> copy = List.copyOf(Objects.requireNonNull(values, "costAnomalyMonitor.drillDown"));
      for (int i = 0; i < copy.size(); i++) {
        if (copy.subList(0, i).contains(copy.get(i))) {
          throw new IllegalArgumentException("costAnomalyMonitor.drillDown repeats " + copy.get(i));
        }
      }
      this.drillDown = copy;
      return this;
    }

    /**
     * The smallest deviation, in money, worth an anomaly (AWS calls it the alert threshold).
     *
     * @param value a non-negative amount in the monitor's currency; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if negative
     */
    public Builder minImpact(BigDecimal value) {
      Objects.requireNonNull(value, "costAnomalyMonitor.minImpact");
      if (value.signum() < 0) {
        throw new IllegalArgumentException("costAnomalyMonitor.minImpact must be >= 0, got " + value);
      }
      this.minImpact = value;
      return this;
    }

    /**
     * The half-width of the ordinary band, in running spreads.
     *
     * @param value a positive finite number
     * @return this builder; never null
     * @throws IllegalArgumentException if not positive and finite
     */
    public Builder bandWidth(double value) {
      if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("costAnomalyMonitor.bandWidth must be positive and finite, got " + value);
      }
      this.bandWidth = value;
      return this;
    }

    /**
     * The smallest relative spread of the band (so a perfectly flat history does not flag every cent).
     *
     * @param value within [0, 1]
     * @return this builder; never null
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder minSpread(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("costAnomalyMonitor.minSpread must be within [0, 1], got " + value);
      }
      this.minSpread = value;
      return this;
    }

    /**
     * The smallest share of the deviation a slice must explain to be followed down the drill-down tree.
     *
     * @param value within (0, 1]
     * @return this builder; never null
     * @throws IllegalArgumentException if outside (0, 1]
     */
    public Builder minShare(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("costAnomalyMonitor.minShare must be within (0, 1], got " + value);
      }
      this.minShare = value;
      return this;
    }

    /**
     * The detector judging the relative deviations; one new detector per monitor.
     *
     * @param value creates the detector, e.g. {@code Detectors::ensemble}; never null
     * @return this builder; never null
     */
    public Builder detector(Supplier<? extends StreamingDetector> value) {
      this.detector = Objects.requireNonNull(value, "costAnomalyMonitor.detector");
      return this;
    }

    /**
     * Where {@link CostAnomalyMonitor#evaluate} starts reading on its first call.
     *
     * @param value the start of the history; never null
     * @return this builder; never null
     */
    public Builder historyStart(Instant value) {
      this.historyStart = Objects.requireNonNull(value, "costAnomalyMonitor.historyStart");
      return this;
    }

    /**
     * Reports to the host's registry (default: none): {@code stratus.finops.anomaly.points} (buckets judged, counted
     * in batches of {@value AnomalyTelemetry#BATCH} and at the end of each {@code evaluate}) and {@code
     * stratus.finops.anomalies} by {@code direction}. Monitors share these meters, so there is no per-monitor tag.
     *
     * @param value the registry; never null
     * @return this builder; never null
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "costAnomalyMonitor.meterRegistry");
      return this;
    }

    /**
     * Traces each {@code evaluate} as a span {@code stratus.finops.anomaly.evaluate} with the monitor id, the buckets
     * judged and the anomalies raised (default: no-op).
     *
     * @param value the host's OpenTelemetry; never null
     * @return this builder; never null
     */
    public Builder openTelemetry(OpenTelemetry value) {
      this.openTelemetry = Objects.requireNonNull(value, "costAnomalyMonitor.openTelemetry");
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return a new monitor; never null
     * @throws IllegalArgumentException if a drill-down dimension is fixed by the scope
     */
    public CostAnomalyMonitor build() {
      if (drillDown == null) {
        List<Dimension> d = new ArrayList<>(DEFAULT_DRILL_DOWN);
        d.removeAll(scope.filters().keySet());
        return new CostAnomalyMonitor(this, d);
      }
      for (Dimension d : drillDown) {
        if (scope.filters().containsKey(d)) {
          throw new IllegalArgumentException("costAnomalyMonitor.drillDown contains " + d
              + ", which the scope already fixes to '" + scope.filters().get(d) + "'");
        }
      }
      return new CostAnomalyMonitor(this, drillDown);
    }
  }

  static final double DEFAULT_BAND = 2.5;
  /** Provider → account → service → region, less the dimensions the scope fixes. */
  static final List<Dimension> DEFAULT_DRILL_DOWN =
      List.of(Dimension.PROVIDER, Dimension.SUB_ACCOUNT, Dimension.SERVICE, Dimension.REGION);
  static final double DEFAULT_MIN_SPREAD = 0.02;
}
