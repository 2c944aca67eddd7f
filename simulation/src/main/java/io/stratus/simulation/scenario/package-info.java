/**
 * Scenarios: the reference benchmark scenario {@code mcs-bench-1} ({@link
 * io.stratus.simulation.scenario.McsBench1Simulation}) that Stratus and CloudSim Plus both implement.
 */
package io.stratus.simulation.scenario;
