package io.stratus.scheduler.core;

import io.stratus.scheduler.core.internal.RuinRecreateSearch;
import java.util.Arrays;

/**
 * The search of one batch placement over reduced candidates: variable-sized bin packing where every bin can be
 * re-typed to any bin type all its items allow. Not thread-safe; one instance per plan.
 *
 * <p>The plan starts as the per-workload greedy plan (each item alone on its cheapest allowed bin type, or on a
 * running machine with room, at cost 0); a marginal-cost construction (items by decreasing greedy cost, each into the
 * open bin whose re-typing to the cheapest type holding it costs least, or alone) competes with it, and the cheaper
 * one is kept. Ruin and recreate steps (empty one or two bins or pick a few items, reinsert each at its least marginal
 * cost) with late acceptance improve it. Every bin always has the cheapest type its items allow for its load (types
 * go up on insertion, down on removal), so the search never holds a bin it could re-type cheaper. The best plan is
 * never worse than the greedy one.
 *
 * <p>Items in placement groups ({@link Groups}) are inserted by a slower path that checks the per-bin cap, the hard
 * spreads (incremental Kubernetes rule) and prices the soft spreads' penalty change; a bin holding a member of a
 * spread group is only re-typed within its region. A step whose result breaks a hard spread is undone. Without
 * groups the search is the same, step for step.
 *
 * <p>Costs in steps depend on the number of items, open bins and the reduced bin types of the items' classes, never
 * on the size of the catalog.
 */
final class BatchSearch extends RuinRecreateSearch {
  static final int D = 4;

  /**
   * The placement groups of one batch, as indices: each item's group, each group's cap per bin and spread
   * constraints, and each bin type's domain per topology (0: region, 1: provider). Immutable after construction.
   */
  static final class Groups {
    static final Groups NONE = new Groups(new int[0], new int[0], new int[0][], new int[0], new int[0], new boolean[0],
        new int[0][], new int[0]);

    /** Per item, its group or -1; empty if no item is in a group. */
    final int[] itemGroup;
    /** Per group, the most members one bin may hold. */
    final int[] maxPerBin;
    /** Per group, its spread constraints (indices into the per-spread arrays). */
    final int[][] groupSpreads;
    /** Per spread constraint: its topology (0: region, 1: provider), maximum skew, and whether it is hard. */
    final int[] topology;
    final int[] maxSkew;
    final boolean[] hard;
    /** Per topology, each bin type's domain. */
    final int[][] typeDomain;
    /** Per topology, the number of domains. */
    final int[] domains;

    Groups(int[] itemGroup, int[] maxPerBin, int[][] groupSpreads, int[] topology, int[] maxSkew,
        boolean[] hard, int[][] typeDomain, int[] domains) {
      this.itemGroup = itemGroup;
      this.maxPerBin = maxPerBin;
      this.groupSpreads = groupSpreads;
      this.topology = topology;
      this.maxSkew = maxSkew;
      this.hard = hard;
      this.typeDomain = typeDomain;
      this.domains = domains;
    }
  }
  private static final int HISTORY = 32;

  // Problem.
  private final int n;
  private final double[] dem;
  private final int[] itemClass;
  private final int[] priority;
  private final int types;
  private final double[] cap;
  private final double[] cost;
  /** Running machines: one bin each, cost 0, never re-typed. */
  private final boolean[] fixedType;
  /** Per class: the offer types (not running machines) it allows, by cost then index. */
  private final int[][] classTypes;
  private final double[][] classTypeCost;
  /** Per class: the running machines it allows. */
  private final int[][] classFixed;
  /** allowedWords[t * words + w]: the classes that allow type t, as a bit set. */
  private final long[] typeClasses;
  private final int words;
  /** compatible[c * words + w]: the classes that share at least one offer type with class c. */
  private final long[] compatible;
  /** Per class, how many open bins other than running machines hold at least one of its items. */
  private final int[] classBins;

  // Per item.
  private final int[] greedyType;
  private final double[] greedyCost;

  // Bins: fixed bins 0..fixedCount-1 are the running machines; the others are created on demand.
  private int[] binType;
  private double[] binLoad;
  private int[] binSize;
  private int[] binHead;
  private long[] binClasses;
  private final int fixedCount;
  private int[] freeBins;
  private int freeCount;
  private int[] open;
  private int[] openPos;
  private int openCount;

  // Items.
  private final int[] itemBin;
  private final int[] itemNext;
  private final int[] itemPrev;
  private double total;
  private int unplaced;

  // Undo log: kind 0 = item moved (a = item, b = from bin), kind 1 = bin re-typed (a = bin, b = old type).
  private int[] logKind = new int[64];
  private int[] logA = new int[64];
  private int[] logB = new int[64];
  private int logSize;
  private boolean logging;

  // Best.
  private final int[] bestItemBin;
  private int[] bestBinType;
  private double bestTotal;
  private int bestUnplaced;
  private final double[] scratchLoad = new double[D];
  private final long[] scratchClasses;
  /** skipStamp[b] == stamp: bin b is skipped by the current noisy insertion. */
  private int[] skipStamp;
  private int stamp;
  private double greedyTotal;
  private int greedyPlaced;
  private double constructionTotal;
  private final int unplacedFloor;

  // Placement groups (all unused when no item is in a group).
  private final Groups groups;
  private final boolean grouped;
  /** Per spread: member count per domain, the eligible domains, and the soft penalty per unit of excess skew. */
  private final int[][] spreadCount;
  private final int[][] eligible;
  private final double[] spreadWeight;
  private final int[] spreadMin;
  private final int[] spreadMax;
  private final int[] spreadAtMin;
  private boolean anyHardSpread;
  private double penalty;
  private double bestPenalty;
  private double greedyPenalty;
  /** Per bin: how many of its items are in a group with a spread constraint (the bin keeps its region then). */
  private int[] binLocked;

  /**
   * @param dem item demands, {@code D} per item
   * @param itemClass each item's class
   * @param cap bin type capacities, {@code D} per type
   * @param cost bin type costs (0 for running machines)
   * @param fixedType which types are running machines
   * @param classAllowed per class, the types it allows (any order; checked against capacities per item)
   * @param priority each item's priority (higher first in the greedy plan and the construction)
   * @param seed the seed of the search's random choices
   */
  BatchSearch(
      double[] dem,
      int[] itemClass,
      double[] cap,
      double[] cost,
      boolean[] fixedType,
      int[][] classAllowed,
      int[] priority,
      long seed,
      Groups groups) {
    super(seed, itemClass.length, itemClass.length, HISTORY);
    this.n = itemClass.length;
    this.groups = groups;
    this.grouped = groups.itemGroup.length > 0;
    this.priority = priority;
    this.dem = dem;
    this.itemClass = itemClass;
    this.types = cost.length;
    this.cap = cap;
    this.cost = cost;
    this.fixedType = fixedType;
    int classes = classAllowed.length;
    this.words = Math.max(1, (classes + 63) >>> 6);
    this.typeClasses = new long[types * words];
    this.classTypes = new int[classes][];
    this.classTypeCost = new double[classes][];
    this.classFixed = new int[classes][];
    for (int c = 0; c < classes; c++) {
      int[] all = classAllowed[c];
      int offers = 0;
      for (int t : all) {
        typeClasses[t * words + (c >>> 6)] |= 1L << (c & 63);
        offers += fixedType[t] ? 0 : 1;
      }
      Integer[] sorted = new Integer[offers];
      int[] fixed = new int[all.length - offers];
      int o = 0;
      int f = 0;
      for (int t : all) {
        if (fixedType[t]) {
          fixed[f++] = t;
        } else {
          sorted[o++] = t;
        }
      }
      Arrays.sort(sorted, (a, b) -> cost[a] != cost[b] ? Double.compare(cost[a], cost[b]) : Integer.compare(a, b));
      classTypes[c] = new int[offers];
      classTypeCost[c] = new double[offers];
      for (int x = 0; x < offers; x++) {
        classTypes[c][x] = sorted[x];
        classTypeCost[c][x] = cost[sorted[x]];
      }
      Arrays.sort(fixed);
      classFixed[c] = fixed;
    }
    this.compatible = new long[classes * words];
    this.classBins = new int[classes];
    for (int c = 0; c < classes; c++) {
      for (int t : classAllowed[c]) {
        for (int w = 0; w < words; w++) {
          compatible[c * words + w] |= typeClasses[t * words + w];
        }
      }
    }
    int fixedTotal = 0;
    for (int t = 0; t < types; t++) {
      fixedTotal += fixedType[t] ? 1 : 0;
    }
    this.fixedCount = fixedTotal;
    this.scratchClasses = new long[words];
    int maxBins = fixedTotal + n + 1;
    binType = new int[maxBins];
    binLoad = new double[maxBins * D];
    binSize = new int[maxBins];
    binHead = new int[maxBins];
    binClasses = new long[maxBins * words];
    skipStamp = new int[maxBins];
    freeBins = new int[maxBins];
    open = new int[maxBins];
    openPos = new int[maxBins];
    Arrays.fill(openPos, -1);
    Arrays.fill(binHead, -1);
    int fixedBins = 0;
    for (int t = 0; t < types; t++) {
      if (fixedType[t]) {
        // Running machines stay open (at cost 0) even when empty, so that insertion sees them.
        binType[fixedBins] = t;
        openPos[fixedBins] = openCount;
        open[openCount++] = fixedBins;
        fixedBins++;
      }
    }
    for (int b = maxBins - 1; b >= fixedBins; b--) {
      freeBins[freeCount++] = b;
    }
    this.bestBinType = new int[maxBins];
    this.itemBin = new int[n];
    this.itemNext = new int[n];
    this.itemPrev = new int[n];
    this.bestItemBin = new int[n];
    Arrays.fill(itemBin, -1);
    this.greedyType = new int[n];
    this.greedyCost = new double[n];
    for (int i = 0; i < n; i++) {
      greedyType[i] = cheapestAlone(i);
      greedyCost[i] = greedyType[i] < 0 ? 0 : cost[greedyType[i]];
    }
    int spreads = groups.topology.length;
    this.spreadCount = new int[spreads][];
    this.eligible = new int[spreads][];
    this.spreadWeight = new double[spreads];
    this.spreadMin = new int[spreads];
    this.spreadMax = new int[spreads];
    this.spreadAtMin = new int[spreads];
    this.binLocked = new int[maxBins];
    initSpreads();
    this.unplaced = n;
    int floor = 0;
    for (int i = 0; i < n; i++) {
      floor += placeable(i) ? 0 : 1;
    }
    this.unplacedFloor = floor;
  }

  private int cheapestAlone(int i) {
    int[] list = classTypes[itemClass[i]];
    for (int t : list) {
      if (fitsEmpty(i, t)) {
        return t;
      }
    }
    return -1;
  }

  private boolean fitsEmpty(int i, int t) {
    for (int k = 0; k < D; k++) {
      if (dem[i * D + k] > tolerated(cap[t * D + k])) {
        return false;
      }
    }
    return true;
  }

  private static double tolerated(double capacity) {
    return capacity + 1e-9 * Math.max(1.0, capacity);
  }

  // ---------------------------------------------------------------- bookkeeping

  private boolean classAllows(int c, int t) {
    return (typeClasses[t * words + (c >>> 6)] & (1L << (c & 63))) != 0;
  }

  /** Whether every class present in bin b allows type t. */
  private boolean binAllows(int b, int t) {
    if (binLocked[b] > 0 && groups.typeDomain[0][t] != groups.typeDomain[0][binType[b]]) {
      return false;
    }
    int bw = b * words;
    int tw = t * words;
    for (int w = 0; w < words; w++) {
      if ((binClasses[bw + w] & ~typeClasses[tw + w]) != 0) {
        return false;
      }
    }
    return true;
  }

  private boolean fitsLoad(double[] load, int t) {
    int tb = t * D;
    for (int k = 0; k < D; k++) {
      if (load[k] > tolerated(cap[tb + k])) {
        return false;
      }
    }
    return true;
  }

  /** Takes a free bin and gives it type t (logged, so that undo restores the type it had when it was closed). */
  private int newBin(int t) {
    int b = freeBins[--freeCount];
    log(1, b, binType[b]);
    binType[b] = t;
    return b;
  }

  private void log(int kind, int a, int b) {
    if (!logging) {
      return;
    }
    if (logSize == logKind.length) {
      logKind = Arrays.copyOf(logKind, logSize * 2);
      logA = Arrays.copyOf(logA, logSize * 2);
      logB = Arrays.copyOf(logB, logSize * 2);
    }
    logKind[logSize] = kind;
    logA[logSize] = a;
    logB[logSize++] = b;
  }

  private void add(int i, int b) {
    if (grouped && groups.itemGroup[i] >= 0) {
      countMember(i, binType[b], 1);
      if (groups.groupSpreads[groups.itemGroup[i]].length > 0) {
        binLocked[b]++;
      }
    }
    if (binSize[b] == 0 && b >= fixedCount) {
      openPos[b] = openCount;
      open[openCount++] = b;
      total += cost[binType[b]];
    }
    binSize[b]++;
    itemBin[i] = b;
    itemPrev[i] = -1;
    itemNext[i] = binHead[b];
    if (binHead[b] >= 0) {
      itemPrev[binHead[b]] = i;
    }
    binHead[b] = i;
    for (int k = 0; k < D; k++) {
      binLoad[b * D + k] += dem[i * D + k];
    }
    int c = itemClass[i];
    int w = b * words + (c >>> 6);
    long bit = 1L << (c & 63);
    if ((binClasses[w] & bit) == 0) {
      binClasses[w] |= bit;
      if (b >= fixedCount) {
        classBins[c]++;
      }
    }
    unplaced--;
  }

  private void remove(int i) {
    int b = itemBin[i];
    if (grouped && groups.itemGroup[i] >= 0) {
      countMember(i, binType[b], -1);
      if (groups.groupSpreads[groups.itemGroup[i]].length > 0) {
        binLocked[b]--;
      }
    }
    if (itemPrev[i] >= 0) {
      itemNext[itemPrev[i]] = itemNext[i];
    } else {
      binHead[b] = itemNext[i];
    }
    if (itemNext[i] >= 0) {
      itemPrev[itemNext[i]] = itemPrev[i];
    }
    itemBin[i] = -1;
    unplaced++;
    if (b >= fixedCount) {
      System.arraycopy(binClasses, b * words, scratchClasses, 0, words);
    }
    if (--binSize[b] == 0) {
      Arrays.fill(binLoad, b * D, b * D + D, 0.0);
      Arrays.fill(binClasses, b * words, b * words + words, 0L);
      if (b < fixedCount) {
        return;
      }
      uncountClassesGone(b);
      int pos = openPos[b];
      int last = open[--openCount];
      open[pos] = last;
      openPos[last] = pos;
      openPos[b] = -1;
      total -= cost[binType[b]];
      freeBins[freeCount++] = b;
      return;
    }
    for (int k = 0; k < D; k++) {
      binLoad[b * D + k] -= dem[i * D + k];
    }
    // Recompute the classes present (bins are small).
    Arrays.fill(binClasses, b * words, b * words + words, 0L);
    for (int j = binHead[b]; j >= 0; j = itemNext[j]) {
      int c = itemClass[j];
      binClasses[b * words + (c >>> 6)] |= 1L << (c & 63);
    }
    if (b >= fixedCount) {
      uncountClassesGone(b);
    }
  }

  /** Counts down, in {@link #classBins}, the classes that bin b held before a removal (scratch) and holds no more. */
  private void uncountClassesGone(int b) {
    int bw = b * words;
    for (int w = 0; w < words; w++) {
      for (long gone = scratchClasses[w] & ~binClasses[bw + w]; gone != 0; gone &= gone - 1) {
        classBins[(w << 6) + Long.numberOfTrailingZeros(gone)]--;
      }
    }
  }

  /** Moves item i into bin b (-1: unplace), logged. Bin b must be of a type that holds it. */
  private void move(int i, int b) {
    int from = itemBin[i];
    log(0, i, from);
    if (from >= 0) {
      remove(i);
    }
    if (b >= 0) {
      add(i, b);
    }
  }

  private void retype(int b, int t) {
    int old = binType[b];
    if (old == t) {
      return;
    }
    log(1, b, old);
    if (binSize[b] > 0) {
      total += cost[t] - cost[old];
    }
    binType[b] = t;
  }

  @Override
  protected void undo() {
    boolean was = logging;
    logging = false;
    while (logSize > 0) {
      logSize--;
      if (logKind[logSize] == 1) {
        int b = logA[logSize];
        int old = logB[logSize];
        if (binSize[b] > 0) {
          total += cost[old] - cost[binType[b]];
        }
        binType[b] = old;
      } else {
        int i = logA[logSize];
        int from = logB[logSize];
        if (itemBin[i] >= 0) {
          remove(i);
        }
        if (from >= 0) {
          if (binSize[from] == 0 && from >= fixedCount) {
            takeFree(from);
          }
          add(i, from);
        }
      }
    }
    logging = was;
  }

  /** Takes a specific bin out of the free pool (used by undo to reopen a bin that was closed). */
  private void takeFree(int b) {
    for (int x = freeCount - 1; x >= 0; x--) {
      if (freeBins[x] == b) {
        freeBins[x] = freeBins[--freeCount];
        return;
      }
    }
  }

  /** The cheapest offer type that the classes of bin b allow and that holds its load, or -1. */
  private int cheapestTypeFor(int b) {
    int anyItem = binHead[b];
    int[] list = classTypes[itemClass[anyItem]];
    double[] load = Arrays.copyOfRange(binLoad, b * D, b * D + D);
    for (int t : list) {
      if (binAllows(b, t) && fitsLoad(load, t)) {
        return t;
      }
    }
    return -1;
  }

  /** After removals, moves bin b down to the cheapest type that still holds it. */
  private void retypeDown(int b) {
    if (b < fixedCount || binSize[b] == 0) {
      return;
    }
    int t = cheapestTypeFor(b);
    if (t >= 0 && cost[t] < cost[binType[b]] - EPS * Math.max(1, cost[binType[b]])) {
      retype(b, t);
    }
  }

  // ---------------------------------------------------------------- placement groups

  /**
   * Each spread's eligible domains (those of the bin types and running machines that some member is allowed and fits
   * alone) and its soft penalty weight (the mean cost of its members alone on their cheapest offer, so one unit of
   * excess skew weighs as much as an average member's own instance).
   */
  private void initSpreads() {
    int spreads = groups.topology.length;
    if (spreads == 0) {
      return;
    }
    boolean[][] seen = new boolean[spreads][];
    double[] sum = new double[spreads];
    int[] members = new int[spreads];
    for (int s = 0; s < spreads; s++) {
      seen[s] = new boolean[groups.domains[groups.topology[s]]];
      spreadCount[s] = new int[seen[s].length];
      anyHardSpread |= groups.hard[s];
    }
    for (int i = 0; i < n; i++) {
      int g = groups.itemGroup[i];
      if (g < 0 || groups.groupSpreads[g].length == 0) {
        continue;
      }
      int c = itemClass[i];
      for (int s : groups.groupSpreads[g]) {
        int[] domainOf = groups.typeDomain[groups.topology[s]];
        for (int t : classTypes[c]) {
          if (fitsEmpty(i, t)) {
            seen[s][domainOf[t]] = true;
          }
        }
        for (int t : classFixed[c]) {
          if (fitsEmpty(i, t)) {
            seen[s][domainOf[t]] = true;
          }
        }
        if (greedyType[i] >= 0) {
          sum[s] += greedyCost[i];
          members[s]++;
        }
      }
    }
    for (int s = 0; s < spreads; s++) {
      int count = 0;
      for (boolean e : seen[s]) {
        count += e ? 1 : 0;
      }
      eligible[s] = new int[count];
      int x = 0;
      for (int d = 0; d < seen[s].length; d++) {
        if (seen[s][d]) {
          eligible[s][x++] = d;
        }
      }
      spreadWeight[s] = members[s] > 0 && sum[s] > 0 ? sum[s] / members[s] : 1.0;
    }
  }

  /** Counts item i in (delta 1) or out of (delta -1) the domains of bin type t; keeps the soft penalty current. */
  private void countMember(int i, int t, int delta) {
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      double before = groups.hard[s] ? 0 : softPenalty(s);
      spreadCount[s][groups.typeDomain[groups.topology[s]][t]] += delta;
      if (!groups.hard[s]) {
        double change = softPenalty(s) - before;
        penalty += change;
        total += change;
      }
    }
  }

  /** Updates the smallest and largest member counts of spread s over its eligible domains. */
  private void scan(int s) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    int atMin = 0;
    for (int d : eligible[s]) {
      int v = spreadCount[s][d];
      if (v < min) {
        min = v;
        atMin = 1;
      } else if (v == min) {
        atMin++;
      }
      max = Math.max(max, v);
    }
    spreadMin[s] = min == Integer.MAX_VALUE ? 0 : min;
    spreadMax[s] = max;
    spreadAtMin[s] = atMin;
  }

  /** The skew of spread s: the largest member count of a domain minus the smallest of an eligible domain. */
  private int skew(int s) {
    scan(s);
    int max = spreadMax[s];
    for (int v : spreadCount[s]) {
      max = Math.max(max, v);
    }
    return max - spreadMin[s];
  }

  private double softPenalty(int s) {
    return spreadWeight[s] * Math.max(0, skew(s) - groups.maxSkew[s]);
  }

  /** Scans every spread of item i's group (call before {@link #domainOk} and {@link #penaltyDelta}). */
  private void prepare(int i) {
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      scan(s);
      if (!groups.hard[s]) {
        int max = spreadMax[s];
        for (int v : spreadCount[s]) {
          max = Math.max(max, v);
        }
        spreadMax[s] = max;
      }
    }
  }

  /**
   * Whether adding item i to a bin of type t keeps every hard spread of its group within its skew: the domain's count
   * plus one is at most the smallest eligible count plus the maximum skew (the Kubernetes rule), and the domain is
   * eligible.
   */
  private boolean domainOk(int i, int t) {
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      if (groups.hard[s]) {
        int d = groups.typeDomain[groups.topology[s]][t];
        if (spreadCount[s][d] + 1 > spreadMin[s] + groups.maxSkew[s] || Arrays.binarySearch(eligible[s], d) < 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** How much the soft penalty changes if item i goes into a bin of type t. */
  private double penaltyDelta(int i, int t) {
    double delta = 0;
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      if (groups.hard[s]) {
        continue;
      }
      int d = groups.typeDomain[groups.topology[s]][t];
      int v = spreadCount[s][d] + 1;
      boolean isEligible = Arrays.binarySearch(eligible[s], d) >= 0;
      int min = spreadMin[s];
      int max = spreadMax[s];
      int newMin = isEligible && v - 1 == min && spreadAtMin[s] == 1 ? min + 1 : min;
      int newMax = Math.max(max, v);
      int k = groups.maxSkew[s];
      delta += spreadWeight[s] * (Math.max(0, newMax - newMin - k) - Math.max(0, max - min - k));
    }
    return delta;
  }

  /** Whether bin b has room for one more member of item i's group. */
  private boolean capOk(int i, int b) {
    int g = groups.itemGroup[i];
    int cap = groups.maxPerBin[g];
    if (cap == Integer.MAX_VALUE) {
      return true;
    }
    int count = 0;
    for (int j = binHead[b]; j >= 0; j = itemNext[j]) {
      if (groups.itemGroup[j] == g && ++count >= cap) {
        return false;
      }
    }
    return true;
  }

  /**
   * Inserts unplaced item i of a placement group where it costs least with its group's rules: an open bin (as it is,
   * or re-typed up; within its region if the bin holds spread members) with room under the per-bin cap, or a new bin
   * of the cheapest type, each in a domain the hard spreads allow, the soft spreads' penalty change added to the
   * cost. With {@code fixedOnly}, open bins other than running machines are not considered (the greedy plan). With
   * noise, a random share of open bins is skipped. Returns false if nothing holds it.
   */
  private boolean insertGrouped(int i, double noise, boolean fixedOnly) {
    prepare(i);
    int c = itemClass[i];
    int ib = i * D;
    double[] load = scratchLoad;
    double bestDelta = Double.POSITIVE_INFINITY;
    int bestBin = -1;
    int bestType = -1;
    double bestSlack = Double.POSITIVE_INFINITY;
    int[] list = classTypes[c];
    double[] listCost = classTypeCost[c];
    double weightBound = spreadWeightBound(i);
    boolean fresh = false;
    for (int x = 0; x < list.length; x++) {
      int u = list[x];
      if (listCost[x] >= bestDelta + weightBound) {
        break;
      }
      if (fitsEmpty(i, u) && domainOk(i, u)) {
        double delta = listCost[x] + penaltyDelta(i, u);
        if (delta < bestDelta - EPS) {
          bestDelta = delta;
          bestBin = -1;
          bestType = u;
          fresh = true;
        }
      }
    }
    int limit = fixedOnly ? fixedCount : openCount;
    for (int p = 0; p < limit; p++) {
      int b = fixedOnly ? p : open[p];
      if (noise > 0 && rnd.nextDouble() < noise) {
        continue;
      }
      if (!capOk(i, b)) {
        continue;
      }
      int t = binType[b];
      int bb = b * D;
      for (int k = 0; k < D; k++) {
        load[k] = binLoad[bb + k] + dem[ib + k];
      }
      if (classAllows(c, t) && fitsLoad(load, t) && domainOk(i, t)) {
        double delta = penaltyDelta(i, t);
        double sl = slack(load, t);
        if (delta < bestDelta - EPS || (delta <= bestDelta + EPS && (fresh || sl < bestSlack))) {
          bestDelta = delta;
          bestBin = b;
          bestType = t;
          bestSlack = sl;
          fresh = false;
        }
        continue;
      }
      if (b < fixedCount || !compatibleWith(b, c)) {
        continue;
      }
      double base = cost[t];
      for (int x = lowerIndex(listCost, base); x < list.length; x++) {
        int u = list[x];
        double delta = listCost[x] - base;
        if (delta >= bestDelta + weightBound) {
          break;
        }
        if (binAllows(b, u) && fitsLoad(load, u) && domainOk(i, u)) {
          delta += penaltyDelta(i, u);
          if (delta < bestDelta - EPS) {
            bestDelta = delta;
            bestBin = b;
            bestType = u;
            bestSlack = Double.POSITIVE_INFINITY;
            fresh = false;
          }
        }
      }
    }
    if (bestType < 0) {
      return false;
    }
    if (fresh) {
      move(i, newBin(bestType));
      return true;
    }
    retype(bestBin, bestType);
    move(i, bestBin);
    return true;
  }

  /** Whether every class present in bin b shares an offer type with class c. */
  private boolean compatibleWith(int b, int c) {
    int cw = c * words;
    for (int w = 0; w < words; w++) {
      if ((binClasses[b * words + w] & ~compatible[cw + w]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The most the soft penalties of item i's group can fall by one insertion (0 if its group has only hard rules). */
  private double spreadWeightBound(int i) {
    double w = 0;
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      w += groups.hard[s] ? 0 : spreadWeight[s];
    }
    return w + EPS;
  }

  /** Whether every hard spread is within its maximum skew in the current plan. */
  private boolean hardSpreadsHold() {
    for (int s = 0; s < groups.hard.length; s++) {
      if (groups.hard[s] && skew(s) > groups.maxSkew[s]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why unplaced item i of a group cannot go anywhere in the current plan: the index of the first hard spread of its
   * group that no domain holding it allows, {@code -1} if the per-bin cap blocks it (it fits only running machines
   * that are full of members), or {@code -2} if its group is not the reason. Call after {@link #restoreBestPlan}.
   */
  int blockingRule(int i) {
    if (!grouped || groups.itemGroup[i] < 0 || itemBin[i] >= 0) {
      return -2;
    }
    prepare(i);
    int c = itemClass[i];
    for (int s : groups.groupSpreads[groups.itemGroup[i]]) {
      if (!groups.hard[s]) {
        continue;
      }
      boolean some = false;
      int[] domainOf = groups.typeDomain[groups.topology[s]];
      for (int t : classTypes[c]) {
        int d = domainOf[t];
        some |= fitsEmpty(i, t) && spreadCount[s][d] + 1 <= spreadMin[s] + groups.maxSkew[s];
      }
      for (int t : classFixed[c]) {
        int d = domainOf[t];
        some |= fitsEmpty(i, t) && spreadCount[s][d] + 1 <= spreadMin[s] + groups.maxSkew[s];
      }
      if (!some) {
        return s;
      }
    }
    if (greedyType[i] < 0 && groups.maxPerBin[groups.itemGroup[i]] != Integer.MAX_VALUE) {
      return -1;
    }
    return -2;
  }

  /** The member count of spread s per domain in the current plan (a copy). */
  int[] spreadCounts(int s) {
    return spreadCount[s].clone();
  }

  /** The eligible domains of spread s. */
  int[] eligibleDomains(int s) {
    return eligible[s].clone();
  }

  /** Makes the best plan the current one (for {@link #blockingRule} and {@link #spreadCounts}). */
  void restoreBestPlan() {
    restoreBest();
  }

  /** The soft spread penalty included in {@link #bestTotal()}. */
  double bestPenalty() {
    return bestPenalty;
  }

  /** The soft spread penalty included in {@link #greedyTotal()}. */
  double greedyPenalty() {
    return greedyPenalty;
  }

  // ---------------------------------------------------------------- insertion

  /**
   * Inserts unplaced item i where it costs least: an open bin that holds it as it is (cost 0; best fit among those),
   * an open bin re-typed up to the cheapest type that holds both, or a new bin of the item's cheapest type. With
   * noise, a random share of open bins is skipped. Returns false if nothing holds it.
   */
  private boolean insert(int i, double noise) {
    if (grouped && groups.itemGroup[i] >= 0) {
      return insertGrouped(i, noise, false);
    }
    int c = itemClass[i];
    double bestDelta = greedyType[i] >= 0 ? greedyCost[i] : Double.POSITIVE_INFINITY;
    int bestBin = -1;
    int bestType = greedyType[i];
    double bestSlack = Double.POSITIVE_INFINITY;
    double[] load = scratchLoad;
    int ib = i * D;
    int[] list = classTypes[c];
    double[] listCost = classTypeCost[c];
    // First pass: bins that hold the item as they are (best fit); such a bin costs nothing more.
    stamp++;
    for (int p = 0; p < openCount; p++) {
      int b = open[p];
      if (noise > 0 && rnd.nextDouble() < noise) {
        skipStamp[b] = stamp;
        continue;
      }
      int t = binType[b];
      if (!classAllows(c, t)) {
        continue;
      }
      int bb = b * D;
      for (int k = 0; k < D; k++) {
        load[k] = binLoad[bb + k] + dem[ib + k];
      }
      if (fitsLoad(load, t)) {
        double sl = slack(load, t);
        if (sl < bestSlack) {
          bestDelta = 0;
          bestBin = b;
          bestType = t;
          bestSlack = sl;
        }
      }
    }
    if (bestBin >= 0) {
      move(i, bestBin);
      return true;
    }
    // Second pass: bins re-typed up to the cheapest type that holds the item too.
    int cw = c * words;
    for (int p = 0; p < openCount && bestDelta > 0; p++) {
      int b = open[p];
      if (b < fixedCount || skipStamp[b] == stamp) {
        continue;
      }
      boolean compatibleBin = true;
      for (int w = 0; w < words && compatibleBin; w++) {
        compatibleBin = (binClasses[b * words + w] & ~compatible[cw + w]) == 0;
      }
      if (!compatibleBin) {
        continue;
      }
      int t = binType[b];
      int bb = b * D;
      for (int k = 0; k < D; k++) {
        load[k] = binLoad[bb + k] + dem[ib + k];
      }
      double base = cost[t];
      int from = lowerIndex(listCost, base);
      for (int x = from; x < list.length; x++) {
        double delta = listCost[x] - base;
        if (delta >= bestDelta - EPS * Math.max(1, bestDelta)) {
          break;
        }
        int u = list[x];
        if (binAllows(b, u) && fitsLoad(load, u)) {
          bestDelta = delta;
          bestBin = b;
          bestType = u;
          break;
        }
      }
    }
    if (bestBin < 0) {
      if (bestType < 0) {
        return false;
      }
      move(i, newBin(bestType));
      return true;
    }
    retype(bestBin, bestType);
    move(i, bestBin);
    return true;
  }

  private double slack(double[] load, int t) {
    double s = 0;
    for (int k = 0; k < D; k++) {
      double cp = cap[t * D + k];
      if (cp > 0) {
        s += (cp - load[k]) / cp;
      }
    }
    return s;
  }

  /** The first index whose cost is at least {@code value} minus a rounding tolerance. */
  private static int lowerIndex(double[] sorted, double value) {
    double v = value - EPS * Math.max(1, value);
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ---------------------------------------------------------------- starting plans

  /**
   * The per-workload greedy plan, by priority then input order: a running machine with room at cost 0, else the
   * cheapest offer.
   */
  void greedy() {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> priority[a] != priority[b]
        ? Integer.compare(priority[b], priority[a]) : Integer.compare(a, b));
    for (int i : order) {
      if (grouped && groups.itemGroup[i] >= 0) {
        insertGrouped(i, 0, true);
        continue;
      }
      int c = itemClass[i];
      int target = -1;
      for (int b = 0; b < fixedCount && target < 0; b++) {
        int t = binType[b];
        if (!classAllows(c, t)) {
          continue;
        }
        double[] load = scratchLoad;
        for (int k = 0; k < D; k++) {
          load[k] = binLoad[b * D + k] + dem[i * D + k];
        }
        if (fitsLoad(load, t)) {
          target = b;
        }
      }
      if (target < 0 && greedyType[i] >= 0) {
        target = newBin(greedyType[i]);
      }
      if (target >= 0) {
        add(i, target);
      }
    }
    greedyTotal = total;
    greedyPenalty = penalty;
    greedyPlaced = n - unplaced;
    saveBest();
  }

  /** The marginal-cost construction; kept if it beats the greedy plan (placing at least as many items). */
  void construct() {
    clear();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> priority[a] != priority[b] ? Integer.compare(priority[b], priority[a])
        : greedyCost[a] != greedyCost[b] ? Double.compare(greedyCost[b], greedyCost[a]) : Integer.compare(a, b));
    for (int i : order) {
      insert(i, 0);
    }
    constructionTotal = total;
    if (better()) {
      saveBest();
    } else {
      restoreBest();
    }
  }

  private void clear() {
    for (int i = 0; i < n; i++) {
      if (itemBin[i] >= 0) {
        remove(i);
      }
    }
  }

  @Override
  protected boolean better() {
    if (unplaced != bestUnplaced) {
      return unplaced < bestUnplaced;
    }
    return total < bestTotal - EPS * Math.max(1, bestTotal);
  }

  @Override
  protected void saveBest() {
    System.arraycopy(itemBin, 0, bestItemBin, 0, n);
    if (bestBinType.length < binType.length) {
      bestBinType = new int[binType.length];
    }
    System.arraycopy(binType, 0, bestBinType, 0, binType.length);
    bestTotal = total;
    bestPenalty = penalty;
    bestUnplaced = unplaced;
  }

  private void restoreBest() {
    clear();
    freeCount = 0;
    boolean[] used = new boolean[binType.length];
    for (int i = 0; i < n; i++) {
      if (bestItemBin[i] >= 0) {
        used[bestItemBin[i]] = true;
      }
    }
    // clear() pushed the closed bins back; rebuild the pool from the best plan.
    for (int b = binType.length - 1; b >= fixedCount; b--) {
      if (!used[b]) {
        freeBins[freeCount++] = b;
      }
    }
    System.arraycopy(bestBinType, 0, binType, 0, binType.length);
    for (int i = 0; i < n; i++) {
      if (bestItemBin[i] >= 0) {
        add(i, bestItemBin[i]);
      }
    }
    total = recomputeTotal();
  }

  private double recomputeTotal() {
    double sum = 0;
    for (int p = 0; p < openCount; p++) {
      sum += cost[binType[open[p]]];
    }
    if (grouped) {
      penalty = 0;
      for (int s = 0; s < groups.hard.length; s++) {
        penalty += groups.hard[s] ? 0 : softPenalty(s);
      }
      sum += penalty;
    }
    return sum;
  }

  // ---------------------------------------------------------------- local search

  /** Whether the search may stop: nothing to improve, or the best plan meets the target gap to the bound. */
  boolean done(double bound, double targetGap) {
    return bestUnplaced == unplacedFloor && (bestTotal <= 0 || bestTotal - bound <= targetGap * bestTotal);
  }

  /** Runs one ruin-and-recreate step with late acceptance; returns true if the best plan improved. */
  boolean step() {
    boolean improved = lateAcceptanceStep();
    if ((steps() & 1023) == 0) {
      total = recomputeTotal();
    }
    return improved;
  }

  @Override
  protected boolean perturb() {
    if (openCount == fixedCount && unplaced == 0) {
      return false;
    }
    int m = ruin();
    if (m == 0) {
      return false;
    }
    orderBuffer(m, greedyCost);
    double noise = rnd.nextDouble() < 0.5 ? 0 : 0.1;
    for (int x = 0; x < m; x++) {
      insert(buffer[x], noise);
    }
    return true;
  }

  @Override
  protected boolean acceptable() {
    return !anyHardSpread || hardSpreadsHold();
  }

  @Override
  protected double cost() {
    return total;
  }

  @Override
  protected void restoreCost(double cost) {
    total = cost;
  }

  @Override
  protected int unplaced() {
    return unplaced;
  }

  @Override
  protected void beginStep() {
    logSize = 0;
    logging = true;
  }

  @Override
  protected void endStep() {
    logging = false;
    logSize = 0;
  }

  @Override
  protected int sizeOf(int bin) {
    return binSize[bin];
  }

  @Override
  protected int headOf(int bin) {
    return binHead[bin];
  }

  @Override
  protected int nextOf(int item) {
    return itemNext[item];
  }

  @Override
  protected void takeOut(int item) {
    move(item, -1);
  }

  @Override
  protected boolean pickable(int item) {
    return itemBin[item] < 0 && (greedyType[item] >= 0 || classFixed[itemClass[item]].length > 0);
  }

  /**
   * Empties the worst of a few sampled open bins (the highest cost per unit of fill), often a second one; or takes a
   * few random items out of random bins and re-types those bins down. Also picks up an unplaced item now and then.
   */
  private int ruin() {
    int m = 0;
    if (openCount > 0) {
      double r = rnd.nextDouble();
      if (r < 0.75) {
        m = emptyInto(worstOfSample(), m);
        if (rnd.nextDouble() < 0.5 && openCount > 0) {
          m = emptyInto(worstOfSample(), m);
        }
      } else {
        int k = 2 + rnd.nextInt(6);
        for (int x = 0; x < k && openCount > 0; x++) {
          int b = open[rnd.nextInt(openCount)];
          if (binSize[b] == 0) {
            continue;
          }
          int i = randomItemOf(b);
          buffer[m++] = i;
          move(i, -1);
          retypeDown(b);
        }
      }
    }
    if (unplaced > m) {
      m = pickUnplaced(m);
    }
    return m;
  }

  /**
   * Of four sampled open bins, the one with the highest cost per unit of fill (running machines score 0), but a bin
   * none of whose items may go to another open bin only when every sampled bin is like it ({@link #preferredToEmpty}):
   * emptying such a bin just rebuilds it, yet on waste alone it won whenever it was sampled (a small item whose class
   * allows only types no other open bin's classes allow, alone on a costly bin).
   */
  private int worstOfSample() {
    int best = open[rnd.nextInt(openCount)];
    boolean bestMovable = movable(best);
    double bestScore = waste(best);
    for (int q = 1; q < 4; q++) {
      int b = open[rnd.nextInt(openCount)];
      boolean movable = movable(b);
      double s = waste(b);
      if (preferredToEmpty(movable, s, bestMovable, bestScore)) {
        best = b;
        bestMovable = movable;
        bestScore = s;
      }
    }
    return best;
  }

  /**
   * Whether some item of open bin b may go to another open bin: a running machine its class allows, or a bin (re-typed
   * if need be) holding a class that shares an offer type with its class. Capacity is not checked (it changes as the
   * step reinserts), and the class test is pairwise, so a bin may be called movable that is not; never the reverse.
   */
  private boolean movable(int b) {
    int bw = b * words;
    boolean offerBin = b >= fixedCount;
    for (int w = 0; w < words; w++) {
      for (long present = binClasses[bw + w]; present != 0; present &= present - 1) {
        int c = (w << 6) + Long.numberOfTrailingZeros(present);
        if (classFixed[c].length > (offerBin ? 0 : 1)) {
          return true;
        }
        int cw = c * words;
        for (int v = 0; v < words; v++) {
          for (long comp = compatible[cw + v]; comp != 0; comp &= comp - 1) {
            long bit = comp & -comp;
            int here = offerBin && (binClasses[bw + v] & bit) != 0 ? 1 : 0;
            if (classBins[(v << 6) + Long.numberOfTrailingZeros(comp)] > here) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private double waste(int b) {
    int t = binType[b];
    double fill = 0;
    for (int k = 0; k < D; k++) {
      double cp = cap[t * D + k];
      if (cp > 0) {
        fill = Math.max(fill, binLoad[b * D + k] / cp);
      }
    }
    return cost[t] * (1 - fill) + (b < fixedCount ? 0 : 1e-12 * rnd.nextDouble());
  }

  // ---------------------------------------------------------------- results

  double greedyTotal() {
    return greedyTotal;
  }

  double constructionTotal() {
    return constructionTotal;
  }

  int greedyPlaced() {
    return greedyPlaced;
  }

  double bestTotal() {
    return bestTotal;
  }

  int bestPlaced() {
    return n - bestUnplaced;
  }

  /** The best plan's bin of item i (-1 if unplaced); bins are numbered densely only within this search. */
  int bestBinOf(int i) {
    return bestItemBin[i];
  }

  /** The cheapest bin type that holds item i alone, or -1 if none (offer types only). */
  int cheapestAloneType(int i) {
    return greedyType[i];
  }

  /** The best plan's type of bin b. */
  int bestTypeOf(int b) {
    return bestBinType[b];
  }

  private boolean fitsSomeRunningMachine(int i) {
    for (int t : classFixed[itemClass[i]]) {
      if (fitsEmpty(i, t)) {
        return true;
      }
    }
    return false;
  }

  /** Whether item i can be placed at all (an allowed offer type or running machine holds it alone). */
  boolean placeable(int i) {
    if (greedyType[i] >= 0) {
      return true;
    }
    for (int t : classFixed[itemClass[i]]) {
      if (fitsEmpty(i, t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The LP relaxation's bound by its dual: for bin-type weights {@code lambda_t} on the simplex over the dimensions,
   * {@code sum_i min_t cost_t * sum_k lambda_tk * dem_ik / cap_tk} over each item's allowed types is a lower bound
   * (a bin's items use at most all of each dimension). Exponentiated-gradient ascent on the weights; the best value
   * is returned, or the cost of the most expensive item's cheapest bin if that is larger. Running machines price items
   * at 0 (their count is not used), which keeps the bound valid.
   */
  double lowerBound(int iterations) {
    double[] lambda = new double[types * D];
    double[] grad = new double[types * D];
    for (int t = 0; t < types; t++) {
      // Start from each type's binding dimension mix: equal weights on the dimensions it has.
      int dims = 0;
      for (int k = 0; k < D; k++) {
        dims += cap[t * D + k] > 0 ? 1 : 0;
      }
      for (int k = 0; k < D; k++) {
        lambda[t * D + k] = cap[t * D + k] > 0 ? 1.0 / Math.max(1, dims) : 0;
      }
    }
    double best = 0;
    double eta = 2.0;
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(grad, 0);
      double value = 0;
      for (int i = 0; i < n; i++) {
        int c = itemClass[i];
        if (!placeable(i)) {
          continue;
        }
        double min = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int t : classFixed[c]) {
          if (fitsEmpty(i, t)) {
            min = 0;
            arg = -1;
            break;
          }
        }
        if (min > 0) {
          for (int t : classTypes[c]) {
            if (!fitsEmpty(i, t)) {
              continue;
            }
            double v = 0;
            for (int k = 0; k < D; k++) {
              double cp = cap[t * D + k];
              if (cp > 0) {
                v += lambda[t * D + k] * dem[i * D + k] / cp;
              }
            }
            v *= cost[t];
            if (v < min) {
              min = v;
              arg = t;
            }
          }
        }
        value += min;
        if (arg >= 0) {
          for (int k = 0; k < D; k++) {
            double cp = cap[arg * D + k];
            if (cp > 0) {
              grad[arg * D + k] += dem[i * D + k] / cp;
            }
          }
        }
      }
      if (value > best) {
        best = value;
      }
      // Multiplicative update per type, on the usage shares (scale free), then normalize onto the simplex.
      for (int t = 0; t < types; t++) {
        double sum = 0;
        double gmax = 0;
        for (int k = 0; k < D; k++) {
          gmax = Math.max(gmax, grad[t * D + k]);
        }
        if (gmax <= 0) {
          continue;
        }
        for (int k = 0; k < D; k++) {
          if (cap[t * D + k] > 0) {
            lambda[t * D + k] *= Math.exp(-eta * (1 - grad[t * D + k] / gmax));
            sum += lambda[t * D + k];
          }
        }
        if (sum > 0) {
          for (int k = 0; k < D; k++) {
            lambda[t * D + k] /= sum;
          }
        }
      }
      eta *= 0.93;
    }
    // Any plan also pays at least one whole bin for its most expensive item alone.
    for (int i = 0; i < n; i++) {
      if (greedyType[i] >= 0 && !fitsSomeRunningMachine(i)) {
        best = Math.max(best, greedyCost[i]);
      }
    }
    return Math.max(0, best - 1e-9 * best);
  }
}
