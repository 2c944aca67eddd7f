package io.stratus.scheduler.core.internal;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The loop both packing searches share (the batch planner's and the placement solver's): one ruin-and-recreate step
 * at a time, accepted by late acceptance, undone otherwise, with the ruin buffer's helpers. A subclass holds the plan
 * (bins, items, cost, undo log) and says how a step perturbs it; this class decides acceptance, keeps the history of
 * costs and counts steps. Not API. Not thread-safe; one instance per search.
 *
 * <p>Acceptance: a step that leaves fewer items unplaced is kept and one that leaves more is undone; otherwise the new
 * cost is accepted if it is at most the cost before the step or the history entry of this step (each entry keeps the
 * lowest cost seen there, so the threshold tightens as the search improves), within a relative tolerance of
 * {@value #EPS}. A subclass may veto a plan outright ({@link #acceptable()}).
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public abstract class RuinRecreateSearch {
  /** The relative tolerance of cost comparisons. */
  protected static final double EPS = 1e-9;

  /** The search's random choices; seeded, so a search is reproducible. */
  protected final SplittableRandom rnd;
  /** The items a step took out (and will reinsert), in {@code buffer[0..m)}. */
  protected final int[] buffer;
  private final int items;
  private final double[] history;
  private long steps;

  /**
   * Sets up the loop.
   *
   * @param seed the seed of the random choices
   * @param items the number of items (the range of {@link #pickUnplaced})
   * @param bufferLength the ruin buffer's length, at least {@code items}
   * @param historyLength the number of late-acceptance history entries, positive
   */
  protected RuinRecreateSearch(long seed, int items, int bufferLength, int historyLength) {
    this.rnd = new SplittableRandom(seed);
    this.items = items;
    this.buffer = new int[bufferLength];
    this.history = new double[historyLength];
  }

  // ---------------------------------------------------------------- the plan, as the subclass holds it

  /**
   * The current plan's cost.
   *
   * @return the cost
   */
  protected abstract double cost();

  /**
   * Sets the current plan's cost after {@link #undo()} (the cost before the step, exactly).
   *
   * @param cost the cost before the step
   */
  protected abstract void restoreCost(double cost);

  /**
   * How many items the current plan leaves unplaced.
   *
   * @return the count
   */
  protected abstract int unplaced();

  /**
   * Whether the current plan beats the best one (fewer unplaced items, else a lower cost beyond the tolerance).
   *
   * @return true if it is better
   */
  protected abstract boolean better();

  /** Makes the current plan the best one. */
  protected abstract void saveBest();

  /** Undoes every move of the current step. */
  protected abstract void undo();

  /** Starts a step's undo log. */
  protected abstract void beginStep();

  /** Ends a step's undo log (the step is kept or undone by now). */
  protected abstract void endStep();

  /**
   * Perturbs the plan: ruins part of it and reinserts what it took out (or another move).
   *
   * @return false if the step changed nothing (it then ends at once, neither accepted nor undone)
   */
  protected abstract boolean perturb();

  /**
   * Whether the plan after a step may be accepted at all (a hard rule the moves may have broken).
   *
   * @return true by default
   */
  protected boolean acceptable() {
    return true;
  }

  /**
   * The number of items in a bin.
   *
   * @param bin the bin
   * @return its size
   */
  protected abstract int sizeOf(int bin);

  /**
   * A bin's first item.
   *
   * @param bin a non-empty bin
   * @return the item
   */
  protected abstract int headOf(int bin);

  /**
   * The item after an item in its bin.
   *
   * @param item a placed item
   * @return the next item, or -1
   */
  protected abstract int nextOf(int item);

  /**
   * Takes a placed item out of its bin (a logged move).
   *
   * @param item the item
   */
  protected abstract void takeOut(int item);

  /**
   * Whether an item may be picked up by a step: unplaced, and placeable at all.
   *
   * @param item the item
   * @return true if a step may try to insert it
   */
  protected abstract boolean pickable(int item);

  // ---------------------------------------------------------------- the loop

  /** Fills the late-acceptance history with the current cost; call once before the first step. */
  public final void startSearch() {
    Arrays.fill(history, cost());
  }

  /**
   * Runs one step: perturb, then accept (kept, and saved if better than the best) or undo.
   *
   * @return true if the best plan improved
   */
  protected final boolean lateAcceptanceStep() {
    long index = steps++;
    double before = cost();
    int unplacedBefore = unplaced();
    beginStep();
    if (!perturb()) {
      endStep();
      return false;
    }
    int v = (int) (index % history.length);
    boolean accept;
    if (!acceptable()) {
      accept = false;
    } else if (unplaced() != unplacedBefore) {
      accept = unplaced() < unplacedBefore;
    } else {
      double tol = EPS * Math.max(1, Math.abs(before));
      accept = cost() <= before + tol || cost() <= history[v] + tol;
    }
    boolean improved = false;
    if (!accept) {
      undo();
      restoreCost(before);
    } else if (better()) {
      saveBest();
      improved = true;
    }
    if (cost() < history[v]) {
      history[v] = cost();
    }
    endStep();
    return improved;
  }

  /**
   * The number of steps run.
   *
   * @return the count
   */
  public final long steps() {
    return steps;
  }

  // ---------------------------------------------------------------- the ruin buffer

  /**
   * The rule of both searches' ruin tournaments: whether a sampled bin beats the best one so far as the bin to empty.
   * A bin none of whose items may go to another open bin (not movable) loses to any bin that is: emptying it only
   * rebuilds it, since its items can but reopen a bin of their own. Among bins alike in that, the higher score wins
   * (the search's measure of how worth emptying a bin is).
   *
   * @param movable whether some item of the sampled bin may go to another open bin
   * @param score the sampled bin's score
   * @param bestMovable whether some item of the best bin so far may go to another open bin
   * @param bestScore the best bin's score
   * @return true if the sampled bin is to be taken instead
   */
  protected static boolean preferredToEmpty(boolean movable, double score, boolean bestMovable, double bestScore) {
    return movable != bestMovable ? movable : score > bestScore;
  }

  /**
   * Takes every item out of a bin into the buffer.
   *
   * @param bin the bin
   * @param m the buffer's fill
   * @return the new fill
   */
  protected final int emptyInto(int bin, int m) {
    int fill = m;
    while (sizeOf(bin) > 0) {
      int i = headOf(bin);
      buffer[fill++] = i;
      takeOut(i);
    }
    return fill;
  }

  /**
   * A random item of a non-empty bin.
   *
   * @param bin the bin
   * @return the item
   */
  protected final int randomItemOf(int bin) {
    int skip = rnd.nextInt(sizeOf(bin));
    int i = headOf(bin);
    while (skip-- > 0) {
      i = nextOf(i);
    }
    return i;
  }

  /**
   * Now and then (one step in five) adds one {@linkplain #pickable pickable} item, from a random start, to the
   * buffer; call only when some item is unplaced.
   *
   * @param m the buffer's fill
   * @return the new fill
   */
  protected final int pickUnplaced(int m) {
    if (rnd.nextDouble() < 0.2) {
      int start = rnd.nextInt(items);
      for (int x = 0; x < items; x++) {
        int i = (start + x) % items;
        if (pickable(i) && !inBuffer(i, m)) {
          buffer[m] = i;
          return m + 1;
        }
      }
    }
    return m;
  }

  private boolean inBuffer(int i, int m) {
    for (int x = 0; x < m; x++) {
      if (buffer[x] == i) {
        return true;
      }
    }
    return false;
  }

  /**
   * Orders the buffer for reinsertion: mostly by decreasing key (ties by item index), else at random.
   *
   * @param m the buffer's fill
   * @param key per item, the sort key (e.g. its size or its cost alone)
   */
  protected final void orderBuffer(int m, double[] key) {
    if (rnd.nextDouble() < 0.7) {
      for (int x = 1; x < m; x++) {
        int item = buffer[x];
        double k = key[item];
        int y = x - 1;
        while (y >= 0 && (key[buffer[y]] < k || (key[buffer[y]] == k && buffer[y] > item))) {
          buffer[y + 1] = buffer[y];
          y--;
        }
        buffer[y + 1] = item;
      }
    } else {
      for (int x = m - 1; x > 0; x--) {
        int y = rnd.nextInt(x + 1);
        int tmp = buffer[x];
        buffer[x] = buffer[y];
        buffer[y] = tmp;
      }
    }
  }
}
