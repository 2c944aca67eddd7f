package io.stratus.reporting;

import org.apiguardian.api.API;

/**
 * The kinds of {@link Chart}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ChartType {
  /** One line per series over the categories (usually time). */
  LINE,
  /** Series stacked as filled areas over the categories; values must be non-negative. */
  STACKED_AREA,
  /** Grouped bars per category. */
  BAR,
  /** Series stacked in one bar per category; values must be non-negative. */
  STACKED_BAR,
  /** Shares of one series' values over the categories; values must be non-negative. */
  DONUT,
  /** A grid: categories across, series down, value as colour. */
  HEAT_MAP
}
