package io.stratus.scheduler.core;

import java.util.Arrays;
import java.util.Random;

/**
 * Random tiny batch-search problems (one dimension used, a few eligibility classes over a few bin types, no running
 * machines, no groups) and their exact optimum by enumerating every partition of the items (test helper).
 */
final class TinyBatches {
  final double[] dem;
  final int[] itemClass;
  final double[] cap;
  final double[] cost;
  final int[][] classAllowed;

  private TinyBatches(double[] dem, int[] itemClass, double[] cap, double[] cost, int[][] classAllowed) {
    this.dem = dem;
    this.itemClass = itemClass;
    this.cap = cap;
    this.cost = cost;
    this.classAllowed = classAllowed;
  }

  /** A random problem with 2 to {@code maxItems} items; about a third of the classes allow a single type. */
  static TinyBatches random(long seed, int maxItems) {
    Random r = new Random(seed);
    int types = 2 + r.nextInt(4);
    double[] cap = new double[types * BatchSearch.D];
    double[] cost = new double[types];
    for (int t = 0; t < types; t++) {
      cap[t * BatchSearch.D] = 1 + r.nextInt(16);
      cost[t] = 1 + r.nextInt(20);
    }
    int classes = 1 + r.nextInt(4);
    int[][] allowed = new int[classes][];
    for (int c = 0; c < classes; c++) {
      allowed[c] = r.nextInt(3) == 0
          ? new int[] {r.nextInt(types)}
          : r.ints(1 + r.nextInt(types), 0, types).distinct().toArray();
    }
    int items = 2 + r.nextInt(maxItems - 1);
    double[] dem = new double[items * BatchSearch.D];
    int[] itemClass = new int[items];
    for (int i = 0; i < items; i++) {
      dem[i * BatchSearch.D] = r.nextInt(11);
      itemClass[i] = r.nextInt(classes);
    }
    return new TinyBatches(dem, itemClass, cap, cost, allowed);
  }

  BatchSearch search(long seed) {
    return new BatchSearch(dem, itemClass, cap, cost, new boolean[cost.length], classAllowed,
        new int[itemClass.length], seed, BatchSearch.Groups.NONE);
  }

  /** Runs the search from its greedy start and construction; the number of steps until its best plan costs target. */
  long stepsTo(long seed, double target, long maxSteps) {
    BatchSearch s = search(seed);
    s.greedy();
    s.construct();
    s.startSearch();
    while (s.bestTotal() > target + 1e-9 && s.steps() < maxSteps) {
      s.step();
    }
    return s.bestTotal() > target + 1e-9 ? -1 : s.steps();
  }

  /** The best plan's cost after a number of steps from the greedy start and construction. */
  double bestAfter(long seed, long steps) {
    BatchSearch s = search(seed);
    s.greedy();
    s.construct();
    s.startSearch();
    while (s.steps() < steps) {
      s.step();
    }
    return s.bestTotal();
  }

  /** The least total cost of a plan that places every placeable item (one that some allowed type holds alone). */
  double optimum() {
    int n = itemClass.length;
    int[] items = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (cheapest(new int[] {i}, 1) >= 0) {
        items[m++] = i;
      }
    }
    int[] block = new int[m];
    return partitions(Arrays.copyOf(items, m), block, 0, 0);
  }

  private double partitions(int[] items, int[] block, int k, int blocks) {
    if (k == items.length) {
      double sum = 0;
      for (int b = 0; b < blocks; b++) {
        int[] members = new int[items.length];
        int count = 0;
        for (int x = 0; x < items.length; x++) {
          if (block[x] == b) {
            members[count++] = items[x];
          }
        }
        int t = cheapest(members, count);
        if (t < 0) {
          return Double.POSITIVE_INFINITY;
        }
        sum += cost[t];
      }
      return sum;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int b = 0; b <= blocks; b++) {
      block[k] = b;
      best = Math.min(best, partitions(items, block, k + 1, Math.max(blocks, b + 1)));
    }
    return best;
  }

  /** The cheapest type that every member's class allows and that holds their load, or -1. */
  private int cheapest(int[] members, int count) {
    double load = 0;
    for (int x = 0; x < count; x++) {
      load += dem[members[x] * BatchSearch.D];
    }
    int best = -1;
    for (int t = 0; t < cost.length; t++) {
      boolean ok = load <= cap[t * BatchSearch.D];
      for (int x = 0; x < count && ok; x++) {
        ok = contains(classAllowed[itemClass[members[x]]], t);
      }
      if (ok && (best < 0 || cost[t] < cost[best])) {
        best = t;
      }
    }
    return best;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
