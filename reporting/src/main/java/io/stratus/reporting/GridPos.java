package io.stratus.reporting;

import org.apiguardian.api.API;

/**
 * Where a widget sits on a dashboard's grid: {@link #COLUMNS} columns wide (as in Grafana), rows of equal height,
 * origin top left.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x the first column, from 0
 * @param y the first row, from 0
 * @param w the width in columns, at least 1, with {@code x + w <= 24}
 * @param h the height in rows, at least 1
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GridPos(int x, int y, int w, int h) {
  /** The grid's width in columns. */
  public static final int COLUMNS = 24;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a coordinate is negative, a size is below 1 or the widget leaves the grid
   */
  public GridPos {
    if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > COLUMNS) {
      throw new IllegalArgumentException("gridPos must have x >= 0, y >= 0, w >= 1, h >= 1 and x + w <= " + COLUMNS
          + ", got x=" + x + ", y=" + y + ", w=" + w + ", h=" + h);
    }
  }

  /**
   * Whether two positions share a cell.
   *
   * @param o the other position; never null
   * @return true when they overlap
   */
  public boolean overlaps(GridPos o) {
    return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
  }
}
