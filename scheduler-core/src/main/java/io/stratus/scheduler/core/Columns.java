package io.stratus.scheduler.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-snapshot facts derived from {@link Snapshot}'s columns that the decision loop uses to skip work: the group
 * keys (the distinct kind, purchase option, architecture and GPU combinations, so the group rules are decided once
 * per key and decision rather than once per group), the currency rule as a numeric column, and the range of every
 * column a per-candidate rule compares against (a rule that no candidate of the snapshot can fail is not checked
 * per candidate at all). Ranges are {@link Math#min(double, double)} / {@link Math#max(double, double)} folds: a NaN
 * anywhere makes the range NaN and the rule is then always checked.
 *
 * <p>Built once per snapshot (O(n)); thread-safe: nothing changes after construction except the per-class ranges,
 * computed on first use into a concurrent map.
 */
final class Columns {
  private static final int MAX_CLASSES = 256;

  final Snapshot snapshot;
  /** 1 for candidates priced in another currency than the snapshot's, else 0. */
  final double[] otherCurrency;
  /** Per column, whether {@link #signSafe} holds. */
  final boolean vcpuSignSafe;
  final boolean memorySignSafe;
  final boolean networkSignSafe;
  final boolean interruptionSignSafe;
  final boolean priceSignSafe;
  final double minMemory;
  final double minNetwork;
  final double maxInterruption;
  final double maxPrice;
  /**
   * Per group g, at {@code g * STRIDE + offset}: the minimum and maximum over the group of memory ({@link #MEMORY}),
   * network ({@link #NETWORK}), interruption rate ({@link #INTERRUPTION}), price ({@link #PRICE}) and the currency
   * column ({@link #CURRENCY}); one group's ranges share a cache line or two.
   */
  final double[] groupRange;

  static final int STRIDE = 10;
  static final int MEMORY = 0;
  static final int NETWORK = 2;
  static final int INTERRUPTION = 4;
  static final int PRICE = 6;
  static final int CURRENCY = 8;
  /** Per-class group ranges: CPU score at {@code g * CLASS_STRIDE}, failure rate at {@code g * CLASS_STRIDE + 2}. */
  static final int CLASS_STRIDE = 4;

  /** The lowest expected cost from candidate i to the end of its group ({@link Math#min} fold). */
  final double[] minCostFrom;
  /** Whether the spread of expected costs is finite: a cost-only score then normalizes to exactly 1. */
  final boolean costSpreadFinite;

  /** The group key of each group. */
  final int[] groupKey;
  /** Per group key: kind, purchase ordinal, architecture ordinal, GPUs. */
  final byte[] keyKind;
  final byte[] keyPurchase;
  final byte[] keyArch;
  final int[] keyGpus;

  private final Map<Snapshot.ClassTable, PerClass> perClass = new ConcurrentHashMap<>();

  /** The ranges of one workload class's CPU scores and failure rates. */
  static final class PerClass {
    final double minCpu;
    final double maxCpu;
    final double minFailure;
    final double maxFailure;
    /** Per group: minimum and maximum CPU score, then minimum and maximum failure rate. */
    final double[] groupRange;
    final boolean cpuSignSafe;
    final boolean failureSignSafe;
    /** Whether every CPU score (failure rate) is the same value, bit for bit. */
    final boolean cpuConstant;
    final boolean failureConstant;

    PerClass(Snapshot s, Snapshot.ClassTable t) {
      int groups = s.groupStart.length - 1;
      groupRange = new double[groups * CLASS_STRIDE];
      for (int g = 0; g < groups; g++) {
        range(t.cpuScore, s.groupStart[g], s.groupStart[g + 1], groupRange, g * CLASS_STRIDE);
        range(t.failureRate, s.groupStart[g], s.groupStart[g + 1], groupRange, g * CLASS_STRIDE + 2);
      }
      cpuSignSafe = signSafe(t.cpuScore);
      failureSignSafe = signSafe(t.failureRate);
      minCpu = min(t.cpuScore);
      maxCpu = max(t.cpuScore);
      minFailure = min(t.failureRate);
      maxFailure = max(t.failureRate);
      cpuConstant = t.cpuScore.length > 0
          && Double.doubleToRawLongBits(minCpu) == Double.doubleToRawLongBits(maxCpu) && !Double.isNaN(minCpu);
      failureConstant = t.failureRate.length > 0
          && Double.doubleToRawLongBits(minFailure) == Double.doubleToRawLongBits(maxFailure)
          && !Double.isNaN(minFailure);
    }
  }

  Columns(Snapshot s) {
    this.snapshot = s;
    int n = s.n;
    otherCurrency = new double[n];
    for (int i = 0; i < n; i++) {
      otherCurrency[i] = s.otherCurrency[i] ? 1 : 0;
    }
    vcpuSignSafe = signSafe(s.vcpus);
    memorySignSafe = signSafe(s.memory);
    networkSignSafe = signSafe(s.network);
    interruptionSignSafe = signSafe(s.interruption);
    priceSignSafe = signSafe(s.price);
    minMemory = min(s.memory);
    minNetwork = min(s.network);
    maxInterruption = max(s.interruption);
    maxPrice = max(s.price);
    int groups = s.groupStart.length - 1;
    groupRange = new double[groups * STRIDE];
    for (int g = 0; g < groups; g++) {
      int from = s.groupStart[g];
      int to = s.groupStart[g + 1];
      range(s.memory, from, to, groupRange, g * STRIDE + MEMORY);
      range(s.network, from, to, groupRange, g * STRIDE + NETWORK);
      range(s.interruption, from, to, groupRange, g * STRIDE + INTERRUPTION);
      range(s.price, from, to, groupRange, g * STRIDE + PRICE);
      range(otherCurrency, from, to, groupRange, g * STRIDE + CURRENCY);
    }
    minCostFrom = new double[n];
    for (int g = 0; g < groups; g++) {
      double lo = Double.POSITIVE_INFINITY;
      for (int i = s.groupStart[g + 1] - 1; i >= s.groupStart[g]; i--) {
        lo = Math.min(lo, s.expectedCost[i]);
        minCostFrom[i] = lo;
      }
    }
    costSpreadFinite = Double.isFinite(max(s.expectedCost) - min(s.expectedCost));
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

  /** Writes the minimum and maximum of {@code values[from, to)} to {@code out[at]} and {@code out[at + 1]}. */
  static void range(double[] values, int from, int to, double[] out, int at) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    out[at] = lo;
    out[at + 1] = hi;
  }

  /**
   * Whether every value is finite and none is {@code -0.0}: then for a limit t that is neither NaN nor {@code -0.0},
   * {@code v < t} is exactly the sign bit of {@code v - t} and {@code v > t} that of {@code t - v} (the difference of
   * two different doubles is never zero, of equal ones {@code +0.0}; an infinite limit gives an infinite difference
   * of the right sign), which the decision loop computes without a branch.
   *
   * @param values a column
   * @return true when the sign test is exact for it
   */
  static boolean signSafe(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v) || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
        return false;
      }
    }
    return true;
  }

  static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * The ranges of a workload class's CPU scores and failure rates.
   *
   * @param t the class table of {@link #snapshot}
   * @return the ranges; shared, never modified
   */
  PerClass perClass(Snapshot.ClassTable t) {
    PerClass p = perClass.get(t);
    if (p != null) {
      return p;
    }
    if (perClass.size() >= MAX_CLASSES) {
      perClass.clear();
    }
    return perClass.computeIfAbsent(t, table -> new PerClass(snapshot, table));
  }
}
