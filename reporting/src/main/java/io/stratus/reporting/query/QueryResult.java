package io.stratus.reporting.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The answer to an {@link AnalyticsQuery}: rows per group and bucket, the resolved time range, the unit, the
 * previous-period comparison when asked for, and how many inputs were excluded (and why).
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the query
 * @param from the resolved inclusive start
 * @param to the resolved exclusive end
 * @param unit the unit of the values: a currency code for cost, the metric name's unit hint for metrics
 * @param rows groups by bucket, sorted by group total descending, then key, then bucket
 * @param comparison per group, previous vs current period (empty unless asked for)
 * @param excluded inputs that matched the filters but were not counted, by reason (e.g. another currency)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record QueryResult(
    AnalyticsQuery query,
    Instant from,
    Instant to,
    String unit,
    List<ResultRow> rows,
    List<Comparison> comparison,
    Map<String, Long> excluded) {
  /** Validates and copies. */
  public QueryResult {
    Objects.requireNonNull(query, "queryResult.query");
    Objects.requireNonNull(from, "queryResult.from");
    Objects.requireNonNull(to, "queryResult.to");
    Objects.requireNonNull(unit, "queryResult.unit");
    rows = List.copyOf(rows);
    comparison = List.copyOf(comparison);
    excluded = Map.copyOf(excluded);
  }

  /**
   * The sum of all rows' values (meaningful for cost and for metric queries aggregated with SUM or COUNT).
   *
   * @return the total; never null
   */
  public BigDecimal total() {
    return rows.stream().map(ResultRow::value).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The sum of each group's values over all buckets, in row order.
   *
   * @return group key to total, unmodifiable; never null
   */
  public Map<List<String>, BigDecimal> totalsByKey() {
    Map<List<String>, BigDecimal> out = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      out.merge(r.key(), r.value(), BigDecimal::add);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
