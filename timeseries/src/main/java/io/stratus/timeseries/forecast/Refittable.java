package io.stratus.timeseries.forecast;

/**
 * A fitted model whose selected structure (for example the ETS form chosen by AICc) can be refitted to other data
 * without repeating the selection.
 */
interface Refittable {

  /** A forecaster that fits the same structure (forms fixed, parameters re-estimated). */
  Forecaster sameStructure();

  /** The structure-fixed forecaster of a fit, or the given fallback when the fit does not expose one. */
  static Forecaster of(FittedModel fit, Forecaster fallback) {
    return fit instanceof Refittable ? ((Refittable) fit).sameStructure() : fallback;
  }
}
