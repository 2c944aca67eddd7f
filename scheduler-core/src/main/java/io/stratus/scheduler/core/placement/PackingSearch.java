package io.stratus.scheduler.core.placement;

import io.stratus.scheduler.core.internal.RuinRecreateSearch;
import io.stratus.scheduler.core.placement.PlacementSolution.OpenedBin;
import io.stratus.scheduler.core.placement.PlacementSolution.Unassigned;
import io.stratus.scheduler.core.placement.PlacementSolution.UnassignedReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The state and moves of one solve: slots (bins) on primitive arrays with incremental loads and cost, a construction
 * heuristic, and a late-acceptance local search over ruin-and-recreate, reassign and swap moves with an undo log. After
 * each move, every bin the step touched is re-typed: its items move together to a free slot of the cheapest type that
 * holds them, when that is cheaper. Not thread-safe; one instance per solve. Nothing is allocated in the step loop
 * except when slot arrays grow.
 */
final class PackingSearch extends RuinRecreateSearch {
  private static final int HISTORY = 64;
  /** Bins sampled when choosing one to ruin; the least filled one with an item that may move is taken. */
  private static final int TOURNAMENT = 8;
  private static final int TICK_EVERY = 8;

  private final PlacementProblem problem;
  private final int n;
  private final int d;
  private final int types;
  private final double[] dem;
  private final double[] cap;
  private final double[] capTol;
  private final double[] invCap;
  private final double[] cost;
  private final int[] maxSlots;
  private final BitSet[] allowed;

  private final Unassigned[] staticReason;
  private final double[] size;
  /** Bin types by increasing opening cost (ties by index): the order in which re-typing looks for a cheaper type. */
  private final int[] typesByCost;

  // Slots.
  private int slotCount;
  private int[] slotType = new int[16];
  private double[] slotLoad;
  private int[] slotSize = new int[16];
  private int[] slotHead = new int[16];
  private int[] freeNext = new int[16];
  private int[] freePrev = new int[16];
  private int[] openPos = new int[16];
  private int[] openSlots = new int[16];
  private int[] slotStamp = new int[16];
  private int stamp;
  private int openCount;
  /** Per bin type, how many of its slots are open (hold at least one item). */
  private final int[] openOfType;
  private final int[] typeCreated;
  private final int[] freeHead;

  // Items.
  private final int[] itemSlot;
  private final int[] itemNext;
  private final int[] itemPrev;
  private double totalCost;
  private int unassignedCount;

  // Step buffers.
  private int[] logItem;
  private int[] logFrom;
  private int logSize;
  private final double[] remaining;

  // Best.
  private final int[] bestItemSlot;
  private double bestCost;
  private int bestUnassigned;
  private double constructionCost;

  PackingSearch(PlacementProblem problem, long seed) {
    super(seed, problem.itemCount(), problem.itemCount() + 1, HISTORY);
    this.problem = problem;
    this.n = problem.itemCount();
    this.d = problem.dimensions();
    this.types = problem.binTypeCount();
    this.dem = problem.rawDemands();
    this.cap = problem.rawCapacities();
    this.cost = problem.rawOpeningCosts();
    this.capTol = new double[cap.length];
    this.invCap = new double[cap.length];
    for (int x = 0; x < cap.length; x++) {
      capTol[x] = PlacementProblem.toleratedCapacity(cap[x]);
      invCap[x] = cap[x] > 0 ? 1.0 / cap[x] : 0.0;
    }
    this.maxSlots = new int[types];
    int[] rawMax = problem.rawMaxCounts();
    for (int t = 0; t < types; t++) {
      maxSlots[t] = Math.min(rawMax[t], Math.max(1, n));
    }
    this.allowed = new BitSet[n];
    for (int i = 0; i < n; i++) {
      allowed[i] = problem.allowedSet(i);
    }
    this.slotLoad = new double[16 * d];
    this.typeCreated = new int[types];
    this.openOfType = new int[types];
    this.freeHead = new int[types];
    Arrays.fill(freeHead, -1);
    this.itemSlot = new int[n];
    this.itemNext = new int[n];
    this.itemPrev = new int[n];
    Arrays.fill(itemSlot, -1);
    this.logItem = new int[2 * n + 8];
    this.logFrom = new int[2 * n + 8];
    this.remaining = new double[d];
    this.bestItemSlot = new int[n];
    this.staticReason = new Unassigned[n];
    this.size = new double[n];
    Integer[] byCost = new Integer[types];
    for (int t = 0; t < types; t++) {
      byCost[t] = t;
    }
    Arrays.sort(byCost, (a, b) -> cost[a] != cost[b] ? Double.compare(cost[a], cost[b]) : Integer.compare(a, b));
    this.typesByCost = new int[types];
    for (int t = 0; t < types; t++) {
      typesByCost[t] = byCost[t];
    }
    analyzeItems();
  }

  // ---------------------------------------------------------------- item analysis

  private void analyzeItems() {
    double[] totalCap = new double[d];
    for (int t = 0; t < types; t++) {
      for (int k = 0; k < d; k++) {
        totalCap[k] += cap[t * d + k] * maxSlots[t];
      }
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < d; k++) {
        if (totalCap[k] > 0) {
          s += dem[i * d + k] / totalCap[k];
        }
      }
      size[i] = s;
      staticReason[i] = staticReason(i);
      if (staticReason[i] == null) {
        unassignedCount++;
      }
    }
  }

  private Unassigned staticReason(int i) {
    int allowedCount = 0;
    double[] largest = new double[d];
    boolean anyFits = false;
    for (int t = 0; t < types; t++) {
      if (!isAllowed(i, t)) {
        continue;
      }
      allowedCount++;
      boolean fits = true;
      for (int k = 0; k < d; k++) {
        largest[k] = Math.max(largest[k], cap[t * d + k]);
        if (dem[i * d + k] > capTol[t * d + k]) {
          fits = false;
        }
      }
      anyFits |= fits;
    }
    if (allowedCount == 0) {
      return new Unassigned(
          i,
          UnassignedReason.NO_ALLOWED_BIN_TYPE,
          types == 0 ? "there are no bin types" : "the item allows none of the " + types + " bin types");
    }
    if (anyFits) {
      return null;
    }
    StringBuilder detail = new StringBuilder();
    for (int k = 0; k < d; k++) {
      if (!PlacementProblem.fits(dem[i * d + k], largest[k])) {
        detail.append(detail.length() == 0 ? "" : "; ");
        detail
            .append("insufficient ")
            .append(problem.dimensionName(k))
            .append(": demand ")
            .append(dem[i * d + k])
            .append(" exceeds the largest allowed capacity ")
            .append(largest[k]);
      }
    }
    if (detail.length() == 0) {
      detail.append("no single allowed bin type fits every dimension of the demand at once");
    }
    detail.append(" (").append(allowedCount).append(" allowed bin types)");
    return new Unassigned(i, UnassignedReason.EXCEEDS_ALLOWED_CAPACITY, detail.toString());
  }

  private boolean isAllowed(int i, int t) {
    BitSet set = allowed[i];
    return set == null || set.get(t);
  }

  // ---------------------------------------------------------------- slot bookkeeping

  private boolean hasFreeSlot(int t) {
    return freeHead[t] >= 0 || typeCreated[t] < maxSlots[t];
  }

  /** Returns an empty slot of type t (creating one if the count allows), or -1. */
  private int obtainSlot(int t) {
    if (freeHead[t] >= 0) {
      return freeHead[t];
    }
    return createSlot(t);
  }

  /** Creates a new empty slot of type t if the count allows, or returns -1. */
  private int createSlot(int t) {
    if (typeCreated[t] >= maxSlots[t]) {
      return -1;
    }
    int s = slotCount++;
    if (s == slotType.length) {
      int cap2 = s * 2;
      slotType = Arrays.copyOf(slotType, cap2);
      slotSize = Arrays.copyOf(slotSize, cap2);
      slotHead = Arrays.copyOf(slotHead, cap2);
      freeNext = Arrays.copyOf(freeNext, cap2);
      freePrev = Arrays.copyOf(freePrev, cap2);
      openPos = Arrays.copyOf(openPos, cap2);
      openSlots = Arrays.copyOf(openSlots, cap2);
      slotStamp = Arrays.copyOf(slotStamp, cap2);
      slotLoad = Arrays.copyOf(slotLoad, cap2 * d);
    }
    typeCreated[t]++;
    slotType[s] = t;
    slotSize[s] = 0;
    slotHead[s] = -1;
    openPos[s] = -1;
    pushFree(s);
    return s;
  }

  private void pushFree(int s) {
    int t = slotType[s];
    freePrev[s] = -1;
    freeNext[s] = freeHead[t];
    if (freeHead[t] >= 0) {
      freePrev[freeHead[t]] = s;
    }
    freeHead[t] = s;
  }

  private void removeFree(int s) {
    int t = slotType[s];
    if (freePrev[s] >= 0) {
      freeNext[freePrev[s]] = freeNext[s];
    } else {
      freeHead[t] = freeNext[s];
    }
    if (freeNext[s] >= 0) {
      freePrev[freeNext[s]] = freePrev[s];
    }
  }

  private void assign(int i, int s) {
    if (slotSize[s] == 0) {
      removeFree(s);
      openPos[s] = openCount;
      openSlots[openCount++] = s;
      openOfType[slotType[s]]++;
      totalCost += cost[slotType[s]];
    }
    slotSize[s]++;
    itemSlot[i] = s;
    itemPrev[i] = -1;
    itemNext[i] = slotHead[s];
    if (slotHead[s] >= 0) {
      itemPrev[slotHead[s]] = i;
    }
    slotHead[s] = i;
    int sb = s * d;
    int ib = i * d;
    for (int k = 0; k < d; k++) {
      slotLoad[sb + k] += dem[ib + k];
    }
    unassignedCount--;
  }

  private void unassign(int i) {
    int s = itemSlot[i];
    if (itemPrev[i] >= 0) {
      itemNext[itemPrev[i]] = itemNext[i];
    } else {
      slotHead[s] = itemNext[i];
    }
    if (itemNext[i] >= 0) {
      itemPrev[itemNext[i]] = itemPrev[i];
    }
    itemSlot[i] = -1;
    int sb = s * d;
    int ib = i * d;
    if (--slotSize[s] == 0) {
      Arrays.fill(slotLoad, sb, sb + d, 0.0); // an empty bin carries no rounding drift
      int pos = openPos[s];
      int last = openSlots[--openCount];
      openSlots[pos] = last;
      openPos[last] = pos;
      openPos[s] = -1;
      openOfType[slotType[s]]--;
      pushFree(s);
      totalCost -= cost[slotType[s]];
    } else {
      for (int k = 0; k < d; k++) {
        slotLoad[sb + k] -= dem[ib + k];
      }
    }
    unassignedCount++;
  }

  /** Moves an item (to -1 = unassign), recording the move in the undo log. */
  private void move(int i, int to) {
    int from = itemSlot[i];
    if (from == to) {
      return;
    }
    if (logSize == logItem.length) {
      logItem = Arrays.copyOf(logItem, logSize * 2);
      logFrom = Arrays.copyOf(logFrom, logSize * 2);
    }
    logItem[logSize] = i;
    logFrom[logSize++] = from;
    if (from >= 0) {
      unassign(i);
    }
    if (to >= 0) {
      assign(i, to);
    }
  }

  @Override
  protected void undo() {
    while (logSize > 0) {
      logSize--;
      int i = logItem[logSize];
      int from = logFrom[logSize];
      if (itemSlot[i] >= 0) {
        unassign(i);
      }
      if (from >= 0) {
        assign(i, from);
      }
    }
  }

  private boolean fits(int i, int s) {
    int sb = s * d;
    int tb = slotType[s] * d;
    int ib = i * d;
    for (int k = 0; k < d; k++) {
      if (slotLoad[sb + k] + dem[ib + k] > capTol[tb + k]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- insertion

  /** Best fit among open slots: the allowed slot with the least normalized slack left, or -1. */
  private int bestOpenSlot(int i, double blink) {
    int best = -1;
    double bestScore = Double.POSITIVE_INFINITY;
    int ib = i * d;
    for (int p = 0; p < openCount; p++) {
      int s = openSlots[p];
      int t = slotType[s];
      if (!isAllowed(i, t) || !fits(i, s)) {
        continue;
      }
      if (blink > 0 && rnd.nextDouble() < blink) {
        continue;
      }
      int sb = s * d;
      int tb = t * d;
      double slack = 0;
      for (int k = 0; k < d; k++) {
        slack += (cap[tb + k] - slotLoad[sb + k] - dem[ib + k]) * invCap[tb + k];
      }
      if (slack < bestScore) {
        bestScore = slack;
        best = s;
      }
    }
    return best;
  }

  /**
   * The bin type to open for item i: among allowed types with a free slot that fit the item alone, the lowest cost per
   * unit of coverage of the scarcest remaining demand ({@link #remaining}), or -1.
   */
  private int bestTypeToOpen(int i, double blink) {
    int best = -1;
    double bestScore = Double.POSITIVE_INFINITY;
    double bestCoverage = -1;
    int ib = i * d;
    for (int t = 0; t < types; t++) {
      if (!isAllowed(i, t) || !hasFreeSlot(t)) {
        continue;
      }
      int tb = t * d;
      boolean fits = true;
      double coverage = 1;
      for (int k = 0; k < d; k++) {
        double c = cap[tb + k];
        if (dem[ib + k] > capTol[tb + k]) {
          fits = false;
          break;
        }
        double r = remaining[k];
        if (r > 0) {
          coverage = Math.min(coverage, Math.min(c, r) / r);
        }
      }
      if (!fits) {
        continue;
      }
      if (blink > 0 && rnd.nextDouble() < blink) {
        continue;
      }
      double score = cost[t] / Math.max(coverage, 1e-12);
      if (score < bestScore || (score == bestScore && coverage > bestCoverage)) {
        bestScore = score;
        bestCoverage = coverage;
        best = t;
      }
    }
    return best;
  }

  /** Inserts item i (currently unassigned) into the best open slot or a newly opened one; false if none fits. */
  private boolean insert(int i, double blink) {
    int s = bestOpenSlot(i, blink);
    if (s < 0) {
      int t = bestTypeToOpen(i, blink);
      if (t < 0 && blink > 0) {
        t = bestTypeToOpen(i, 0);
      }
      if (t >= 0) {
        s = obtainSlot(t);
      }
    }
    if (s < 0) {
      return false;
    }
    move(i, s);
    return true;
  }

  // ---------------------------------------------------------------- re-typing

  /**
   * Re-types every bin a step touched so far (took items from or put items into; see {@link #retype}): a bin opened
   * for items that then went elsewhere, or one that lost items, may now fit a cheaper type.
   */
  private void retypeTouched() {
    if (++stamp == 0) {
      Arrays.fill(slotStamp, 0);
      stamp = 1;
    }
    int end = logSize;
    for (int x = 0; x < end; x++) {
      int from = logFrom[x];
      if (from >= 0) {
        retypeOnce(from);
      }
      int to = itemSlot[logItem[x]];
      if (to >= 0) {
        retypeOnce(to);
      }
    }
  }

  private void retypeOnce(int s) {
    if (slotStamp[s] != stamp && slotSize[s] > 0) {
      slotStamp[s] = stamp;
      retype(s);
    }
  }

  /**
   * Re-types open bins (see {@link #retype}) until none fits a cheaper type with a free slot: a bin re-typed frees a
   * slot of its old type, which another bin may then take. Ends, since every re-typing lowers the cost.
   */
  private void retypeAll() {
    boolean changed = true;
    while (changed) {
      changed = false;
      int[] open = Arrays.copyOf(openSlots, openCount);
      for (int s : open) {
        if (slotSize[s] > 0) {
          int before = logSize;
          retype(s);
          changed |= logSize != before;
        }
      }
    }
  }

  /**
   * Moves the items of non-empty slot s, all together, to a slot of the cheapest bin type that is strictly cheaper than
   * its own, has a free slot, is allowed for every one of them and holds their load; does nothing when there is none.
   * The move is logged like any other.
   */
  private void retype(int s) {
    double own = cost[slotType[s]];
    for (int x = 0; x < types; x++) {
      int t = typesByCost[x];
      if (cost[t] >= own) {
        return;
      }
      if (hasFreeSlot(t) && holds(t, s)) {
        int target = obtainSlot(t);
        slotStamp[target] = stamp;
        while (slotSize[s] > 0) {
          move(slotHead[s], target);
        }
        return;
      }
    }
  }

  /** Whether one bin of type t could hold all the items of slot s. */
  private boolean holds(int t, int s) {
    int sb = s * d;
    int tb = t * d;
    for (int k = 0; k < d; k++) {
      if (slotLoad[sb + k] > capTol[tb + k]) {
        return false;
      }
    }
    for (int i = slotHead[s]; i >= 0; i = itemNext[i]) {
      if (!isAllowed(i, t)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- construction

  void construct() {
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (staticReason[i] == null) {
        buffer[count++] = i;
      }
    }
    Integer[] order = new Integer[count];
    for (int x = 0; x < count; x++) {
      order[x] = buffer[x];
    }
    int[] priority = problem.rawPriorities();
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Integer.compare(priority[b], priority[a]);
          if (c != 0) {
            return c;
          }
          c = Double.compare(size[b], size[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    // Two constructions; keep the better: the lower highest priority left unplaced, then fewer unplaced, then cost.
    // (1) Item by item: best fit into an open bin, else open the most cost-effective bin type.
    Arrays.fill(remaining, 0);
    for (Integer i : order) {
      addRemaining(i, 1);
    }
    for (Integer i : order) {
      insert(i, 0);
      addRemaining(i, -1);
    }
    retypeAll();
    logSize = 0;
    totalCost = recomputeCost();
    saveBest();
    long firstUnplacedPriority = highestUnassignedPriority(priority);
    // (2) Bin by bin: the first unplaced item opens the most cost-effective bin type for it, which is then filled
    // first-fit with the following unplaced items in the same order.
    for (int i = 0; i < n; i++) {
      if (itemSlot[i] >= 0) {
        unassign(i);
      }
    }
    Arrays.fill(remaining, 0);
    for (Integer i : order) {
      addRemaining(i, 1);
    }
    for (int x = 0; x < count; x++) {
      int seed = order[x];
      if (itemSlot[seed] >= 0) {
        continue;
      }
      int t = bestTypeToOpen(seed, 0);
      int s = t < 0 ? -1 : obtainSlot(t);
      if (s < 0) {
        continue;
      }
      assign(seed, s);
      addRemaining(seed, -1);
      for (int y = x + 1; y < count; y++) {
        int i = order[y];
        if (itemSlot[i] < 0 && isAllowed(i, t) && fits(i, s)) {
          assign(i, s);
          addRemaining(i, -1);
        }
      }
    }
    retypeAll();
    logSize = 0;
    totalCost = recomputeCost();
    long secondUnplacedPriority = highestUnassignedPriority(priority);
    boolean secondWorse =
        secondUnplacedPriority != firstUnplacedPriority
            ? secondUnplacedPriority > firstUnplacedPriority
            : unassignedCount != bestUnassigned ? unassignedCount > bestUnassigned : totalCost >= bestCost;
    if (secondWorse) {
      restoreBest();
    } else {
      saveBest();
    }
    long bestUnplacedPriority = secondWorse ? firstUnplacedPriority : secondUnplacedPriority;
    // (3) Guided by the lower bound's prices: pre-select the bins with the lowest cost per priced capacity until they
    // cover the demand, fill them best fit in the same order, and open further bins only for what is left over.
    if (preselectedConstruction(order)) {
      long thirdUnplacedPriority = highestUnassignedPriority(priority);
      boolean thirdWorse =
          thirdUnplacedPriority != bestUnplacedPriority
              ? thirdUnplacedPriority > bestUnplacedPriority
              : unassignedCount != bestUnassigned ? unassignedCount > bestUnassigned : totalCost >= bestCost;
      if (thirdWorse) {
        restoreBest();
      } else {
        saveBest();
      }
    }
    logSize = 0;
    constructionCost = totalCost;
  }

  private boolean preselectedConstruction(Integer[] order) {
    boolean[] placeable = new boolean[n];
    double[] demand = new double[d];
    for (Integer i : order) {
      placeable[i] = true;
      for (int k = 0; k < d; k++) {
        demand[k] += dem[i * d + k];
      }
    }
    double[] prices = new double[d];
    LowerBound.compute(problem, placeable, prices);
    double[] ratio = new double[types];
    Integer[] byRatio = new Integer[types];
    boolean priced = false;
    for (int t = 0; t < types; t++) {
      double value = 0;
      for (int k = 0; k < d; k++) {
        value += prices[k] * cap[t * d + k];
      }
      ratio[t] = value > 0 ? cost[t] / value : Double.POSITIVE_INFINITY;
      priced |= value > 0;
      byRatio[t] = t;
    }
    if (!priced) {
      return false;
    }
    Arrays.sort(byRatio, (a, b) -> a.equals(b) ? 0 : ratio[a] != ratio[b] ? Double.compare(ratio[a], ratio[b]) : a - b);
    for (int i = 0; i < n; i++) {
      if (itemSlot[i] >= 0) {
        unassign(i);
      }
    }
    // Pre-select slots (created empty, so they cost nothing unless used) until capacity covers the demand.
    int[] chosen = new int[Math.max(1, n)];
    int chosenCount = 0;
    double[] covered = new double[d];
    for (int x = 0; x < types && chosenCount < chosen.length && !coversAll(covered, demand); x++) {
      int t = byRatio[x];
      if (ratio[t] == Double.POSITIVE_INFINITY) {
        break;
      }
      int free = freeHead[t]; // every slot is empty now, so the free list holds all existing slots of t
      while (chosenCount < chosen.length && !coversAll(covered, demand)) {
        int s;
        if (free >= 0) {
          s = free;
          free = freeNext[free];
        } else {
          s = createSlot(t);
          if (s < 0) {
            break;
          }
        }
        chosen[chosenCount++] = s;
        for (int k = 0; k < d; k++) {
          covered[k] += cap[t * d + k];
        }
      }
    }
    Arrays.fill(remaining, 0);
    for (Integer i : order) {
      addRemaining(i, 1);
    }
    for (Integer i : order) {
      // Dot-product fit: the pre-selected bin whose remaining capacity best matches the item's demand vector.
      int s = -1;
      double bestDot = -1;
      for (int x = 0; x < chosenCount; x++) {
        int c = chosen[x];
        int t = slotType[c];
        if (!isAllowed(i, t) || !fits(i, c)) {
          continue;
        }
        double dot = 0;
        for (int k = 0; k < d; k++) {
          double inv = invCap[t * d + k];
          dot += dem[i * d + k] * inv * (cap[t * d + k] - slotLoad[c * d + k]) * inv;
        }
        if (dot > bestDot) {
          bestDot = dot;
          s = c;
        }
      }
      if (s >= 0) {
        assign(i, s);
      } else {
        insert(i, 0);
      }
      addRemaining(i, -1);
    }
    retypeAll();
    logSize = 0;
    totalCost = recomputeCost();
    return true;
  }

  private static boolean coversAll(double[] covered, double[] demand) {
    for (int k = 0; k < demand.length; k++) {
      if (covered[k] < demand[k]) {
        return false;
      }
    }
    return true;
  }

  /** The highest priority among placeable unassigned items (Long.MIN_VALUE when all are placed). */
  private long highestUnassignedPriority(int[] priority) {
    long highest = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      if (itemSlot[i] < 0 && staticReason[i] == null) {
        highest = Math.max(highest, priority[i]);
      }
    }
    return highest;
  }

  private void restoreBest() {
    for (int i = 0; i < n; i++) {
      if (itemSlot[i] >= 0) {
        unassign(i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (bestItemSlot[i] >= 0) {
        assign(i, bestItemSlot[i]);
      }
    }
    totalCost = recomputeCost();
  }

  private void addRemaining(int i, double sign) {
    int ib = i * d;
    for (int k = 0; k < d; k++) {
      remaining[k] = Math.max(0, remaining[k] + sign * dem[ib + k]);
    }
  }

  private double recomputeCost() {
    double sum = 0;
    for (int p = 0; p < openCount; p++) {
      sum += cost[slotType[openSlots[p]]];
    }
    return sum;
  }

  private void recomputeLoads() {
    Arrays.fill(slotLoad, 0, slotCount * d, 0.0);
    for (int i = 0; i < n; i++) {
      int s = itemSlot[i];
      if (s >= 0) {
        for (int k = 0; k < d; k++) {
          slotLoad[s * d + k] += dem[i * d + k];
        }
      }
    }
  }

  @Override
  protected void saveBest() {
    System.arraycopy(itemSlot, 0, bestItemSlot, 0, n);
    bestCost = totalCost;
    bestUnassigned = unassignedCount;
  }

  // ---------------------------------------------------------------- local search

  void improve(long maxSteps, LongSupplier ticker, long deadline) {
    if (n == 0 || (openCount == 0 && unassignedCount == 0)) {
      return;
    }
    startSearch();
    boolean[] placeable = new boolean[n];
    for (int i = 0; i < n; i++) {
      placeable[i] = staticReason[i] == null;
    }
    // Stop early once every placeable item is placed at the lower bound's cost: nothing can be cheaper.
    double bound = LowerBound.compute(problem, placeable);
    double optimal = bound + EPS * Math.max(1, bound) * 2;
    while (steps() < maxSteps) {
      if (bestUnassigned == 0 && bestCost <= optimal) {
        break;
      }
      if (ticker != null && steps() % TICK_EVERY == 0 && ticker.getAsLong() - deadline >= 0) {
        break;
      }
      lateAcceptanceStep();
      if ((steps() & 4095) == 0) {
        // Bound floating-point drift of the incremental bookkeeping.
        totalCost = recomputeCost();
        recomputeLoads();
      }
    }
    // A step re-types only the bins it touched; a slot it freed may let an untouched bin of the best plan re-type.
    restoreBest();
    retypeAll();
    logSize = 0;
    totalCost = recomputeCost();
    if (better()) {
      saveBest();
    }
  }

  /** A step's move: now and then a swap, else ruin and recreate; false if it moved nothing. */
  @Override
  protected boolean perturb() {
    double r = rnd.nextDouble();
    if (r < 0.05) {
      swapMove();
    } else {
      ruinAndRecreate();
    }
    retypeTouched();
    return logSize > 0;
  }

  @Override
  protected double cost() {
    return totalCost;
  }

  @Override
  protected void restoreCost(double cost) {
    totalCost = cost;
  }

  @Override
  protected int unplaced() {
    return unassignedCount;
  }

  @Override
  protected boolean better() {
    return unassignedCount < bestUnassigned
        || (unassignedCount == bestUnassigned
            && totalCost < bestCost - EPS * Math.max(1, Math.abs(bestCost)));
  }

  @Override
  protected void beginStep() {
    logSize = 0;
  }

  @Override
  protected void endStep() {
    logSize = 0;
  }

  @Override
  protected int sizeOf(int bin) {
    return slotSize[bin];
  }

  @Override
  protected int headOf(int bin) {
    return slotHead[bin];
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
    return itemSlot[item] < 0 && staticReason[item] == null;
  }

  /** Swaps two items of different open bins when both fit; the cost stays, the packing changes. */
  private void swapMove() {
    if (openCount < 2) {
      return;
    }
    int sa = openSlots[rnd.nextInt(openCount)];
    int sb = openSlots[rnd.nextInt(openCount)];
    if (sa == sb) {
      return;
    }
    int a = randomItemOf(sa);
    int b = randomItemOf(sb);
    if (!isAllowed(a, slotType[sb]) || !isAllowed(b, slotType[sa])) {
      return;
    }
    if (!fitsSwapped(a, b, sb) || !fitsSwapped(b, a, sa)) {
      return;
    }
    move(a, -1);
    move(b, -1);
    move(a, sb);
    move(b, sa);
  }

  /** Whether item {@code in} fits slot s once item {@code out} has left it. */
  private boolean fitsSwapped(int in, int out, int s) {
    int sb = s * d;
    int tb = slotType[s] * d;
    for (int k = 0; k < d; k++) {
      if (slotLoad[sb + k] - dem[out * d + k] + dem[in * d + k] > capTol[tb + k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Ruin and recreate: empties the emptiest of {@link #TOURNAMENT} random open bins, often a second bin chosen the
   * same way (or else a few random items), and sometimes picks up an unassigned item; then reinserts them all by
   * best fit (with a little noise), opening the most cost-effective bin type when nothing open fits.
   */
  private void ruinAndRecreate() {
    int m = 0;
    if (openCount > 0) {
      m = emptyInto(emptiestOfRandomOpenSlots(), m);
      double r = rnd.nextDouble();
      if (r < 0.6 && openCount > 0) {
        m = emptyInto(emptiestOfRandomOpenSlots(), m);
      } else if (r < 0.9) {
        int extra = 1 + rnd.nextInt(3);
        for (int x = 0; x < extra && openCount > 0; x++) {
          int i = randomItemOf(openSlots[rnd.nextInt(openCount)]);
          buffer[m++] = i;
          move(i, -1);
        }
      }
    }
    if (unassignedCount > 0) {
      m = pickUnplaced(m);
    }
    if (m == 0) {
      return;
    }
    orderBuffer(m, size);
    Arrays.fill(remaining, 0);
    for (int x = 0; x < m; x++) {
      addRemaining(buffer[x], 1);
    }
    double blink = rnd.nextDouble() < 0.5 ? 0.0 : 0.05;
    for (int x = 0; x < m; x++) {
      int i = buffer[x];
      // When nothing fits, the item stays unassigned and the step is undone by the acceptance rule.
      insert(i, blink);
      addRemaining(i, -1);
    }
  }

  /**
   * Tournament selection of a bin to empty, among a few random open bins: the least filled (the best candidates to
   * close), but a bin none of whose items may go to another open bin only when every sampled bin is like it. Emptying
   * such a bin just rebuilds it (its items can only reopen a bin of their own), yet on fill alone it won whenever it
   * was the least filled: always, when its items have zero demand. The rule is {@link #preferredToEmpty}, with the
   * negated fill as the score.
   */
  private int emptiestOfRandomOpenSlots() {
    int best = openSlots[rnd.nextInt(openCount)];
    boolean bestMovable = movable(best);
    double bestFill = fill(best);
    for (int q = 1; q < TOURNAMENT && openCount > 1; q++) {
      int s = openSlots[rnd.nextInt(openCount)];
      boolean movable = movable(s);
      double f = fill(s);
      if (preferredToEmpty(movable, -f, bestMovable, -bestFill)) {
        best = s;
        bestMovable = movable;
        bestFill = f;
      }
    }
    return best;
  }

  /**
   * Whether some item of open slot s is allowed in another open bin (capacity is not checked: it changes as the step
   * reinserts).
   */
  private boolean movable(int s) {
    int own = slotType[s];
    for (int i = slotHead[s]; i >= 0; i = itemNext[i]) {
      BitSet set = allowed[i];
      if (set == null) {
        if (openCount > 1) {
          return true;
        }
        continue;
      }
      for (int t = set.nextSetBit(0); t >= 0; t = set.nextSetBit(t + 1)) {
        if (openOfType[t] > (t == own ? 1 : 0)) {
          return true;
        }
      }
    }
    return false;
  }

  private double fill(int s) {
    int sb = s * d;
    int tb = slotType[s] * d;
    double f = 0;
    for (int k = 0; k < d; k++) {
      f += slotLoad[sb + k] * invCap[tb + k];
    }
    return f;
  }

  // ---------------------------------------------------------------- result

  PlacementSolution toSolution() {
    int[] binTypeOf = new int[n];
    int[] instanceOf = new int[n];
    Arrays.fill(binTypeOf, -1);
    Arrays.fill(instanceOf, -1);
    int[] members = new int[slotCount];
    for (int i = 0; i < n; i++) {
      if (bestItemSlot[i] >= 0) {
        members[bestItemSlot[i]]++;
      }
    }
    int[] slotInstance = new int[slotCount];
    int[] perType = new int[types];
    List<List<Integer>> binItems = new ArrayList<>();
    long[] keys = new long[slotCount];
    int used = 0;
    for (int s = 0; s < slotCount; s++) {
      if (members[s] > 0) {
        keys[used++] = ((long) slotType[s] << 32) | s;
      }
    }
    Arrays.sort(keys, 0, used);
    int[] slotOrder = new int[used];
    for (int x = 0; x < used; x++) {
      int s = (int) keys[x];
      slotOrder[x] = s;
      slotInstance[s] = perType[slotType[s]]++;
    }
    int[] slotRank = new int[slotCount];
    Arrays.fill(slotRank, -1);
    for (int x = 0; x < used; x++) {
      slotRank[slotOrder[x]] = x;
      binItems.add(new ArrayList<>());
    }
    boolean[] assigned = new boolean[n];
    for (int i = 0; i < n; i++) {
      int s = bestItemSlot[i];
      if (s >= 0) {
        binTypeOf[i] = slotType[s];
        instanceOf[i] = slotInstance[s];
        binItems.get(slotRank[s]).add(i);
        assigned[i] = true;
      }
    }
    List<OpenedBin> bins = new ArrayList<>(used);
    for (int x = 0; x < used; x++) {
      int s = slotOrder[x];
      bins.add(new OpenedBin(slotType[s], slotInstance[s], cost[slotType[s]], binItems.get(x)));
    }
    List<Unassigned> unassigned = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (assigned[i]) {
        continue;
      }
      if (staticReason[i] != null) {
        unassigned.add(staticReason[i]);
      } else {
        int holding = 0;
        for (int t = 0; t < types; t++) {
          boolean fitsAlone = isAllowed(i, t);
          for (int k = 0; k < d && fitsAlone; k++) {
            fitsAlone = dem[i * d + k] <= capTol[t * d + k];
          }
          holding += fitsAlone ? 1 : 0;
        }
        unassigned.add(
            new Unassigned(
                i,
                UnassignedReason.NO_CAPACITY_LEFT,
                holding
                    + " allowed bin type(s) could hold the item, but all their bins are full or at their maximum"
                    + " count"));
      }
    }
    double bound = LowerBound.compute(problem, assigned);
    return new PlacementSolution(
        problem, binTypeOf, instanceOf, bins, unassigned, constructionCost, bound, steps());
  }
}
