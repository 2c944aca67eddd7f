/**
 * The scheduling API: where a workload can go ({@link io.stratus.scheduler.Candidate}), what a scheduler decided for
 * one workload ({@link io.stratus.scheduler.Decision}) or for many at once ({@link io.stratus.scheduler.PlacementPlan}),
 * why ({@link io.stratus.scheduler.Explanation}), and the plugin interfaces of the scheduling framework
 * ({@link io.stratus.scheduler.FilterPlugin}, {@link io.stratus.scheduler.ScorePlugin}) in the style of the Kubernetes
 * scheduling framework: filter, then weighted and normalized scores, then selection, then an explanation.
 *
 * <p>Implementations live in {@code stratus-scheduler-core} ({@code io.stratus.scheduler.core}). Every value here is
 * immutable, validated at construction and serializable to JSON with Jackson. Normal outcomes such as "no candidate
 * fits" are values with reasons, never exceptions.
 */
@NullMarked
package io.stratus.scheduler;

import org.jspecify.annotations.NullMarked;
