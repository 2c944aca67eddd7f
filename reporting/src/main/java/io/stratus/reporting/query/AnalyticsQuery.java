package io.stratus.reporting.query;

import io.stratus.finops.query.CostMetric;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.SeriesId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * One question about cost or performance data: what to measure, over which time range, filtered on which dimension
 * values and by which free text, grouped how, in which time grain, and whether to compare with the previous period.
 *
 * <p>Dimensions of a {@link DataSet#COST} query are FOCUS column names ({@code ProviderName}, {@code RegionId}, ...),
 * {@code tag:<key>}, or the short aliases {@code provider}, {@code account}, {@code subaccount}, {@code region},
 * {@code zone}, {@code service}, {@code category}, {@code resource}, {@code resourceName}, {@code sku}, {@code team}
 * ({@code tag:team}). Dimensions of a {@link DataSet#METRICS} query are series labels ({@code provider},
 * {@code region}, {@code resource}, {@code team}, ...). Free-text search matches, case-insensitively, a substring of
 * the resource id, resource name or any tag value (cost), or of any label value (metrics).
 *
 * <p>Immutable and thread-safe. Built with {@link #cost()} or {@link #metric(String)}; {@link #toBuilder()} derives
 * variants.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AnalyticsQuery {
  private static final Map<String, String> COST_ALIASES = costAliases();

  private final DataSet dataSet;
  private final String measure;
  private final Aggregation aggregation;
  private final TimeRange range;
  private final Map<String, Set<String>> filters;
  private final String search;
  private final List<String> groupBy;
  private final TimeGrain grain;
  private final boolean compareWithPrevious;
  private final int limit;
  private final String currency;

  private AnalyticsQuery(Builder b) {
    this.dataSet = b.dataSet;
    this.measure = b.measure;
    this.aggregation = b.aggregation;
    this.range = Objects.requireNonNull(b.range, "analyticsQuery.range (call range(...))");
    Map<String, Set<String>> f = new LinkedHashMap<>();
    b.filters.forEach((k, v) -> f.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
    this.filters = Collections.unmodifiableMap(f);
    this.search = b.search;
    this.groupBy = List.copyOf(b.groupBy);
    this.grain = b.grain;
    this.compareWithPrevious = b.compareWithPrevious;
    this.limit = b.limit;
    this.currency = b.currency;
  }

  /**
   * A builder for a cost query (measure {@code BILLED}, currency USD, total grain).
   *
   * @return a new builder; never null
   */
  public static Builder cost() {
    return new Builder(DataSet.COST, CostMetric.BILLED.name());
  }

  /**
   * A builder for a metric query (aggregation {@code AVG}, total grain).
   *
   * @param metric the metric name, e.g. {@code cpu_utilization}; never null
   * @return a new builder; never null
   * @throws IllegalArgumentException if the name is not a valid metric name
   */
  public static Builder metric(String metric) {
    SeriesId.of(Objects.requireNonNull(metric, "analyticsQuery.measure"), Map.of());
    return new Builder(DataSet.METRICS, metric);
  }

  /**
   * A builder holding this query's settings.
   *
   * @return a new builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(dataSet, measure);
    b.aggregation = aggregation;
    b.range = range;
    filters.forEach((k, v) -> b.filters.put(k, new LinkedHashSet<>(v)));
    b.search = search;
    b.groupBy.addAll(groupBy);
    b.grain = grain;
    b.compareWithPrevious = compareWithPrevious;
    b.limit = limit;
    b.currency = currency;
    return b;
  }

  /**
   * The query one level down a drill-down path: filtered on the values already chosen, grouped by the next level.
   *
   * @param path the path; never null
   * @param chosen the values chosen at the first {@code chosen.size()} levels; fewer than the path's levels
   * @return the drill-down query; never null
   * @throws IllegalArgumentException if {@code chosen} reaches the last level, or the path is for the other data set
   */
  public AnalyticsQuery drillDown(DrillPath path, List<String> chosen) {
    Objects.requireNonNull(path, "drillPath");
    Objects.requireNonNull(chosen, "chosen");
    if (chosen.size() >= path.levels().size()) {
      throw new IllegalArgumentException("drill-down on path " + path.name() + " takes at most "
          + (path.levels().size() - 1) + " chosen values, got " + chosen.size() + ": " + chosen);
    }
    Builder b = toBuilder();
    for (int i = 0; i < chosen.size(); i++) {
      b.filters.remove(b.dimension(path.levels().get(i)));
      b.where(path.levels().get(i), List.of(chosen.get(i)));
    }
    return b.groupBy(path.levels().get(chosen.size())).build();
  }

  /**
   * Which data the query reads.
   *
   * @return the data set; never null
   */
  public DataSet dataSet() {
    return dataSet;
  }

  /**
   * What is measured: a {@code CostMetric} name for cost, a metric name for metrics.
   *
   * @return the measure; never null
   */
  public String measure() {
    return measure;
  }

  /**
   * How metric samples in one group and bucket combine (cost is always summed).
   *
   * @return the aggregation; never null
   */
  public Aggregation aggregation() {
    return aggregation;
  }

  /**
   * The time range.
   *
   * @return the range; never null
   */
  public TimeRange range() {
    return range;
  }

  /**
   * The dimension filters: a row matches when, for every dimension, its value is one of the listed values.
   *
   * @return canonical dimension name to allowed values, unmodifiable; never null
   */
  public Map<String, Set<String>> filters() {
    return filters;
  }

  /**
   * The free-text search.
   *
   * @return the search text, empty for none; never null
   */
  public String search() {
    return search;
  }

  /**
   * The group-by dimensions, canonical names.
   *
   * @return the dimensions, unmodifiable; never null
   */
  public List<String> groupBy() {
    return groupBy;
  }

  /**
   * The time grain.
   *
   * @return the grain; never null
   */
  public TimeGrain grain() {
    return grain;
  }

  /**
   * Whether the result carries a comparison with the previous period of equal length.
   *
   * @return true to compare
   */
  public boolean compareWithPrevious() {
    return compareWithPrevious;
  }

  /**
   * The top-N limit on groups (by total value, descending), 0 for all.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }

  /**
   * The currency of a cost query; records in other currencies are counted as excluded in the result.
   *
   * @return an ISO 4217 code; never null
   */
  public String currency() {
    return currency;
  }

  static String canonicalCostDimension(String name) {
    String alias = COST_ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    if (name.startsWith("tag:") && name.length() > 4) {
      return name;
    }
    for (io.stratus.finops.query.Dimension d : io.stratus.finops.query.Dimension.BUILT_IN) {
      if (d.name().equals(name)) {
        return name;
      }
    }
    throw new IllegalArgumentException("analyticsQuery dimension '" + name + "' is not a FOCUS dimension, a "
        + "'tag:<key>' or one of the aliases " + COST_ALIASES.keySet());
  }

  private static Map<String, String> costAliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("provider", "ProviderName");
    m.put("account", "BillingAccountId");
    m.put("subaccount", "SubAccountId");
    m.put("region", "RegionId");
    m.put("zone", "AvailabilityZone");
    m.put("service", "ServiceName");
    m.put("category", "ServiceCategory");
    m.put("resource", "ResourceId");
    m.put("resourceName", "ResourceName");
    m.put("sku", "SkuId");
    m.put("team", "tag:team");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnalyticsQuery q && q.dataSet == dataSet && q.measure.equals(measure)
        && q.aggregation == aggregation && q.range.equals(range) && q.filters.equals(filters)
        && q.search.equals(search) && q.groupBy.equals(groupBy) && q.grain == grain
        && q.compareWithPrevious == compareWithPrevious && q.limit == limit && q.currency.equals(currency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataSet, measure, aggregation, range, filters, search, groupBy, grain, compareWithPrevious,
        limit, currency);
  }

  @Override
  public String toString() {
    return "AnalyticsQuery{" + dataSet + " " + measure + (dataSet == DataSet.METRICS ? " " + aggregation : "")
        + " " + range + " where " + filters + (search.isEmpty() ? "" : " search '" + search + "'") + " by "
        + groupBy + " per " + grain + (compareWithPrevious ? " vs previous" : "")
        + (limit > 0 ? " top " + limit : "") + "}";
  }

  /**
   * Builds an {@link AnalyticsQuery}; each setter checks its argument at once. Not thread-safe; {@link #build()} may
   * run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final DataSet dataSet;
    private String measure;
    private Aggregation aggregation = Aggregation.AVG;
    private TimeRange range;
    private final Map<String, Set<String>> filters = new LinkedHashMap<>();
    private String search = "";
    private final List<String> groupBy = new ArrayList<>();
    private TimeGrain grain = TimeGrain.TOTAL;
    private boolean compareWithPrevious;
    private int limit;
    private String currency = "USD";

    private Builder(DataSet dataSet, String measure) {
      this.dataSet = dataSet;
      this.measure = measure;
    }

    String dimension(String name) {
      Objects.requireNonNull(name, "analyticsQuery dimension");
      if (dataSet == DataSet.COST) {
        return canonicalCostDimension(name);
      }
      if (!SeriesId.isValidLabelName(name)) {
        throw new IllegalArgumentException("analyticsQuery dimension '" + name + "' of a metric query must be a "
            + "label name matching [a-zA-Z_][a-zA-Z0-9_]*");
      }
      return name;
    }

    /**
     * Sets the cost measure ({@link DataSet#COST} only).
     *
     * @param metric which cost column to sum; never null
     * @return this builder
     * @throws IllegalStateException on a metric query
     */
    public Builder costMetric(CostMetric metric) {
      Objects.requireNonNull(metric, "analyticsQuery.measure");
      if (dataSet != DataSet.COST) {
        throw new IllegalStateException("analyticsQuery.costMetric applies to cost queries, this is " + dataSet);
      }
      this.measure = metric.name();
      return this;
    }

    /**
     * Sets how metric samples combine ({@link DataSet#METRICS} only).
     *
     * @param aggregation the aggregation; never null
     * @return this builder
     * @throws IllegalStateException on a cost query
     */
    public Builder aggregation(Aggregation aggregation) {
      Objects.requireNonNull(aggregation, "analyticsQuery.aggregation");
      if (dataSet != DataSet.METRICS) {
        throw new IllegalStateException("analyticsQuery.aggregation applies to metric queries, cost is summed");
      }
      this.aggregation = aggregation;
      return this;
    }

    /**
     * Sets the time range (required).
     *
     * @param range the range; never null
     * @return this builder
     */
    public Builder range(TimeRange range) {
      this.range = Objects.requireNonNull(range, "analyticsQuery.range");
      return this;
    }

    /**
     * Adds allowed values for a dimension (values accumulate).
     *
     * @param dimension a dimension name or alias; never null
     * @param values the allowed values; not empty; never null
     * @return this builder
     * @throws IllegalArgumentException if the dimension is unknown or no value is given
     */
    public Builder where(String dimension, Collection<String> values) {
      String d = dimension(dimension);
      Objects.requireNonNull(values, "analyticsQuery.filters['" + dimension + "']");
      if (values.isEmpty()) {
        throw new IllegalArgumentException("analyticsQuery.filters['" + dimension + "'] needs at least one value");
      }
      for (String v : values) {
        Objects.requireNonNull(v, "analyticsQuery.filters['" + dimension + "'] value");
      }
      filters.computeIfAbsent(d, k -> new LinkedHashSet<>()).addAll(values);
      return this;
    }

    /**
     * Adds one allowed value for a dimension.
     *
     * @param dimension a dimension name or alias; never null
     * @param value the allowed value; never null
     * @return this builder
     */
    public Builder where(String dimension, String value) {
      return where(dimension, List.of(Objects.requireNonNull(value, "analyticsQuery filter value")));
    }

    /**
     * Sets the free-text search; blank for none.
     *
     * @param text the text; never null
     * @return this builder
     */
    public Builder search(String text) {
      this.search = Objects.requireNonNull(text, "analyticsQuery.search").strip();
      return this;
    }

    /**
     * Sets the group-by dimensions (replacing earlier ones).
     *
     * @param dimensions names or aliases, no repeats
     * @return this builder
     * @throws IllegalArgumentException if a dimension is unknown or repeated
     */
    public Builder groupBy(String... dimensions) {
      List<String> out = new ArrayList<>();
      for (String d : dimensions) {
        String c = dimension(d);
        if (out.contains(c)) {
          throw new IllegalArgumentException("analyticsQuery.groupBy repeats dimension '" + d + "'");
        }
        out.add(c);
      }
      groupBy.clear();
      groupBy.addAll(out);
      return this;
    }

    /**
     * Sets the time grain.
     *
     * @param grain the grain; never null
     * @return this builder
     */
    public Builder grain(TimeGrain grain) {
      this.grain = Objects.requireNonNull(grain, "analyticsQuery.grain");
      return this;
    }

    /**
     * Asks for a comparison with the previous period of the same length.
     *
     * @param compare true to compare
     * @return this builder
     */
    public Builder compareWithPrevious(boolean compare) {
      this.compareWithPrevious = compare;
      return this;
    }

    /**
     * Keeps only the top {@code n} groups by total value; 0 keeps all.
     *
     * @param n the limit, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder top(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("analyticsQuery.top must be >= 0, got " + n);
      }
      this.limit = n;
      return this;
    }

    /**
     * Sets the currency of a cost query.
     *
     * @param code an ISO 4217 code; never null
     * @return this builder
     * @throws IllegalArgumentException if the code is unknown
     */
    public Builder currency(String code) {
      Objects.requireNonNull(code, "analyticsQuery.currency");
      java.util.Currency.getInstance(code.toUpperCase(Locale.ROOT));
      this.currency = code.toUpperCase(Locale.ROOT);
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query; never null
     * @throws NullPointerException if no range was set
     */
    public AnalyticsQuery build() {
      return new AnalyticsQuery(this);
    }
  }
}
