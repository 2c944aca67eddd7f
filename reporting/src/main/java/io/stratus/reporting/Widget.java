package io.stratus.reporting;

import io.stratus.reporting.query.AnalyticsQuery;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One tile of a {@link Dashboard}: a kind of view bound to a query, at a grid position.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique in its dashboard: letters, digits and dashes
 * @param title the tile's title
 * @param type the kind of view
 * @param query the data it shows (for {@link WidgetType#ALERT_LIST}, its filters select alerts by label)
 * @param pos where it sits
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Widget(String id, String title, WidgetType type, AnalyticsQuery query, GridPos pos) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the id is not valid or a {@link WidgetType#TOP_N} query has no top-N limit
   */
  public Widget {
    Ids.check(id, "widget.id");
    Objects.requireNonNull(title, "widget.title");
    Objects.requireNonNull(type, "widget.type");
    Objects.requireNonNull(query, "widget.query");
    Objects.requireNonNull(pos, "widget.pos");
    if (type == WidgetType.TOP_N && query.limit() == 0) {
      throw new IllegalArgumentException("widget '" + id + "' is TOP_N and needs a query with a top-N limit "
          + "(AnalyticsQuery.Builder.top)");
    }
  }
}
