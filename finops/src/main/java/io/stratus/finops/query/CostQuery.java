package io.stratus.finops.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A cost aggregation: which records (time range on the charge period start, equality filters on any dimensions), how
 * to group them (dimensions, e.g. provider → account → service → resource, and a time granularity), which metric to
 * sum, and optionally only the top N groups by amount. Amounts are always kept apart by billing currency.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostQuery {
  private final Instant from;
  private final Instant to;
  private final Map<Dimension, Set<String>> filters;
  private final List<Dimension> groupBy;
  private final Granularity granularity;
  private final CostMetric metric;
  private final int limit;

  private CostQuery(Builder b) {
    this.from = b.from;
    this.to = b.to;
    Map<Dimension, Set<String>> f = new LinkedHashMap<>();
    b.filters.forEach((k, v) -> f.put(k, Collections.unmodifiableSet(new HashSet<>(v))));
    this.filters = Collections.unmodifiableMap(f);
    this.groupBy = List.copyOf(b.groupBy);
    this.granularity = b.granularity;
    this.metric = b.metric;
    this.limit = b.limit;
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("costQuery.to must be after from " + from + ", got " + to);
    }
  }

  /**
   * A builder for all records, no grouping, billed cost, in total.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this query.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.from = from;
    b.to = to;
    filters.forEach((k, v) -> b.filters.put(k, new HashSet<>(v)));
    b.groupBy.addAll(groupBy);
    b.granularity = granularity;
    b.metric = metric;
    b.limit = limit;
    return b;
  }

  /**
   * Inclusive lower bound on the charge period start.
   *
   * @return the bound, or null for none
   */
  public Instant from() {
    return from;
  }

  /**
   * Exclusive upper bound on the charge period start.
   *
   * @return the bound, or null for none
   */
  public Instant to() {
    return to;
  }

  /**
   * Equality filters: a record passes when, for every dimension, its value is in the set (a null value in the set
   * matches records without a value).
   *
   * @return the filters; never null
   */
  public Map<Dimension, Set<String>> filters() {
    return filters;
  }

  /**
   * The grouping dimensions, outermost first.
   *
   * @return the dimensions; never null, empty for a grand total
   */
  public List<Dimension> groupBy() {
    return groupBy;
  }

  /**
   * The time bucketing.
   *
   * @return the granularity; never null
   */
  public Granularity granularity() {
    return granularity;
  }

  /**
   * What is summed.
   *
   * @return the metric; never null
   */
  public CostMetric metric() {
    return metric;
  }

  /**
   * The top-N limit: when positive, only the N groups with the largest amounts are returned, largest first.
   *
   * @return the limit; 0 for all groups
   */
  public int limit() {
    return limit;
  }

  /**
   * Whether a record's dimension values pass the filters and its charge start lies in the range.
   *
   * @param record the record; never null
   * @param sourceId its source id; may be null
   * @return true if it passes
   */
  public boolean matches(io.stratus.finops.focus.CostRecord record, String sourceId) {
    Instant start = record.chargePeriodStart();
    if (from != null && start.isBefore(from) || to != null && !start.isBefore(to)) {
      return false;
    }
    for (Map.Entry<Dimension, Set<String>> f : filters.entrySet()) {
      if (!f.getValue().contains(f.getKey().valueOf(record, sourceId))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CostQuery{" + metric + " by " + groupBy + " per " + granularity + ", from " + from + " to " + to
        + ", filters " + filters + (limit > 0 ? ", top " + limit : "") + "}";
  }

  /**
   * Collects a {@link CostQuery}.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Instant from;
    private Instant to;
    private final Map<Dimension, Set<String>> filters = new LinkedHashMap<>();
    private final List<Dimension> groupBy = new ArrayList<>();
    private Granularity granularity = Granularity.TOTAL;
    private CostMetric metric = CostMetric.BILLED;
    private int limit;

    private Builder() {}

    /**
     * Restricts to charge periods starting in {@code [from, to)}.
     *
     * @param from inclusive; may be null for no lower bound
     * @param to exclusive; may be null for no upper bound
     * @return this builder
     */
    public Builder between(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    /**
     * Keeps records whose value of a dimension is one of the values (repeated calls for one dimension widen it).
     *
     * @param dimension the dimension; never null
     * @param values accepted values; never null (may contain null to match records without a value)
     * @return this builder
     */
    public Builder where(Dimension dimension, Collection<String> values) {
      Objects.requireNonNull(dimension, "dimension");
      Objects.requireNonNull(values, "values");
      filters.computeIfAbsent(dimension, k -> new HashSet<>()).addAll(values);
      return this;
    }

    /**
     * Keeps records whose value of a dimension equals one value.
     *
     * @param dimension the dimension; never null
     * @param value the value; null matches records without one
     * @return this builder
     */
    public Builder where(Dimension dimension, String value) {
      return where(dimension, Collections.singleton(value));
    }

    /**
     * Groups by dimensions, outermost first (replacing earlier grouping).
     *
     * @param dimensions the dimensions; never null
     * @return this builder
     */
    public Builder groupBy(Dimension... dimensions) {
      groupBy.clear();
      for (Dimension d : dimensions) {
        groupBy.add(Objects.requireNonNull(d, "groupBy dimension"));
      }
      return this;
    }

    /**
     * Buckets by time.
     *
     * @param granularity the granularity; never null
     * @return this builder
     */
    public Builder granularity(Granularity granularity) {
      this.granularity = Objects.requireNonNull(granularity, "granularity");
      return this;
    }

    /**
     * Chooses the metric summed.
     *
     * @param metric the metric; never null
     * @return this builder
     */
    public Builder metric(CostMetric metric) {
      this.metric = Objects.requireNonNull(metric, "metric");
      return this;
    }

    /**
     * Returns only the N largest groups.
     *
     * @param n a positive N, or 0 for all groups
     * @return this builder
     * @throws IllegalArgumentException if n is negative
     */
    public Builder top(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("costQuery.top must be >= 0, got " + n);
      }
      this.limit = n;
      return this;
    }

    /**
     * Builds.
     *
     * @return the query; never null
     * @throws IllegalArgumentException if the time range is empty
     */
    public CostQuery build() {
      return new CostQuery(this);
    }
  }
}
