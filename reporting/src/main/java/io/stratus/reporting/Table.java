package io.stratus.reporting;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A table whose rows may nest: a row with a {@code parent} is a drill-down child of that row (HTML shows it when
 * the parent is opened; Markdown indents it). Numeric cells hold plain decimals ({@code 1234.5}); renderers format
 * them for display and sort them as numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a stable id, unique in its report
 * @param title the caption
 * @param columns the columns
 * @param rows the rows, each child after its parent
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Table(String id, String title, List<Column> columns, List<Row> rows) implements Block {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a row's width differs from the columns', a row id repeats, a parent is not
   *     an earlier row, or a numeric cell is not a decimal number
   */
  public Table {
    Ids.check(id, "table.id");
    Objects.requireNonNull(title, "table.title");
    columns = List.copyOf(Objects.requireNonNull(columns, "table.columns"));
    rows = List.copyOf(Objects.requireNonNull(rows, "table.rows"));
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      if (r.cells().size() != columns.size()) {
        throw new IllegalArgumentException("table '" + id + "' row '" + r.id() + "' has " + r.cells().size()
            + " cells for " + columns.size() + " columns");
      }
      if (!r.parent().isEmpty() && !seen.contains(r.parent())) {
        throw new IllegalArgumentException("table '" + id + "' row '" + r.id() + "' names parent '" + r.parent()
            + "', which is not an earlier row");
      }
      if (!seen.add(r.id())) {
        throw new IllegalArgumentException("table '" + id + "' row id '" + r.id() + "' repeats");
      }
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).numeric() && !r.cells().get(i).isEmpty()) {
          try {
            new java.math.BigDecimal(r.cells().get(i));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("table '" + id + "' row '" + r.id() + "' column '"
                + columns.get(i).name() + "' is numeric, got '" + r.cells().get(i) + "'", e);
          }
        }
      }
    }
  }

  /**
   * A column.
   *
   * @param name the header
   * @param numeric whether cells are decimal numbers (right-aligned, sorted numerically)
   * @param unit the unit of numeric cells ("USD", "%"), may be empty
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Column(String name, boolean numeric, String unit) {
    /** Validates. */
    public Column {
      Objects.requireNonNull(name, "column.name");
      Objects.requireNonNull(unit, "column.unit");
    }

    /**
     * A text column.
     *
     * @param name the header; never null
     * @return the column; never null
     */
    public static Column text(String name) {
      return new Column(name, false, "");
    }

    /**
     * A numeric column.
     *
     * @param name the header; never null
     * @param unit the unit, may be empty; never null
     * @return the column; never null
     */
    public static Column number(String name, String unit) {
      return new Column(name, true, unit);
    }
  }

  /**
   * A row.
   *
   * @param id unique in the table
   * @param parent the id of the row this one drills down from, empty for a top-level row
   * @param cells one per column
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Row(String id, String parent, List<String> cells) {
    /** Validates and copies. */
    public Row {
      Objects.requireNonNull(id, "row.id");
      Objects.requireNonNull(parent, "row.parent");
      cells = List.copyOf(Objects.requireNonNull(cells, "row.cells"));
      if (id.isEmpty()) {
        throw new IllegalArgumentException("row.id must not be empty");
      }
    }
  }
}
