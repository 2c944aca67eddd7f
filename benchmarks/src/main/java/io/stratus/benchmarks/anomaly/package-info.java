/** JMH throughput benchmarks of the streaming anomaly detectors ({@link io.stratus.benchmarks.anomaly.DetectorBenchmark}). */
package io.stratus.benchmarks.anomaly;
