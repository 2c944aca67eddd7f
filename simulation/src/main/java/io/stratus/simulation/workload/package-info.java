/**
 * Workloads: a {@link io.stratus.simulation.workload.WorkloadGenerator} that draws jobs from arrival patterns
 * (constant, periodic, bursty Markov-modulated, random walk) with daily/weekly/month-end seasonality, noise, job shape
 * and duration distributions and team labels; and trace replay ({@link
 * io.stratus.simulation.workload.UtilizationTrace}, {@link io.stratus.simulation.workload.TraceReplay}) of PlanetLab
 * CPU traces and of the host's own traces in a documented CSV format.
 */
package io.stratus.simulation.workload;
