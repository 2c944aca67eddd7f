package io.stratus.scheduler.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-snapshot tables derived from {@link Snapshot}'s columns that let a decision settle a whole group suffix (the
 * candidates of one group from some index to the group's end, which is what is left after the vCPU rule) with a few
 * comparisons instead of a pass over its candidates: the suffix minimum and maximum of every column a per-candidate
 * rule compares against, the suffix count of candidates priced in another currency, and the suffix's cheapest
 * candidate (by expected cost, then preference, then index) with its minimum and maximum expected cost. Minima and
 * maxima are {@link Math#min(double, double)} / {@link Math#max(double, double)} folds (exact, NaN-propagating, so a
 * NaN anywhere in a suffix makes it undecidable and the decision falls back to the per-candidate pass).
 *
 * <p>Also the group keys: the distinct (kind, purchase option, architecture, GPUs) combinations, so the group rules
 * are decided once per key and decision rather than once per group.
 *
 * <p>Built once per snapshot (O(n)); thread-safe: the arrays never change after construction, the per-class tables
 * are computed on first use into a concurrent map.
 */
final class Columns {
  private static final int MAX_CLASSES = 256;

  final Snapshot snapshot;
  final double[] minMemory;
  final double[] maxMemory;
  final double[] minNetwork;
  final double[] maxNetwork;
  final double[] minInterruption;
  final double[] maxInterruption;
  final double[] minPrice;
  final double[] maxPrice;
  final double[] minCost;
  final double[] maxCost;
  /** The cheapest candidate of the suffix: lowest expected cost, then preference, then index. */
  final int[] cheapest;
  /** Candidates priced in another currency among {@code [0, i)}. */
  final int[] otherCurrencyBefore;
  /** The group key of each group. */
  final int[] groupKey;
  /** Per group key: kind, purchase ordinal, architecture ordinal, GPUs. */
  final byte[] keyKind;
  final byte[] keyPurchase;
  final byte[] keyArch;
  final int[] keyGpus;
  /** The end (exclusive) of each candidate's group. */
  final int[] groupEnd;

  private final Map<Snapshot.ClassTable, PerClass> perClass = new ConcurrentHashMap<>();

  /** Suffix minima and maxima of one workload class's CPU scores and failure rates. */
  static final class PerClass {
    final double[] minCpu;
    final double[] maxCpu;
    final double[] minFailure;
    final double[] maxFailure;

    PerClass(Columns c, Snapshot.ClassTable t) {
      int n = c.snapshot.n;
      minCpu = new double[n];
      maxCpu = new double[n];
      minFailure = new double[n];
      maxFailure = new double[n];
      c.suffix(t.cpuScore, minCpu, maxCpu);
      c.suffix(t.failureRate, minFailure, maxFailure);
    }
  }

  Columns(Snapshot s) {
    this.snapshot = s;
    int n = s.n;
    groupEnd = new int[n];
    int groups = s.groupStart.length - 1;
    for (int g = 0; g < groups; g++) {
      for (int i = s.groupStart[g]; i < s.groupStart[g + 1]; i++) {
        groupEnd[i] = s.groupStart[g + 1];
      }
    }
    minMemory = new double[n];
    maxMemory = new double[n];
    suffix(s.memory, minMemory, maxMemory);
    minNetwork = new double[n];
    maxNetwork = new double[n];
    suffix(s.network, minNetwork, maxNetwork);
    minInterruption = new double[n];
    maxInterruption = new double[n];
    suffix(s.interruption, minInterruption, maxInterruption);
    minPrice = new double[n];
    maxPrice = new double[n];
    suffix(s.price, minPrice, maxPrice);
    minCost = new double[n];
    maxCost = new double[n];
    suffix(s.expectedCost, minCost, maxCost);
    cheapest = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      int next = i + 1;
      cheapest[i] = next < groupEnd[i] && Engine.cheaper(s, cheapest[next], i) ? cheapest[next] : i;
    }
    otherCurrencyBefore = new int[n + 1];
    for (int i = 0; i < n; i++) {
      otherCurrencyBefore[i + 1] = otherCurrencyBefore[i] + (s.otherCurrency[i] ? 1 : 0);
    }
    groupKey = new int[groups];
    Map<Long, Integer> keys = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      int i = s.groupStart[g];
      long key = ((long) s.gpus[i] << 24) | ((s.kind[i] & 0xffL) << 16) | ((s.purchase[i] & 0xffL) << 8)
          | (s.arch[i] & 0xffL);
      Integer k = keys.get(key);
      if (k == null) {
        k = keys.size();
        keys.put(key, k);
      }
      groupKey[g] = k;
    }
    keyKind = new byte[keys.size()];
    keyPurchase = new byte[keys.size()];
    keyArch = new byte[keys.size()];
    keyGpus = new int[keys.size()];
    for (int g = 0; g < groups; g++) {
      int i = s.groupStart[g];
      int k = groupKey[g];
      keyKind[k] = s.kind[i];
      keyPurchase[k] = s.purchase[i];
      keyArch[k] = s.arch[i];
      keyGpus[k] = s.gpus[i];
    }
  }

  private void suffix(double[] values, double[] min, double[] max) {
    for (int i = values.length - 1; i >= 0; i--) {
      double v = values[i];
      int next = i + 1;
      if (next < groupEnd[i]) {
        min[i] = Math.min(v, min[next]);
        max[i] = Math.max(v, max[next]);
      } else {
        min[i] = v;
        max[i] = v;
      }
    }
  }

  /**
   * The suffix tables of a workload class's CPU scores and failure rates.
   *
   * @param t the class table of {@link #snapshot}
   * @return the tables; shared, never modified
   */
  PerClass perClass(Snapshot.ClassTable t) {
    PerClass p = perClass.get(t);
    if (p != null) {
      return p;
    }
    if (perClass.size() >= MAX_CLASSES) {
      perClass.clear();
    }
    return perClass.computeIfAbsent(t, table -> new PerClass(this, table));
  }
}
