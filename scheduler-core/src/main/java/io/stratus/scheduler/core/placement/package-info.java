/**
 * Batch placement: place many items at once into bins of several types at minimum total opening cost, respecting
 * every capacity dimension. The problem is neutral ({@link io.stratus.scheduler.core.placement.PlacementProblem}:
 * primitive demands, capacities, costs and allowed sets); the scheduler maps workloads, running machines and offers
 * onto it. {@link io.stratus.scheduler.core.placement.PlacementSolver} runs a construction heuristic then a seeded
 * local search within a step limit or an injected-ticker time budget, and returns a
 * {@link io.stratus.scheduler.core.placement.PlacementSolution} with a lower bound and a reason for every item it
 * could not place. The schedulers' {@code placeAll} uses its own catalog-scale search (greedy start, candidate
 * reduction, packing, LP bound) and reports through {@link io.stratus.scheduler.core.placement.PlacementListener}
 * with {@link io.stratus.scheduler.core.placement.PlacementProgress}.
 */
package io.stratus.scheduler.core.placement;
