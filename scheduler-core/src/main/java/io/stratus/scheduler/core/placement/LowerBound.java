package io.stratus.scheduler.core.placement;

import java.util.Arrays;

/**
 * A lower bound on the cost of placing a set of items. Stateless.
 *
 * <p>The relaxation drops integrality and allowed sets: choose fractional bin counts {@code 0 <= x_t <= m_t} of
 * minimum cost {@code sum c_t x_t} whose capacity covers the total demand in every dimension, where {@code m_t} is
 * the bin type's maximum count capped at the number of items that fit it alone (each opened bin holds one such item).
 * Every multiplier vector {@code y >= 0} gives a valid bound by weak duality:
 *
 * <pre>{@code L(y) = sum_k D_k y_k - sum_t m_t * max(0, sum_k cap_tk y_k - c_t)}</pre>
 *
 * Starting from each single dimension's fractional covering optimum (the greedy by cost per unit of capacity),
 * coordinate ascent improves {@code y}; the best {@code L(y)} is returned, and at least the largest over items of the
 * cheapest bin type that can hold the item.
 */
final class LowerBound {
  private static final int ROUNDS = 30;

  private LowerBound() {}

  static double compute(PlacementProblem p, boolean[] include) {
    int d = p.dimensions();
    int types = p.binTypeCount();
    int n = p.itemCount();
    double[] dem = p.rawDemands();
    double[] cap = p.rawCapacities();
    double[] cost = p.rawOpeningCosts();
    int[] rawMax = p.rawMaxCounts();
    double[] total = new double[d];
    int[] fitting = new int[types];
    double itemBound = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (!include[i]) {
        continue;
      }
      any = true;
      double cheapest = Double.POSITIVE_INFINITY;
      for (int k = 0; k < d; k++) {
        total[k] += dem[i * d + k];
      }
      for (int t = 0; t < types; t++) {
        if (!p.isAllowed(i, t)) {
          continue;
        }
        boolean fits = true;
        for (int k = 0; k < d && fits; k++) {
          fits = PlacementProblem.fits(dem[i * d + k], cap[t * d + k]);
        }
        if (fits) {
          fitting[t]++;
          cheapest = Math.min(cheapest, cost[t]);
        }
      }
      if (cheapest < Double.POSITIVE_INFINITY) {
        itemBound = Math.max(itemBound, cheapest);
      }
    }
    if (!any) {
      return 0;
    }
    double[] m = new double[types];
    for (int t = 0; t < types; t++) {
      m[t] = Math.min(rawMax[t], fitting[t]);
    }
    double best = 0;
    double[] y = new double[d];
    double[] other = new double[types];
    double[] breaks = new double[types];
    int[] idx = new int[types];
    for (int start = 0; start < d; start++) {
      Arrays.fill(y, 0);
      for (int round = 0; round < ROUNDS; round++) {
        double before = evaluate(y, total, cap, cost, m, d, types);
        for (int step = 0; step < d; step++) {
          int k = (start + step) % d;
          y[k] = maximizeCoordinate(k, y, total[k], cap, cost, m, d, types, other, breaks, idx);
        }
        double after = evaluate(y, total, cap, cost, m, d, types);
        best = Math.max(best, after);
        if (after <= before * (1 + 1e-12)) {
          break;
        }
      }
    }
    double bound = Math.max(best, itemBound);
    // Guard against rounding pushing the bound above an exactly tight optimum.
    return Math.max(0, bound - 1e-9 * Math.abs(bound));
  }

  static double evaluate(double[] y, double[] total, double[] cap, double[] cost, double[] m, int d, int types) {
    double value = 0;
    for (int k = 0; k < d; k++) {
      value += total[k] * y[k];
    }
    for (int t = 0; t < types; t++) {
      if (m[t] == 0) {
        continue;
      }
      double a = 0;
      for (int k = 0; k < d; k++) {
        a += cap[t * d + k] * y[k];
      }
      if (a > cost[t]) {
        value -= m[t] * (a - cost[t]);
      }
    }
    return value;
  }

  private static double maximizeCoordinate(
      int k,
      double[] y,
      double demand,
      double[] cap,
      double[] cost,
      double[] m,
      int d,
      int types,
      double[] other,
      double[] breaks,
      int[] idx) {
    if (demand <= 0) {
      return 0;
    }
    double slope = demand;
    int count = 0;
    for (int t = 0; t < types; t++) {
      double c = cap[t * d + k];
      if (m[t] == 0 || c <= 0) {
        continue;
      }
      double o = 0;
      for (int j = 0; j < d; j++) {
        if (j != k) {
          o += cap[t * d + j] * y[j];
        }
      }
      other[t] = o;
      double b = (cost[t] - o) / c;
      if (b <= 0) {
        slope -= m[t] * c;
      } else {
        breaks[count] = b;
        idx[count++] = t;
      }
    }
    if (slope <= 0) {
      return 0;
    }
    sortByBreak(breaks, idx, count);
    double last = 0;
    for (int x = 0; x < count; x++) {
      int t = idx[x];
      last = breaks[x];
      slope -= m[t] * cap[t * d + k];
      if (slope <= 0) {
        return last;
      }
    }
    return last; // capacity cannot cover the demand even fractionally; stay at the last breakpoint
  }

  private static void sortByBreak(double[] breaks, int[] idx, int count) {
    Integer[] order = new Integer[count];
    for (int x = 0; x < count; x++) {
      order[x] = x;
    }
    Arrays.sort(order, (a, b) -> Double.compare(breaks[a], breaks[b]));
    double[] b2 = new double[count];
    int[] i2 = new int[count];
    for (int x = 0; x < count; x++) {
      b2[x] = breaks[order[x]];
      i2[x] = idx[order[x]];
    }
    System.arraycopy(b2, 0, breaks, 0, count);
    System.arraycopy(i2, 0, idx, 0, count);
  }
}
