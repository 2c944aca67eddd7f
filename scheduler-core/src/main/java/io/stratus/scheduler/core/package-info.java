/**
 * The scheduling framework and its schedulers. A decision runs, in the style of the Kubernetes scheduling framework:
 *
 * <ol>
 *   <li><b>filter</b>, in this order, each rejected candidate counted under the first rule it breaks: compliance
 *       (residency by country, jurisdiction and region, provider allow and deny lists, certifications, exactly as
 *       {@code ComplianceRequirements.violations(Region)} defines them; this filter is part of every scheduler and
 *       cannot be removed or bypassed), max p95 latency to the user locations (both per region), purchase option
 *       (spot only when allowed; new commitments only when allowed and when their term does not outlast a workload
 *       with a finite expected duration), architecture, GPUs, vCPU, memory, network, spot interruption rate,
 *       currency, max hourly cost, minimum CPU score, availability target, then the host's
 *       {@link io.stratus.scheduler.FilterPlugin filter plugins};
 *   <li><b>score</b>: each objective and score plugin normalized to [0, 1] over the feasible candidates, weighted and
 *       summed (or ranked lexicographically);
 *   <li><b>select</b>: the best score; ties go to the lower expected cost, then running machines (committed ones first),
 *       then the snapshot's deterministic candidate order;
 *   <li><b>explain</b>: the score breakdown of the choice, and every rejected candidate counted under the first
 *       filter it failed. Running machines the inventory read but could not price
 *       ({@link io.stratus.spi.PriceUnavailableException}) are never candidates; unless the host chose
 *       {@link io.stratus.scheduler.core.SchedulerBuilder#failOnUnpricedMachines(boolean) strict reads}, every
 *       decision counts them as considered and rejected under {@code "unknown price: <the provider's reason>"} and
 *       names them in a note; {@link io.stratus.scheduler.core.CostAwareScheduler#unpricedMachines()} (and the other
 *       schedulers' method of that name) gives every one of them with its reason.
 * </ol>
 *
 * <p>Candidates are laid out once per price snapshot as primitive arrays grouped by region, so a decision touches
 * each region's compliance once and each candidate with a handful of comparisons, without allocating per candidate.
 *
 * <p>{@link io.stratus.scheduler.core.CostAwareScheduler}, {@link io.stratus.scheduler.core.PerformanceScheduler}
 * and {@link io.stratus.scheduler.core.EnhancedScheduler} are the public entry points; everything else here is
 * package-private.
 */
package io.stratus.scheduler.core;
