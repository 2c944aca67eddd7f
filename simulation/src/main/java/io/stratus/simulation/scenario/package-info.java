/**
 * Scenarios: a {@link io.stratus.simulation.scenario.ScenarioSpec} read from JSON or YAML (errors name line, column
 * and field), run by
 * a {@link io.stratus.simulation.scenario.ScenarioEngine} as Monte Carlo replications on a host executor comparing
 * the Stratus schedulers with first-fit and round-robin baselines, results as records with CSV/JSON writers ({@link
 * io.stratus.simulation.scenario.ScenarioResults}); what-if evaluation of a placement plan over the next days ({@link
 * io.stratus.simulation.scenario.PlanWhatIf}. (The {@code mcs-bench-1} harness that compares the engine with CloudSim
 * Plus lives in the benchmarks module.)
 */
package io.stratus.simulation.scenario;
