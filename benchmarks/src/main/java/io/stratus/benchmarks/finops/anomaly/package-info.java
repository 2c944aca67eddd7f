/**
 * Evaluation of the cost anomaly monitors on labelled synthetic cost histories
 * ({@link io.stratus.benchmarks.finops.anomaly.CostHistoryGenerator}): precision, recall and time to detect, parameters
 * chosen by cross-validation on development seeds, figures on held-out seeds, and the speed of detection over
 * 10,000 scopes × 400 days ({@link io.stratus.benchmarks.finops.anomaly.CostAnomalyEvaluation}).
 */
package io.stratus.benchmarks.finops.anomaly;
