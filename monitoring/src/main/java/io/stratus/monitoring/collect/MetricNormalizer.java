package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.Unit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Maps provider samples onto the {@link MetricVocabulary}: canonical name, canonical unit, canonical labels, and
 * cumulative counters turned into per-second rates. Every input gets an {@link Outcome}; nothing is dropped without
 * one.
 *
 * <p>Documented handling of bad input:
 *
 * <ul>
 *   <li>Unknown metric name: {@link Status#REJECTED_UNKNOWN_METRIC}, or with {@link UnknownMetricPolicy#PASS_THROUGH}
 *       kept as {@code <dialect>.<snake_case name>} in the unit given.
 *   <li>Unit of another dimension than the canonical unit (bytes for a percentage): {@link
 *       Status#REJECTED_UNIT_MISMATCH}. Units of the same dimension are converted (ratio to percent, bits to bytes,
 *       milliseconds to seconds).
 *   <li>Infinite values, NaN or negative counter totals, and values outside the metric's valid range after
 *       conversion to its canonical unit ({@link MetricVocabulary.Definition#min()} to {@code max()}: CPU and memory
 *       utilization in {@code [0, 100]} percent, amounts, rates and latencies {@code >= 0}): {@link
 *       Status#REJECTED_INVALID_VALUE}, with a reason naming the metric, the value and the range. A NaN gauge is
 *       kept: it marks a gap the source reported. Pass-through metrics (not in the vocabulary) have no range.
 *   <li>Counters: the first sample of a series only primes it ({@link Status#COUNTER_PRIMED}); later ones give the
 *       rate since the previous one. A total lower than the previous one is a reset: the rate assumes the counter
 *       restarted from zero ({@link Status#COUNTER_RESET}, accepted). A counter sample at or before the previous one
 *       is {@link Status#DUPLICATE} (same time and total) or {@link Status#REJECTED_OUT_OF_ORDER}; the counter state
 *       is not changed.
 * </ul>
 *
 * <p>Thread-safe: counter state is guarded by the instance.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MetricNormalizer {
  /** What to do with a metric name the vocabulary does not know. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum UnknownMetricPolicy {
    /** Reject it, with a reason in the outcome. */
    REJECT,
    /** Keep it under {@code <dialect>.<snake_case name>}, in the unit it came in. */
    PASS_THROUGH
  }

  /** What happened to one raw sample. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** Normalized and accepted. */
    ACCEPTED,
    /** A counter total after a reset; accepted, the rate assumes a restart from zero. */
    COUNTER_RESET,
    /** The first total of a counter; no rate yet. */
    COUNTER_PRIMED,
    /** The same counter total at the same time again; ignored. */
    DUPLICATE,
    /** The name is not in the vocabulary. */
    REJECTED_UNKNOWN_METRIC,
    /** The unit measures something else than the canonical unit. */
    REJECTED_UNIT_MISMATCH,
    /** Infinite, or a NaN or negative counter total. */
    REJECTED_INVALID_VALUE,
    /** A counter total older than the previous one. */
    REJECTED_OUT_OF_ORDER;

    /**
     * Whether a sample came out.
     *
     * @return true for {@link #ACCEPTED} and {@link #COUNTER_RESET}
     */
    public boolean producesSample() {
      return this == ACCEPTED || this == COUNTER_RESET;
    }

    /**
     * Whether the input was refused (as opposed to accepted, primed or a harmless duplicate).
     *
     * @return true for the {@code REJECTED_*} statuses
     */
    public boolean isRejection() {
      return name().startsWith("REJECTED");
    }
  }

  /**
   * The result of normalizing one raw sample.
   *
   * @param status what happened
   * @param sample the normalized sample when {@link Status#producesSample()}, else empty
   * @param reason why, for anything but {@link Status#ACCEPTED}; empty string otherwise
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Outcome(Status status, Optional<MetricSample> sample, String reason) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the sample's presence does not match the status
     */
    public Outcome {
      Checks.nonNull(status, "outcome.status");
      Checks.nonNull(sample, "outcome.sample");
      Checks.nonNull(reason, "outcome.reason");
      if (status.producesSample() != sample.isPresent()) {
        throw new IllegalArgumentException("outcome.sample must be present exactly when status " + status
            + " produces a sample");
      }
    }
  }

  private record CounterState(long epochMillis, double total) {}

  private final MetricVocabulary vocabulary;
  private final UnknownMetricPolicy unknownPolicy;
  private final Map<SeriesId, CounterState> counters = new HashMap<>();

  private MetricNormalizer(MetricVocabulary vocabulary, UnknownMetricPolicy unknownPolicy) {
    this.vocabulary = Checks.nonNull(vocabulary, "vocabulary");
    this.unknownPolicy = Checks.nonNull(unknownPolicy, "unknownPolicy");
  }

  /**
   * A normalizer over the default vocabulary that rejects unknown names.
   *
   * @return a new normalizer; never null
   */
  public static MetricNormalizer create() {
    return new MetricNormalizer(MetricVocabulary.defaults(), UnknownMetricPolicy.REJECT);
  }

  /**
   * A normalizer.
   *
   * @param vocabulary the vocabulary; never null
   * @param unknownPolicy what to do with unknown names; never null
   * @return a new normalizer; never null
   */
  public static MetricNormalizer create(MetricVocabulary vocabulary, UnknownMetricPolicy unknownPolicy) {
    return new MetricNormalizer(vocabulary, unknownPolicy);
  }

  /**
   * The vocabulary in use.
   *
   * @return the vocabulary; never null
   */
  public MetricVocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Normalizes one sample.
   *
   * @param dialect the source's dialect; never null
   * @param raw the sample; never null
   * @return the outcome; never null
   */
  public Outcome normalize(String dialect, RawSample raw) {
    Checks.nonNull(dialect, "dialect");
    Checks.nonNull(raw, "raw");
    String name;
    Unit unit;
    MetricVocabulary.Definition range = null;
    Optional<MetricVocabulary.Definition> def = vocabulary.resolve(dialect, raw.name());
    if (def.isPresent()) {
      name = def.get().name();
      unit = def.get().unit();
      range = def.get();
    } else if (unknownPolicy == UnknownMetricPolicy.PASS_THROUGH) {
      name = MetricVocabulary.snakeCase(dialect) + "." + MetricVocabulary.snakeCase(raw.name());
      unit = raw.kind() == MetricKind.COUNTER ? baseRateUnit(raw.unit()) : raw.unit();
      if (unit == null) {
        return reject(Status.REJECTED_UNIT_MISMATCH, raw, "a counter in " + raw.unit() + " has no rate unit");
      }
    } else {
      return reject(Status.REJECTED_UNKNOWN_METRIC, raw, "metric '" + raw.name() + "' is not in the "
          + dialect + " vocabulary; map it with MetricVocabulary.Builder.map or use PASS_THROUGH");
    }
    if (Double.isInfinite(raw.value())) {
      return reject(Status.REJECTED_INVALID_VALUE, raw, "value must not be infinite, got " + raw.value());
    }
    SeriesId id = seriesId(dialect, name, raw);
    if (raw.kind() == MetricKind.GAUGE) {
      if (raw.unit().dimension() != unit.dimension()) {
        return mismatch(raw, unit);
      }
      double value = raw.unit().convert(raw.value(), unit);
      if (range != null && !range.allows(value)) {
        return outOfRange(raw, range, value);
      }
      return accepted(new MetricSample(id, raw.epochMillis(), value));
    }
    if (raw.unit().rateDimension() != unit.dimension()) {
      return mismatch(raw, unit);
    }
    if (Double.isNaN(raw.value()) || raw.value() < 0) {
      return reject(Status.REJECTED_INVALID_VALUE, raw, "counter total must be a number >= 0, got " + raw.value());
    }
    synchronized (counters) {
      CounterState previous = counters.get(id);
      if (previous == null) {
        counters.put(id, new CounterState(raw.epochMillis(), raw.value()));
        return new Outcome(Status.COUNTER_PRIMED, Optional.empty(), "first total of counter " + id
            + "; a rate needs two");
      }
      if (raw.epochMillis() <= previous.epochMillis()) {
        if (raw.epochMillis() == previous.epochMillis()
            && Double.doubleToLongBits(raw.value()) == Double.doubleToLongBits(previous.total())) {
          return new Outcome(Status.DUPLICATE, Optional.empty(), "same counter total at the same time again");
        }
        return reject(Status.REJECTED_OUT_OF_ORDER, raw, "counter sample at " + raw.epochMillis()
            + " is not after the previous one at " + previous.epochMillis());
      }
      double seconds = (raw.epochMillis() - previous.epochMillis()) / 1000.0;
      boolean reset = raw.value() < previous.total();
      double delta = reset ? raw.value() : raw.value() - previous.total();
      counters.put(id, new CounterState(raw.epochMillis(), raw.value()));
      double basePerSecond = delta * raw.unit().toBase() / seconds;
      double value = basePerSecond / unit.toBase();
      if (range != null && !range.allows(value)) {
        return outOfRange(raw, range, value);
      }
      MetricSample sample = new MetricSample(id, raw.epochMillis(), value);
      return reset
          ? new Outcome(Status.COUNTER_RESET, Optional.of(sample), "counter total fell from " + previous.total()
              + " to " + raw.value() + "; assumed a restart from zero")
          : accepted(sample);
    }
  }

  /**
   * Forgets the counter state of a series (e.g. when its resource is deleted).
   *
   * @param series the series; never null
   */
  public void forget(SeriesId series) {
    synchronized (counters) {
      counters.remove(Checks.nonNull(series, "series"));
    }
  }

  private SeriesId seriesId(String dialect, String name, RawSample raw) {
    TreeMap<String, String> labels = new TreeMap<>();
    raw.labels().forEach((k, v) -> labels.put(vocabulary.labelName(dialect, k), v));
    labels.put(SeriesId.RESOURCE, raw.resource());
    return SeriesId.of(name, labels);
  }

  private static Unit baseRateUnit(Unit unit) {
    Unit.Dimension d = unit.rateDimension();
    if (d == Unit.Dimension.DATA_RATE) {
      return Unit.BYTES_PER_SECOND;
    }
    return d == Unit.Dimension.COUNT_RATE ? Unit.COUNT_PER_SECOND : null;
  }

  private static Outcome accepted(MetricSample s) {
    return new Outcome(Status.ACCEPTED, Optional.of(s), "");
  }

  private static Outcome outOfRange(RawSample raw, MetricVocabulary.Definition def, double value) {
    String rule = Double.isInfinite(def.max()) ? ">= " + fmt(def.min())
        : Double.isInfinite(def.min()) ? "<= " + fmt(def.max()) : "in [" + def.min() + ", " + def.max() + "]";
    return reject(Status.REJECTED_INVALID_VALUE, raw, def.name() + " must be " + rule + " " + def.unit() + ", got "
        + value + " (from '" + raw.name() + "' = " + raw.value() + " " + raw.unit() + ")");
  }

  private static String fmt(double bound) {
    return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
  }

  private static Outcome mismatch(RawSample raw, Unit canonical) {
    return reject(Status.REJECTED_UNIT_MISMATCH, raw, "metric '" + raw.name() + "' reported as " + raw.kind()
        + " in " + raw.unit() + " cannot become " + canonical);
  }

  private static Outcome reject(Status status, RawSample raw, String reason) {
    return new Outcome(status, Optional.empty(), reason + " (resource " + raw.resource() + ", at "
        + raw.epochMillis() + ")");
  }
}
