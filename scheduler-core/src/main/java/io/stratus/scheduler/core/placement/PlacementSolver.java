package io.stratus.scheduler.core.placement;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * Solves a {@link PlacementProblem}. Immutable and thread-safe: {@link #solve} keeps its state to itself, so one
 * solver may serve several threads (given a thread-safe ticker); it starts no thread itself.
 *
 * <p><b>Algorithm.</b> Items are ordered by priority, then by decreasing size (the sum over dimensions of the demand
 * as a share of the total capacity). Three greedy constructions run, and the best is kept: item by item, best fit
 * into an open bin or else opening the bin type with the lowest cost per unit of coverage of the scarcest remaining
 * demand; bin by bin, the first unplaced item opens such a bin, which is then filled first-fit; and guided by the lower
 * bound's prices, the bins with the lowest cost per priced capacity are pre-selected until they cover the demand and
 * filled by dot-product fit, further bins opening only for leftovers. Local search follows until
 * the step limit or the time budget: each step ruins and recreates (empties the least filled of a few sampled bins,
 * preferring one holding an item that another open bin allows, often a second one too or a few random items, and
 * reinserts them by best fit, opening the most cost-effective bin types as needed) or swaps two items, then re-types
 * every bin it touched (moves its items together to a bin of the cheapest type, with an instance left, that allows
 * and holds them all, if that is cheaper), and is accepted by late acceptance; capacities are kept at every step,
 * with incremental loads and cost on primitive arrays and an undo log.
 * Each construction and the best plan found are re-typed the same way, until no bin has a cheaper type left. The
 * search stops early when the cost meets the lower bound. Priorities order the construction; the search never
 * unplaces an item, and it places leftover items when room appears. The best solution found is returned.
 *
 * <p><b>Determinism.</b> For a given problem, seed and number of local-search steps the result is identical. A run
 * bounded by {@link Builder#maxSteps(long)} alone is therefore fully deterministic. A run bounded by a time budget
 * stops after however many steps fit in the budget, so it is deterministic given that number (reported by {@link
 * PlacementSolution#steps()}): rerunning with {@code maxSteps} set to it reproduces the result.
 *
 * <p><b>Time.</b> The budget is measured only with the injected nano ticker (for example {@code System::nanoTime});
 * the solver never reads a clock by itself. The construction heuristic always runs to completion.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlacementSolver {

  /** Steps run when neither a step limit nor a time budget is configured. */
  public static final long DEFAULT_MAX_STEPS = 100_000;

  private final long seed;
  private final long maxSteps;
  private final Duration timeBudget;
  private final LongSupplier ticker;

  private PlacementSolver(Builder b) {
    this.seed = b.seed;
    this.timeBudget = b.timeBudget;
    this.ticker = b.ticker;
    this.maxSteps = b.maxSteps >= 0 ? b.maxSteps : (b.timeBudget == null ? DEFAULT_MAX_STEPS : Long.MAX_VALUE);
  }

  /**
   * Starts a builder with seed 0 and no limits set (which means {@link #DEFAULT_MAX_STEPS} steps).
   *
   * @return a new builder, never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Solves a problem.
   *
   * @param problem the problem to solve
   * @return the best solution found, never null; items that cannot be placed are reported unassigned with a reason
   * @throws NullPointerException if {@code problem} is null
   */
  public PlacementSolution solve(PlacementProblem problem) {
    Objects.requireNonNull(problem, "problem must not be null");
    long deadline = 0;
    boolean timed = timeBudget != null;
    long start = timed ? ticker.getAsLong() : 0;
    if (timed) {
      deadline = start + saturatedNanos(timeBudget);
    }
    PackingSearch search = new PackingSearch(problem, seed);
    search.construct();
    search.improve(maxSteps, timed ? ticker : null, deadline);
    return search.toSolution();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /**
   * Returns the seed of the local search.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the step limit.
   *
   * @return the maximum number of local-search steps ({@link Long#MAX_VALUE} when only a time budget bounds the run)
   */
  public long maxSteps() {
    return maxSteps;
  }

  @Override
  public String toString() {
    return "PlacementSolver[seed=" + seed + ", maxSteps=" + maxSteps + ", timeBudget=" + timeBudget + "]";
  }

  /**
   * Builds a {@link PlacementSolver}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private long seed;
    private long maxSteps = -1;
    private Duration timeBudget;
    private LongSupplier ticker;

    private Builder() {}

    /**
     * Sets the seed of the local search's random choices.
     *
     * @param seed any value
     * @return this builder, never null
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Bounds the local search by a number of steps (0 runs the construction heuristic only).
     *
     * @param maxSteps the maximum number of steps, at least 0
     * @return this builder, never null
     * @throws IllegalArgumentException if {@code maxSteps < 0}
     */
    public Builder maxSteps(long maxSteps) {
      if (maxSteps < 0) {
        throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
      }
      this.maxSteps = maxSteps;
      return this;
    }

    /**
     * Bounds the local search by a wall-time budget, measured with the given nano ticker. When a step limit is also
     * set, the search stops at whichever comes first.
     *
     * @param budget the time budget, not negative
     * @param nanoTicker a monotonic nanosecond source, for example {@code System::nanoTime}
     * @return this builder, never null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code budget} is negative
     */
    public Builder timeBudget(Duration budget, LongSupplier nanoTicker) {
      Objects.requireNonNull(budget, "timeBudget must not be null");
      Objects.requireNonNull(nanoTicker, "nanoTicker must not be null");
      if (budget.isNegative()) {
        throw new IllegalArgumentException("timeBudget must not be negative, got " + budget);
      }
      this.timeBudget = budget;
      this.ticker = nanoTicker;
      return this;
    }

    /**
     * Builds the solver.
     *
     * @return a new immutable solver, never null
     */
    public PlacementSolver build() {
      return new PlacementSolver(this);
    }
  }
}
