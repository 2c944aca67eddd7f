/**
 * The Numenta Anomaly Benchmark (NAB) in Java: corpus and label loading, NAB's scoring (anomaly windows, probation,
 * scaled sigmoid, the three cost profiles, normalization, threshold optimization), NAB's windowed-Gaussian reference
 * detector, and the evaluation program {@link io.stratus.benchmarks.nab.NabEvaluation}.
 */
package io.stratus.benchmarks.nab;
