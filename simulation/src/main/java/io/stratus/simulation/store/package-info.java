/**
 * Keeping scenario results: the {@link io.stratus.simulation.store.ScenarioResultStore} SPI (in memory by default;
 * stratus-jdbc ships a database one) and the stored value, {@link io.stratus.simulation.store.ScenarioResultRecord}: one
 * sweep point's replications with their seeds, its scheduler summaries and its rendered CSV and JSON outputs.
 */
package io.stratus.simulation.store;
