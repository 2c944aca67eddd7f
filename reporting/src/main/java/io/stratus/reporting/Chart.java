package io.stratus.reporting;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A chart's data and labels; renderers draw it (inline SVG in HTML) or tabulate it (Markdown, CSV).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a stable id, unique in its report
 * @param title the caption
 * @param type the kind of chart
 * @param xLabel the label of the category axis (e.g. "Day (UTC)")
 * @param yLabel the label of the value axis (e.g. "Cost")
 * @param unit the unit of the values (e.g. "USD", "%")
 * @param categories the x positions (or slices of a donut, or columns of a heat map)
 * @param series the data; each holds one value per category
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Chart(String id, String title, ChartType type, String xLabel, String yLabel, String unit,
    List<String> categories, List<Series> series) implements Block {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a series' length differs from the categories', a value is not finite, a
   *     stacked or donut value is negative, or a donut has more than one series
   */
  public Chart {
    Ids.check(id, "chart.id");
    Objects.requireNonNull(title, "chart.title");
    Objects.requireNonNull(type, "chart.type");
    Objects.requireNonNull(xLabel, "chart.xLabel");
    Objects.requireNonNull(yLabel, "chart.yLabel");
    Objects.requireNonNull(unit, "chart.unit");
    categories = List.copyOf(Objects.requireNonNull(categories, "chart.categories"));
    series = List.copyOf(Objects.requireNonNull(series, "chart.series"));
    if (type == ChartType.DONUT && series.size() > 1) {
      throw new IllegalArgumentException("chart '" + id + "' is a donut and takes one series, got " + series.size());
    }
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("chart '" + id + "' series '" + s.name() + "' has " + s.values().size()
            + " values for " + categories.size() + " categories; they must match");
      }
      boolean parts = type == ChartType.STACKED_AREA || type == ChartType.STACKED_BAR || type == ChartType.DONUT;
      for (int i = 0; i < s.values().size(); i++) {
        double v = s.values().get(i);
        if (!Double.isFinite(v) || v < 0 && parts) {
          throw new IllegalArgumentException("chart '" + id + "' series '" + s.name() + "' value " + v + " at '"
              + categories.get(i) + "' must be finite" + (parts ? " and non-negative for a " + type : ""));
        }
      }
    }
  }

  /**
   * One named series of a chart.
   *
   * @param name the legend entry
   * @param values one value per category
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Series(String name, List<Double> values) {
    /** Validates and copies. */
    public Series {
      Objects.requireNonNull(name, "series.name");
      values = List.copyOf(Objects.requireNonNull(values, "series.values"));
    }
  }
}
