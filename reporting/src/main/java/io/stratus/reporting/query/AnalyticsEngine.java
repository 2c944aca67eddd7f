package io.stratus.reporting.query;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Runs {@link AnalyticsQuery}s over a cost store and a metric store. Cost filters are pushed down to the store as a
 * {@link CostQuery}; grouping, search and bucketing happen here, with exact decimal sums.
 *
 * <p>Thread-safe if the stores are (the engine itself holds no mutable state). Relative time ranges resolve against
 * the injected clock.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AnalyticsEngine {
  /** The group value of a record or series that has no value for a group-by dimension. */
  public static final String NONE = "(none)";

  private final CostStore costs;
  private final MetricStore metrics;
  private final InstantSource clock;
  private final MetricVocabulary vocabulary = MetricVocabulary.defaults();
  /** The pre-aggregated cost view, or null. */
  private final CostCube cube;

  private AnalyticsEngine(CostStore costs, MetricStore metrics, InstantSource clock, CostCube cube) {
    this.costs = Objects.requireNonNull(costs, "costs");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cube = cube;
  }

  /**
   * An engine over the given stores.
   *
   * @param costs the cost data; never null
   * @param metrics the performance data; never null
   * @param clock resolves relative time ranges ({@link TimeRange#last}); never null
   * @return the engine; never null
   */
  public static AnalyticsEngine create(CostStore costs, MetricStore metrics, InstantSource clock) {
    return new AnalyticsEngine(costs, metrics, clock, null);
  }

  /**
   * An engine over the same stores whose cost queries inside {@code [from, to)} are answered from a daily aggregate
   * built now, in one scan of the cost store: the records summed per UTC day, currency and the values of {@code
   * dimensions}. A query is answered from it, with exactly the result a scan would give, when its range (and the
   * previous period of a comparison) lies inside the period on whole UTC days, its grain is a day or coarser, its
   * filters and groups use only these dimensions, and it has no free-text search; any other query scans the store as
   * usual. Records written after this call are not seen by the answered queries. Building a report this way scans the
   * store once instead of once per chart and table.
   *
   * @param from inclusive start of the aggregated period; never null
   * @param to exclusive end, after {@code from}; never null
   * @param dimensions cost dimensions (canonical names or aliases, as in {@link AnalyticsQuery}); never null
   * @return a new engine; never null
   * @throws IllegalArgumentException if the period is empty or a dimension is unknown
   */
  public AnalyticsEngine materialize(Instant from, Instant to, Collection<String> dimensions) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("materialize: to must be after from " + from + ", got " + to);
    }
    List<String> canonical = dimensions.stream().map(AnalyticsQuery::canonicalCostDimension).distinct().toList();
    return new AnalyticsEngine(costs, metrics, clock, CostCube.build(costs, from, to, canonical));
  }

  /**
   * Runs a query.
   *
   * @param query the query; never null
   * @return the result; never null
   * @throws IllegalArgumentException if the cost measure is not a {@link CostMetric} name
   */
  public QueryResult run(AnalyticsQuery query) {
    Objects.requireNonNull(query, "query");
    Instant now = clock.instant();
    Instant from = query.range().startAt(now);
    Instant to = query.range().endAt(now);
    Map<String, Long> excluded = new TreeMap<>();
    Map<List<String>, Map<Instant, Acc>> groups = aggregate(query, from, to, query.grain(), excluded);
    List<Comparison> comparison = List.of();
    if (query.compareWithPrevious()) {
      Duration length = Duration.between(from, to);
      Map<List<String>, Map<Instant, Acc>> prev =
          aggregate(query, from.minus(length), from, TimeGrain.TOTAL, new HashMap<>());
      Map<List<String>, Map<Instant, Acc>> cur = query.grain() == TimeGrain.TOTAL ? groups
          : aggregate(query, from, to, TimeGrain.TOTAL, new HashMap<>());
      comparison = compare(query, prev, cur);
    }
    List<ResultRow> rows = new ArrayList<>();
    Map<List<String>, BigDecimal> totals = new HashMap<>();
    groups.forEach((k, buckets) -> buckets.forEach((b, acc) -> totals.merge(k, acc.value(query), BigDecimal::add)));
    List<List<String>> keys = new ArrayList<>(groups.keySet());
    keys.sort(Comparator.<List<String>, BigDecimal>comparing(totals::get).reversed()
        .thenComparing(k -> String.join("\u0000", k)));
    if (query.limit() > 0 && keys.size() > query.limit()) {
      keys = keys.subList(0, query.limit());
    }
    for (List<String> k : keys) {
      new TreeMap<>(groups.get(k)).forEach((b, acc) -> rows.add(new ResultRow(k, b, acc.value(query), acc.count)));
    }
    String unit = query.dataSet() == DataSet.COST ? query.currency()
        : vocabulary.definition(query.measure()).map(d -> d.unit().name().toLowerCase(Locale.ROOT)).orElse("");
    return new QueryResult(query, from, to, unit, rows, comparison, excluded);
  }

  private static List<Comparison> compare(AnalyticsQuery query, Map<List<String>, Map<Instant, Acc>> prev,
      Map<List<String>, Map<Instant, Acc>> cur) {
    Set<List<String>> keys = new LinkedHashSet<>(cur.keySet());
    keys.addAll(prev.keySet());
    List<Comparison> out = new ArrayList<>();
    for (List<String> k : keys) {
      out.add(new Comparison(k, single(query, prev.get(k)), single(query, cur.get(k))));
    }
    out.sort(Comparator.comparing((Comparison c) -> c.change().abs()).reversed()
        .thenComparing(c -> String.join("\u0000", c.key())));
    return out;
  }

  private static BigDecimal single(AnalyticsQuery query, Map<Instant, Acc> buckets) {
    if (buckets == null) {
      return BigDecimal.ZERO;
    }
    return buckets.values().stream().map(a -> a.value(query)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private Map<List<String>, Map<Instant, Acc>> aggregate(
      AnalyticsQuery query, Instant from, Instant to, TimeGrain grain, Map<String, Long> excluded) {
    return query.dataSet() == DataSet.COST ? aggregateCost(query, from, to, grain, excluded)
        : aggregateMetrics(query, from, to, grain, excluded);
  }

  private Map<List<String>, Map<Instant, Acc>> aggregateCost(
      AnalyticsQuery query, Instant from, Instant to, TimeGrain grain, Map<String, Long> excluded) {
    CostMetric metric;
    try {
      metric = CostMetric.valueOf(query.measure());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("analyticsQuery.measure of a cost query must be one of "
          + List.of(CostMetric.values()) + ", got '" + query.measure() + "'", e);
    }
    if (cube != null && cube.covers(query, from, to, grain)) {
      Map<List<String>, Map<Instant, Acc>> out = new HashMap<>();
      cube.aggregate(query, metric, from, to, grain, excluded, out);
      return out;
    }
    CostQuery.Builder cq = CostQuery.builder().between(from, to);
    query.filters().forEach((d, values) -> cq.where(dimension(d), values));
    List<Dimension> by = query.groupBy().stream().map(AnalyticsEngine::dimension).toList();
    String needle = query.search().toLowerCase(Locale.ROOT);
    Map<List<String>, Map<Instant, Acc>> out = new HashMap<>();
    costs.scan(cq.build(), (source, rec) -> {
      if (!needle.isEmpty() && !matches(rec, needle)) {
        return;
      }
      String currency = rec.billingCurrency().getCurrencyCode();
      if (!currency.equals(query.currency())) {
        excluded.merge("currency " + currency, 1L, Long::sum);
        return;
      }
      List<String> key = new ArrayList<>(by.size());
      for (Dimension d : by) {
        String v = d.valueOf(rec, source);
        key.add(v == null || v.isEmpty() ? NONE : v);
      }
      Acc acc = out.computeIfAbsent(key, k -> new HashMap<>())
          .computeIfAbsent(grain.bucketOf(rec.chargePeriodStart(), from), b -> new Acc());
      acc.add(metric.valueOf(rec));
    });
    return out;
  }

  private static boolean matches(CostRecord rec, String needle) {
    if (contains(rec.resourceId(), needle) || contains(rec.resourceName(), needle)) {
      return true;
    }
    for (String v : rec.tags().values()) {
      if (contains(v, needle)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String haystack, String needle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
  }

  static Dimension dimension(String canonical) {
    if (canonical.startsWith("tag:")) {
      return Dimension.tag(canonical.substring(4));
    }
    for (Dimension d : Dimension.BUILT_IN) {
      if (d.name().equals(canonical)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown cost dimension '" + canonical + "'");
  }

  private Map<List<String>, Map<Instant, Acc>> aggregateMetrics(
      AnalyticsQuery query, Instant from, Instant to, TimeGrain grain, Map<String, Long> excluded) {
    List<LabelMatcher> matchers = new ArrayList<>();
    query.filters().forEach((label, values) -> matchers.add(values.size() == 1
        ? LabelMatcher.eq(label, values.iterator().next())
        : LabelMatcher.regex(label, values.stream().map(Pattern::quote).collect(Collectors.joining("|")))));
    SeriesSelector selector = SeriesSelector.of(query.measure(), matchers.toArray(new LabelMatcher[0]));
    String needle = query.search().toLowerCase(Locale.ROOT);
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    Map<List<String>, Map<Instant, Acc>> out = new HashMap<>();
    for (SeriesData data : metrics.query(selector, fromMs, toMs)) {
      SeriesId id = data.series();
      if (!needle.isEmpty() && id.labels().values().stream().noneMatch(v -> contains(v, needle))) {
        continue;
      }
      List<String> key = new ArrayList<>(query.groupBy().size());
      for (String label : query.groupBy()) {
        key.add(id.label(label).filter(v -> !v.isEmpty()).orElse(NONE));
      }
      Map<Instant, Acc> buckets = out.computeIfAbsent(key, k -> new HashMap<>());
      for (int i = 0; i < data.size(); i++) {
        long t = data.timestamp(i);
        if (t < fromMs || t >= toMs) {
          continue;
        }
        double v = data.value(i);
        if (!Double.isFinite(v)) {
          excluded.merge("non-finite sample", 1L, Long::sum);
          continue;
        }
        Instant at = Instant.ofEpochMilli(t);
        buckets.computeIfAbsent(grain.bucketOf(at, from), b -> new Acc()).add(BigDecimal.valueOf(v), t);
      }
      if (buckets.isEmpty()) {
        out.remove(key);
      }
    }
    return out;
  }

  /** Accumulates one group's bucket. Not thread-safe; confined to one run. */
  static final class Acc {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min;
    BigDecimal max;
    BigDecimal last = BigDecimal.ZERO;
    long lastAt = Long.MIN_VALUE;
    long count;

    void add(BigDecimal v) {
      add(v, Long.MIN_VALUE);
    }

    /** Adds a pre-summed cost cell of {@code n} records (cost queries read only the sum and the count). */
    void addAll(BigDecimal total, long n) {
      sum = sum.add(total);
      count += n;
    }

    void add(BigDecimal v, long at) {
      sum = sum.add(v);
      min = min == null || v.compareTo(min) < 0 ? v : min;
      max = max == null || v.compareTo(max) > 0 ? v : max;
      if (at >= lastAt) {
        last = v;
        lastAt = at;
      }
      count++;
    }

    BigDecimal value(AnalyticsQuery query) {
      if (query.dataSet() == DataSet.COST) {
        return sum;
      }
      Aggregation a = query.aggregation();
      switch (a) {
        case MIN:
          return min == null ? BigDecimal.ZERO : min;
        case MAX:
          return max == null ? BigDecimal.ZERO : max;
        case SUM:
          return sum;
        case COUNT:
          return BigDecimal.valueOf(count);
        case LAST:
          return last;
        default:
          return count == 0 ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
      }
    }
  }
}
