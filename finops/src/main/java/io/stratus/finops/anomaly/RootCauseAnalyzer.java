package io.stratus.finops.anomaly;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contribution analysis down a drill-down tree. One query groups the scope's cost by every drill-down dimension per
 * bucket over the anomaly and the baseline's look-back; each node of the tree (a prefix of dimension values) gets its
 * own seasonal baseline and deviation. From the scope, the analysis follows every child whose deviation in the
 * anomaly's direction carries at least {@code minShare} of the scope's deviation; a node whose children are all below
 * that (the deviation is spread) or that has no deeper dimension is a root cause. A child's share is its parent's
 * share times its positive deviation over {@code max(parent deviation, sum of the children's positive deviations)},
 * so the shares of disjoint root causes never add up to more than 1. Not thread-safe; one instance per analysis.
 */
final class RootCauseAnalyzer {
  private final List<Dimension> dimensions;
  private final int period;
  private final int cycles;
  private final double minShare;
  private final int scale;
  private final Map<List<String>, double[]> series = new HashMap<>();
  private final Map<List<String>, BigDecimal> actual = new HashMap<>();
  private final Map<List<String>, List<List<String>>> children = new LinkedHashMap<>();
  private int lookback;

  RootCauseAnalyzer(List<Dimension> dimensions, int period, int cycles, double minShare, int scale) {
    this.dimensions = dimensions;
    this.period = period;
    this.cycles = cycles;
    this.minShare = minShare;
    this.scale = scale;
  }

  /** Root causes of the deviation over buckets {@code [first, last]}, largest share first. */
  List<RootCause> analyze(CostStore store, CostScope scope, Currency currency, Granularity g, long first,
      long last) {
    if (dimensions.isEmpty()) {
      return List.of();
    }
    lookback = period * cycles;
    long from = first - lookback;
    int n = (int) (last - from + 1);
    CostQuery q = scope.applyTo(CostQuery.builder())
        .where(Dimension.CURRENCY, currency.getCurrencyCode())
        .between(g.start(from), g.start(last + 1))
        .groupBy(dimensions.toArray(new Dimension[0]))
        .granularity(g)
        .build();
    for (CostRow r : store.query(q).rows()) {
      int idx = (int) (g.bucket(r.bucketStart().getEpochSecond()) - from);
      double v = r.amount().doubleValue();
      List<String> key = r.key();
      List<String> parent = null;
      for (int depth = 0; depth <= dimensions.size(); depth++) {
        List<String> prefix = Collections.unmodifiableList(new ArrayList<>(key.subList(0, depth)));
        double[] s = series.get(prefix);
        if (s == null) {
          s = new double[n];
          series.put(prefix, s);
          if (parent != null) {
            children.computeIfAbsent(parent, x -> new ArrayList<>()).add(prefix);
          }
        }
        s[idx] += v;
        if (idx >= lookback) {
          actual.merge(prefix, r.amount(), BigDecimal::add);
        }
        parent = prefix;
      }
    }
    List<String> root = List.of();
    if (!series.containsKey(root)) {
      return List.of();
    }
    double deviation = deviation(root);
    if (deviation == 0) {
      return List.of();
    }
    double sign = Math.signum(deviation);
    List<RootCause> out = new ArrayList<>();
    descend(root, 1.0, sign, out);
    out.sort(Comparator.comparingDouble(RootCause::share).reversed());
    return out;
  }

  private void descend(List<String> node, double share, double sign, List<RootCause> out) {
    List<List<String>> kids = children.getOrDefault(node, List.of());
    double own = sign * deviation(node);
    double positive = 0;
    double[] dev = new double[kids.size()];
    for (int i = 0; i < kids.size(); i++) {
      dev[i] = Math.max(0, sign * deviation(kids.get(i)));
      positive += dev[i];
    }
    double denominator = Math.max(own, positive);
    boolean followed = false;
    if (denominator > 0) {
      for (int i = 0; i < kids.size(); i++) {
        double childShare = share * dev[i] / denominator;
        if (childShare >= minShare && childShare > 0) {
          followed = true;
          descend(kids.get(i), Math.min(1.0, childShare), sign, out);
        }
      }
    }
    if (!followed && !node.isEmpty()) {
      out.add(rootCause(node, share));
    }
  }

  private RootCause rootCause(List<String> node, double share) {
    List<DimensionValue> path = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      path.add(new DimensionValue(dimensions.get(i), node.get(i)));
    }
    BigDecimal exact = actual.getOrDefault(node, BigDecimal.ZERO);
    BigDecimal expected = BigDecimal.valueOf(expectedSum(node)).setScale(scale, RoundingMode.HALF_EVEN);
    return new RootCause(path, exact, expected, share);
  }

  private double deviation(List<String> node) {
    double[] s = series.get(node);
    double sum = 0;
    for (int t = lookback; t < s.length; t++) {
      sum += s[t];
    }
    return sum - expectedSum(node);
  }

  private double expectedSum(List<String> node) {
    double[] s = series.get(node);
    double sum = 0;
    for (int t = lookback; t < s.length; t++) {
      double e = Baseline.expected(s, t, period, cycles);
      sum += Double.isNaN(e) ? 0 : e;
    }
    return sum;
  }
}
