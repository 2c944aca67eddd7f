package io.stratus.scheduler.core.placement;

import java.util.Random;

/** Random tiny problems and an exact brute-force optimum for them (test helper). */
final class TinyProblems {
  private TinyProblems() {}

  /** A random problem with at most {@code maxItems} items and 3 bin types of small counts. */
  static PlacementProblem random(long seed, int maxItems) {
    Random r = new Random(seed);
    int d = 1 + r.nextInt(3);
    PlacementProblem.Builder b = PlacementProblem.builder(d);
    int types = 1 + r.nextInt(3);
    for (int t = 0; t < types; t++) {
      b.addBinType(vector(r, d, 1, 16), r.nextInt(21), 1 + r.nextInt(3));
    }
    int items = 1 + r.nextInt(maxItems);
    for (int i = 0; i < items; i++) {
      int[] allowed = null;
      if (r.nextInt(4) == 0) {
        allowed = r.ints(1 + r.nextInt(types), 0, types).toArray();
      }
      b.addItem(vector(r, d, 0, 11), r.nextInt(3), allowed);
    }
    return b.build();
  }

  private static double[] vector(Random r, int d, int min, int max) {
    double[] v = new double[d];
    for (int k = 0; k < d; k++) {
      v[k] = min + r.nextInt(max - min);
    }
    return v;
  }

  /** The problem with one more bin type appended. */
  static PlacementProblem withExtraType(PlacementProblem p, double[] capacity, double cost, int maxCount) {
    PlacementProblem.Builder b = PlacementProblem.builder(p.dimensions());
    int types = p.binTypeCount();
    for (int t = 0; t < types; t++) {
      double[] c = new double[p.dimensions()];
      for (int k = 0; k < c.length; k++) {
        c[k] = p.capacity(t, k);
      }
      b.addBinType(c, p.openingCost(t), p.maxCount(t));
    }
    b.addBinType(capacity, cost, maxCount);
    for (int i = 0; i < p.itemCount(); i++) {
      double[] dem = new double[p.dimensions()];
      for (int k = 0; k < dem.length; k++) {
        dem[k] = p.demand(i, k);
      }
      int count = 0;
      int[] allowed = new int[types + 1];
      for (int t = 0; t < types; t++) {
        if (p.isAllowed(i, t)) {
          allowed[count++] = t;
        }
      }
      allowed[count++] = types; // the new type is allowed for every item
      b.addItem(dem, p.priority(i), java.util.Arrays.copyOf(allowed, count));
    }
    return b.build();
  }

  /**
   * The exact minimum cost of placing exactly the items of {@code mustPlace} (others ignored), or +infinity when
   * they cannot all be placed.
   */
  static double optimum(PlacementProblem p, boolean[] mustPlace) {
    int types = p.binTypeCount();
    int d = p.dimensions();
    int slots = 0;
    for (int t = 0; t < types; t++) {
      slots += Math.min(p.maxCount(t), p.itemCount());
    }
    int[] slotType = new int[slots];
    int[] slotInstance = new int[slots];
    int s = 0;
    for (int t = 0; t < types; t++) {
      for (int c = 0; c < Math.min(p.maxCount(t), p.itemCount()); c++) {
        slotType[s] = t;
        slotInstance[s++] = c;
      }
    }
    double[] load = new double[slots * d];
    int[] size = new int[slots];
    double[] best = {Double.POSITIVE_INFINITY};
    search(p, mustPlace, 0, 0, slotType, slotInstance, load, size, best);
    return best[0];
  }

  private static void search(
      PlacementProblem p,
      boolean[] must,
      int item,
      double cost,
      int[] slotType,
      int[] slotInstance,
      double[] load,
      int[] size,
      double[] best) {
    if (cost >= best[0]) {
      return;
    }
    if (item == p.itemCount()) {
      best[0] = cost;
      return;
    }
    if (!must[item]) {
      search(p, must, item + 1, cost, slotType, slotInstance, load, size, best);
      return;
    }
    int d = p.dimensions();
    for (int s = 0; s < slotType.length; s++) {
      int t = slotType[s];
      // symmetry: an empty instance may be used only if the previous instance of its type is in use
      if (size[s] == 0 && slotInstance[s] > 0 && size[s - 1] == 0) {
        continue;
      }
      if (!p.isAllowed(item, t)) {
        continue;
      }
      boolean fits = true;
      for (int k = 0; k < d && fits; k++) {
        fits = PlacementProblem.fits(load[s * d + k] + p.demand(item, k), p.capacity(t, k));
      }
      if (!fits) {
        continue;
      }
      for (int k = 0; k < d; k++) {
        load[s * d + k] += p.demand(item, k);
      }
      size[s]++;
      double added = size[s] == 1 ? p.openingCost(t) : 0;
      search(p, must, item + 1, cost + added, slotType, slotInstance, load, size, best);
      size[s]--;
      for (int k = 0; k < d; k++) {
        load[s * d + k] -= p.demand(item, k);
      }
    }
  }
}
