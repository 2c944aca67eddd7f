package io.stratus.scheduler.core;

import io.stratus.scheduler.core.placement.PlacementListener;
import io.stratus.scheduler.core.placement.PlacementSolver;
import java.util.function.LongSupplier;

/**
 * How batch placement searches: the seed, the step limit, the optional time budget on the host's ticker (a wall or a
 * CPU clock) and the optional progress listener. Immutable; thread-safe if the ticker and listener are.
 */
final class BatchSettings {
  /** Steps of the packing search when neither a step limit nor a time budget is configured. */
  static final long DEFAULT_MAX_STEPS = PlacementSolver.DEFAULT_MAX_STEPS;

  final long seed;
  final long maxSteps;
  /** The time budget in nanoseconds on {@link #ticker}, or -1 for none. */
  final long budgetNanos;
  final LongSupplier ticker;
  final PlacementListener listener;

  BatchSettings(long seed, long maxSteps, long budgetNanos, LongSupplier ticker, PlacementListener listener) {
    this.seed = seed;
    this.budgetNanos = budgetNanos;
    this.ticker = ticker;
    this.listener = listener;
    this.maxSteps = maxSteps >= 0 ? maxSteps : (budgetNanos >= 0 ? Long.MAX_VALUE : DEFAULT_MAX_STEPS);
  }

  /** The defaults with a seed: {@link #DEFAULT_MAX_STEPS} steps at most, no time budget, no listener. */
  static BatchSettings defaults(long seed) {
    return new BatchSettings(seed, -1, -1, null, null);
  }
}
