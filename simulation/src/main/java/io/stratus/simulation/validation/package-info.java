/**
 * Validation of simulations against real data: a {@link io.stratus.simulation.validation.ValidationFramework} that
 * runs two-sample Kolmogorov–Smirnov and Anderson–Darling tests, MAPE and RMSE, a confidence interval of the mean
 * error, and gives a verdict against thresholds the user sets.
 */
package io.stratus.simulation.validation;
