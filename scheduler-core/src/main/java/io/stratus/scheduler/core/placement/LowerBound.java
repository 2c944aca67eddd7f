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
 * coordinate ascent then a projected subgradient ascent improve {@code y}; the best {@code L(y)} is returned, and at
 * least the largest over items of the cheapest bin type that can hold the item.
 */
final class LowerBound {
  private static final int ROUNDS = 30;
  private static final int SUBGRADIENT_STEPS = 400;

  private LowerBound() {}

  static double compute(PlacementProblem p, boolean[] include) {
    return compute(p, include, new double[p.dimensions()]);
  }

  /**
   * Computes the bound and writes the multipliers that gave it (prices per unit of each dimension) into {@code
   * prices} (all zero when the bound comes from single items or nothing is included).
   */
  static double compute(PlacementProblem p, boolean[] include, double[] prices) {
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
        if (after > best) {
          best = after;
          System.arraycopy(y, 0, prices, 0, d);
        }
        if (after <= before * (1 + 1e-12)) {
          break;
        }
      }
    }
    // Coordinate ascent stalls where the optimum needs several prices to move at once (a price shifting from cpu to
    // network, say): a projected subgradient ascent, in units scaled by each dimension's demand, continues from the
    // best point.
    if (best > 0 && d > 1) {
      System.arraycopy(prices, 0, y, 0, d);
      double[] g = new double[d];
      for (int j = 0; j < SUBGRADIENT_STEPS; j++) {
        subgradient(y, total, cap, cost, m, d, types, g);
        double norm = 0;
        for (int k = 0; k < d; k++) {
          double u = total[k] > 0 ? g[k] / total[k] : 0;
          norm += u * u;
        }
        if (norm == 0) {
          break;
        }
        double h = 0.05 / Math.sqrt(j + 1.0) / Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
          if (total[k] > 0) {
            y[k] = Math.max(0, y[k] + h * (g[k] / total[k]) * best / total[k]);
          }
        }
        double value = evaluate(y, total, cap, cost, m, d, types);
        if (value > best) {
          best = value;
          System.arraycopy(y, 0, prices, 0, d);
        }
      }
    }
    double bound = Math.max(best, itemBound);
    // Guard against rounding pushing the bound above an exactly tight optimum.
    return Math.max(0, bound - 1e-9 * Math.abs(bound));
  }

  /** A subgradient of L at y: demand minus the capacity of the bin types whose priced capacity exceeds their cost. */
  private static void subgradient(
      double[] y, double[] total, double[] cap, double[] cost, double[] m, int d, int types, double[] g) {
    System.arraycopy(total, 0, g, 0, d);
    for (int t = 0; t < types; t++) {
      if (m[t] == 0) {
        continue;
      }
      double a = 0;
      for (int k = 0; k < d; k++) {
        a += cap[t * d + k] * y[k];
      }
      if (a > cost[t]) {
        for (int k = 0; k < d; k++) {
          g[k] -= m[t] * cap[t * d + k];
        }
      }
    }
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
