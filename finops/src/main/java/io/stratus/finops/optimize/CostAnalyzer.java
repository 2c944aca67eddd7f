package io.stratus.finops.optimize;

import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import io.stratus.timeseries.SeasonalDecomposition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Spending patterns over a {@link CostStore}: a scope's daily trend and weekly pattern, period-over-period change and
 * top movers by any dimension, and unit cost (cost per consumed unit, e.g. per vCPU-hour).
 *
 * <p>A scope is given as a {@link CostQuery}: its filters (for example one team's tag or one account) and metric
 * select the cost; its own time range, grouping, granularity and limit are ignored, the methods set them.
 *
 * <p>Thread-safe: it holds no mutable state.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostAnalyzer {
  private static final MathContext MC = MathContext.DECIMAL64;
  private final CostStore store;

  private CostAnalyzer(CostStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * An analyzer over a store.
   *
   * @param store the cost records; never null
   * @return the analyzer; never null
   */
  public static CostAnalyzer create(CostStore store) {
    return new CostAnalyzer(store);
  }

  /**
   * The daily trend and weekly pattern of a scope's cost in one currency over whole UTC days.
   *
   * @param scope filters and metric; never null
   * @param currency the billing currency to analyse; never null
   * @param from the first day, inclusive; never null
   * @param to the last day, exclusive; never null
   * @return the pattern; never null
   * @throws IllegalArgumentException if {@code from} or {@code to} is not a UTC midnight, or the range is empty
   */
  public SpendingPattern pattern(CostQuery scope, Currency currency, Instant from, Instant to) {
    Objects.requireNonNull(currency, "currency");
    double[] y = dailySeries(store, scope, currency, from, to);
    int n = y.length;
    CostQuery q = scope.toBuilder().between(from, to).groupBy().granularity(Granularity.TOTAL).top(0).build();
    BigDecimal total = store.query(q).total(currency);
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    Map<DayOfWeek, Double> weekday = new EnumMap<>(DayOfWeek.class);
    double strength = 0;
    double[] adjusted = y;
    if (n >= 14) {
      SeasonalDecomposition d = SeasonalDecomposition.classical(y, 7, false);
      double[] idx = d.seasonalIndices();
      DayOfWeek first = LocalDate.ofInstant(from, ZoneOffset.UTC).getDayOfWeek();
      for (int p = 0; p < 7; p++) {
        weekday.put(first.plus(p), idx[p]);
      }
      double[] s = d.seasonal();
      double[] rem = d.remainder();
      strength = strength(s, rem);
      adjusted = new double[n];
      for (int i = 0; i < n; i++) {
        adjusted[i] = y[i] - s[i];
      }
    }
    double slope = slope(adjusted);
    double perMonth = mean == 0 ? 0 : slope * 30.4375 / mean;
    return new SpendingPattern(from, to, n, new Money(total, currency), mean, slope, perMonth, weekday, strength);
  }

  /**
   * How each group's cost changed between two adjacent periods, largest absolute change first.
   *
   * @param scope filters and metric; never null
   * @param by the dimension to group by; never null
   * @param previousFrom start of the earlier period; never null
   * @param currentFrom end of the earlier and start of the later period; never null
   * @param currentTo end of the later period; never null
   * @return the changes; never null
   * @throws IllegalArgumentException if the periods are not in order
   */
  public List<CostDelta> periodOverPeriod(
      CostQuery scope, Dimension by, Instant previousFrom, Instant currentFrom, Instant currentTo) {
    Objects.requireNonNull(by, "by");
    if (!previousFrom.isBefore(currentFrom) || !currentFrom.isBefore(currentTo)) {
      throw new IllegalArgumentException("periods must satisfy previousFrom < currentFrom < currentTo, got "
          + previousFrom + ", " + currentFrom + ", " + currentTo);
    }
    return store.periodOverPeriod(scope.toBuilder().groupBy(by).build(), previousFrom, currentFrom, currentTo);
  }

  /**
   * The groups whose cost rose or fell the most between two adjacent periods.
   *
   * @param scope filters and metric; never null
   * @param by the dimension to group by; never null
   * @param previousFrom start of the earlier period; never null
   * @param currentFrom end of the earlier and start of the later period; never null
   * @param currentTo end of the later period; never null
   * @param n how many, {@code >= 1}
   * @return at most {@code n} changes, largest absolute change first; never null
   * @throws IllegalArgumentException if {@code n < 1} or the periods are not in order
   */
  public List<CostDelta> topMovers(
      CostQuery scope, Dimension by, Instant previousFrom, Instant currentFrom, Instant currentTo, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    List<CostDelta> all = periodOverPeriod(scope, by, previousFrom, currentFrom, currentTo);
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  /**
   * Cost per consumed unit for each group of a dimension (per workload tag, per resource, per service...), one entry
   * per group, unit and currency, ordered by group then unit. Records without a consumed unit are left out of this
   * view (they are in the totals of {@link #periodOverPeriod}).
   *
   * @param scope filters and metric (a cost metric); never null
   * @param by the dimension to group by; never null
   * @param from inclusive; never null
   * @param to exclusive; never null
   * @return the unit costs; never null
   */
  public List<UnitCost> unitCosts(CostQuery scope, Dimension by, Instant from, Instant to) {
    Objects.requireNonNull(by, "by");
    CostQuery q = scope.toBuilder().between(from, to).build();
    Map<List<Object>, BigDecimal[]> acc = new HashMap<>();
    store.scan(q, (source, r) -> {
      String unit = r.consumedUnit();
      if (unit == null || unit.isBlank()) {
        return;
      }
      List<Object> key = new ArrayList<>(3);
      key.add(by.valueOf(r, source));
      key.add(unit);
      key.add(r.billingCurrency());
      BigDecimal[] a = acc.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      a[0] = a[0].add(q.metric().valueOf(r));
      a[1] = a[1].add(r.consumedQuantity() == null ? BigDecimal.ZERO : r.consumedQuantity());
    });
    List<UnitCost> out = new ArrayList<>();
    acc.forEach((k, a) -> out.add(new UnitCost((String) k.get(0), (String) k.get(1), (Currency) k.get(2), a[0], a[1],
        a[1].signum() == 0 ? null : a[0].divide(a[1], MC))));
    out.sort(Comparator.comparing(UnitCost::group, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(UnitCost::unit).thenComparing(u -> u.currency().getCurrencyCode()));
    return out;
  }

  /** The scope's cost per UTC day in one currency, zero for days without records. */
  static double[] dailySeries(CostStore store, CostQuery scope, Currency currency, Instant from, Instant to) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.getEpochSecond() % 86400 != 0 || from.getNano() != 0) {
      throw new IllegalArgumentException("from must be a UTC midnight, got " + from);
    }
    if (to.getEpochSecond() % 86400 != 0 || to.getNano() != 0) {
      throw new IllegalArgumentException("to must be a UTC midnight, got " + to);
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from " + from + ", got " + to);
    }
    long d0 = from.getEpochSecond() / 86400;
    int n = (int) (to.getEpochSecond() / 86400 - d0);
    double[] y = new double[n];
    CostQuery q = scope.toBuilder().between(from, to).groupBy().granularity(Granularity.DAY).top(0).build();
    for (CostRow row : store.query(q).rows()) {
      if (row.currency().equals(currency)) {
        y[(int) (row.bucketStart().getEpochSecond() / 86400 - d0)] += row.amount().doubleValue();
      }
    }
    return y;
  }

  static double slope(double[] y) {
    int n = y.length;
    if (n < 2) {
      return 0;
    }
    double mx = (n - 1) / 2.0;
    double my = 0;
    for (double v : y) {
      my += v / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mx) * (y[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    return sxy / sxx;
  }

  private static double strength(double[] seasonal, double[] remainder) {
    double[] sr = new double[seasonal.length];
    int m = 0;
    double[] r = new double[seasonal.length];
    for (int i = 0; i < seasonal.length; i++) {
      if (!Double.isNaN(remainder[i])) {
        sr[m] = seasonal[i] + remainder[i];
        r[m] = remainder[i];
        m++;
      }
    }
    double vsr = variance(sr, m);
    if (vsr == 0) {
      return 0;
    }
    return Math.max(0, 1 - variance(r, m) / vsr);
  }

  private static double variance(double[] x, int n) {
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += x[i] / n;
    }
    double v = 0;
    for (int i = 0; i < n; i++) {
      v += (x[i] - mean) * (x[i] - mean);
    }
    return n > 1 ? v / (n - 1) : 0;
  }
}
