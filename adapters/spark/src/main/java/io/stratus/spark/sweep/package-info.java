/**
 * Scenario sweeps on Apache Spark: {@link io.stratus.spark.sweep.SparkSweep} runs every (sweep point, replication)
 * of a scenario as one Spark task with the simulation module's own engine and summarizes the points exactly as a
 * local {@link io.stratus.simulation.scenario.ScenarioEngine#sweep} does, so the results, confidence intervals and
 * CSV/JSON outputs are the same bytes; {@link io.stratus.spark.sweep.SweepJob} is the {@code spark-submit} entry
 * point that reads a scenario file and writes those outputs.
 */
@NullMarked
package io.stratus.spark.sweep;

import org.jspecify.annotations.NullMarked;
