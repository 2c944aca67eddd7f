/**
 * Scenarios: a {@link io.stratus.simulation.scenario.ScenarioSpec} read from JSON (errors name line and field), run by
 * a {@link io.stratus.simulation.scenario.ScenarioEngine} as Monte Carlo replications on a host executor comparing
 * the Stratus schedulers with first-fit and round-robin baselines, results as records with CSV/JSON writers ({@link
 * io.stratus.simulation.scenario.ScenarioResults}); what-if evaluation of a placement plan over the next days ({@link
 * io.stratus.simulation.scenario.PlanWhatIf}); and the reference benchmark scenario {@code mcs-bench-1} ({@link
 * io.stratus.simulation.scenario.McsBench1Simulation}) that Stratus and CloudSim Plus both implement.
 */
package io.stratus.simulation.scenario;
