/** JMH benchmarks of the Stratus forecasting methods (not published; benchmark-only). */
package io.stratus.benchmarks.forecast;
