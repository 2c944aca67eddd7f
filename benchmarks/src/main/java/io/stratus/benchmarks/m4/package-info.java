/** M4 competition evaluation of the Stratus forecasting methods (not published; benchmark-only). */
package io.stratus.benchmarks.m4;
