package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which alert history records to return: by state, severity, label equalities and a time range that the alert's
 * firing span ({@code firedAt} to {@code resolvedAt}, or still open) must overlap. Results are newest first, at most
 * {@code limit}.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; an empty query returns everything.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlertHistoryQuery {
  private final Set<AlertState> states;
  private final Set<Severity> severities;
  private final Map<String, String> labels;
  private final Instant from;
  private final Instant to;
  private final int limit;

  private AlertHistoryQuery(Builder b) {
    this.states = Set.copyOf(b.states);
    this.severities = Set.copyOf(b.severities);
    this.labels = Map.copyOf(b.labels);
    this.from = b.from;
    this.to = b.to;
    this.limit = b.limit;
  }

  /**
   * A builder.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a record matches (the limit aside).
   *
   * @param r the record; never null
   * @return true if it matches
   */
  public boolean matches(AlertHistoryRecord r) {
    if (!states.contains(r.state()) || !severities.contains(r.severity())) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(r.labels().get(e.getKey()))) {
        return false;
      }
    }
    if (to != null && !r.firedAt().isBefore(to)) {
      return false;
    }
    return from == null || r.resolvedAt().map(t -> !t.isBefore(from)).orElse(true);
  }

  /**
   * The most records returned.
   *
   * @return at least 1
   */
  public int limit() {
    return limit;
  }

  /**
   * The start of the time range.
   *
   * @return the inclusive start, empty for unbounded
   */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /**
   * The end of the time range.
   *
   * @return the exclusive end, empty for unbounded
   */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /**
   * Builds an {@link AlertHistoryQuery}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Set<AlertState> states = EnumSet.of(AlertState.FIRING, AlertState.RESOLVED);
    private Set<Severity> severities = EnumSet.allOf(Severity.class);
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Instant from;
    private Instant to;
    private int limit = 1_000;

    private Builder() {}

    /**
     * Only records in this state.
     *
     * @param value {@code FIRING} or {@code RESOLVED}
     * @return this builder
     * @throws IllegalArgumentException for {@code PENDING}, which has no history
     */
    public Builder state(AlertState value) {
      if (Checks.nonNull(value, "state") == AlertState.PENDING) {
        throw new IllegalArgumentException("state must be FIRING or RESOLVED, got PENDING (history starts when an "
            + "alert fires)");
      }
      this.states = EnumSet.of(value);
      return this;
    }

    /**
     * Only records at or above this severity.
     *
     * @param value the lowest severity; never null
     * @return this builder
     */
    public Builder minSeverity(Severity value) {
      Checks.nonNull(value, "minSeverity");
      EnumSet<Severity> s = EnumSet.noneOf(Severity.class);
      for (Severity v : Severity.values()) {
        if (v.compareTo(value) >= 0) {
          s.add(v);
        }
      }
      this.severities = s;
      return this;
    }

    /**
     * Only records with this label value.
     *
     * @param label the label; not blank
     * @param value the value; never null
     * @return this builder
     */
    public Builder label(String label, String value) {
      labels.put(Checks.nonBlank(label, "label"), Checks.nonNull(value, "value"));
      return this;
    }

    /**
     * Only records whose firing span overlaps {@code [from, to)}.
     *
     * @param fromInclusive the start; never null
     * @param toExclusive the end; after {@code fromInclusive}
     * @return this builder
     * @throws IllegalArgumentException if the end is not after the start
     */
    public Builder between(Instant fromInclusive, Instant toExclusive) {
      Checks.nonNull(fromInclusive, "from");
      Checks.nonNull(toExclusive, "to");
      if (!toExclusive.isAfter(fromInclusive)) {
        throw new IllegalArgumentException("to must be after from (" + fromInclusive + "), got " + toExclusive);
      }
      this.from = fromInclusive;
      this.to = toExclusive;
      return this;
    }

    /**
     * The most records returned; default 1,000.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder limit(int value) {
      this.limit = Checks.positive(value, "limit");
      return this;
    }

    /**
     * Builds the query.
     *
     * @return a new query; never null
     */
    public AlertHistoryQuery build() {
      return new AlertHistoryQuery(this);
    }
  }
}
