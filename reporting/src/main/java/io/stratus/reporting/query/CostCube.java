package io.stratus.reporting.query;

import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cost records of one period summed per UTC day, currency and the values of a fixed list of dimensions, with every
 * {@link CostMetric} and the record count, built in one scan of the cost store. It answers exactly the cost queries
 * whose range lies inside its period on whole UTC days, whose grain is a day or coarser, whose filters and groups use
 * only its dimensions, and which have no free-text search (see {@link #covers}).
 *
 * <p>Immutable once built and thread-safe.
 */
final class CostCube {
  private static final CostMetric[] METRICS = CostMetric.values();

  /** One cell: dimension values (nullable, as the store has them), currency and day. */
  private record Key(List<String> values, String currency, Instant day) {}

  /** Sums per metric and the record count of one cell. */
  private static final class Cell {
    final BigDecimal[] sums = new BigDecimal[METRICS.length];
    long count;

    Cell() {
      Arrays.fill(sums, BigDecimal.ZERO);
    }
  }

  private final Instant from;
  private final Instant to;
  private final List<String> dimensions;
  private final Map<Key, Cell> cells;

  private CostCube(Instant from, Instant to, List<String> dimensions, Map<Key, Cell> cells) {
    this.from = from;
    this.to = to;
    this.dimensions = dimensions;
    this.cells = cells;
  }

  static CostCube build(CostStore costs, Instant from, Instant to, List<String> dimensions) {
    List<Dimension> dims = dimensions.stream().map(AnalyticsEngine::dimension).toList();
    Map<Key, Cell> cells = new HashMap<>();
    costs.scan(CostQuery.builder().between(from, to).build(), (source, rec) -> {
      String[] values = new String[dims.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = dims.get(i).valueOf(rec, source);
      }
      Key key = new Key(Arrays.asList(values), rec.billingCurrency().getCurrencyCode(),
          rec.chargePeriodStart().truncatedTo(ChronoUnit.DAYS));
      Cell cell = cells.computeIfAbsent(key, k -> new Cell());
      for (int m = 0; m < METRICS.length; m++) {
        cell.sums[m] = cell.sums[m].add(METRICS[m].valueOf(rec));
      }
      cell.count++;
    });
    return new CostCube(from, to, List.copyOf(dimensions), cells);
  }

  /** Whether a cost query over {@code [qf, qt)} at {@code grain} can be answered exactly from this cube. */
  boolean covers(AnalyticsQuery query, Instant qf, Instant qt, TimeGrain grain) {
    return grain != TimeGrain.HOUR && query.search().isEmpty() && !qf.isBefore(from) && !qt.isAfter(to)
        && qf.equals(qf.truncatedTo(ChronoUnit.DAYS)) && qt.equals(qt.truncatedTo(ChronoUnit.DAYS))
        && dimensions.containsAll(query.groupBy()) && dimensions.containsAll(query.filters().keySet());
  }

  /** What {@link AnalyticsEngine} would aggregate from a scan, for a query this cube {@linkplain #covers covers}. */
  void aggregate(AnalyticsQuery query, CostMetric metric, Instant qf, Instant qt, TimeGrain grain,
      Map<String, Long> excluded, Map<List<String>, Map<Instant, AnalyticsEngine.Acc>> out) {
    int[] groupIdx = query.groupBy().stream().mapToInt(dimensions::indexOf).toArray();
    List<Map.Entry<Integer, Set<String>>> filters = new ArrayList<>();
    // a HashSet, since a store value may be null and an immutable set's contains(null) throws
    query.filters().forEach((d, values) -> filters.add(Map.entry(dimensions.indexOf(d), new HashSet<>(values))));
    int m = metric.ordinal();
    for (Map.Entry<Key, Cell> e : cells.entrySet()) {
      Key k = e.getKey();
      if (k.day().isBefore(qf) || !k.day().isBefore(qt) || !passes(k.values(), filters)) {
        continue;
      }
      if (!k.currency().equals(query.currency())) {
        excluded.merge("currency " + k.currency(), e.getValue().count, Long::sum);
        continue;
      }
      List<String> group = new ArrayList<>(groupIdx.length);
      for (int i : groupIdx) {
        String v = k.values().get(i);
        group.add(v == null || v.isEmpty() ? AnalyticsEngine.NONE : v);
      }
      out.computeIfAbsent(group, g -> new HashMap<>())
          .computeIfAbsent(grain.bucketOf(k.day(), qf), b -> new AnalyticsEngine.Acc())
          .addAll(e.getValue().sums[m], e.getValue().count);
    }
  }

  private static boolean passes(List<String> values, List<Map.Entry<Integer, Set<String>>> filters) {
    for (Map.Entry<Integer, Set<String>> f : filters) {
      if (!f.getValue().contains(values.get(f.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
