package io.stratus.reporting.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A named query a host stores and shares as JSON ({@link #toJson()}, {@link #fromJson(String)}); the JSON carries a
 * {@code "format": "stratus.view/1"} marker so later versions can read old views.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the view's name; not blank
 * @param description what the view shows, may be empty
 * @param query the query
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SavedView(String name, String description, AnalyticsQuery query) {
  /** The format marker of the JSON form. */
  public static final String FORMAT = "stratus.view/1";

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public SavedView {
    Objects.requireNonNull(name, "savedView.name");
    Objects.requireNonNull(description, "savedView.description");
    Objects.requireNonNull(query, "savedView.query");
    if (name.isBlank()) {
      throw new IllegalArgumentException("savedView.name must not be blank");
    }
  }

  /**
   * The JSON form.
   *
   * @return pretty-printed JSON; never null
   */
  public String toJson() {
    ObjectNode n = QueryJson.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("name", name);
    n.put("description", description);
    n.set("query", QueryJson.write(query));
    return QueryJson.print(n);
  }

  /**
   * Reads the JSON form.
   *
   * @param json JSON written by {@link #toJson()} (or by hand in the same shape); never null
   * @return the view; never null
   * @throws IllegalArgumentException naming the field, value and rule when the JSON is malformed or invalid
   */
  public static SavedView fromJson(String json) {
    JsonNode n = QueryJson.parse(Objects.requireNonNull(json, "json"), "saved view");
    String format = QueryJson.text(n, "format", "view");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("view.format must be '" + FORMAT + "', got '" + format + "'");
    }
    return new SavedView(QueryJson.text(n, "name", "view"), n.path("description").asText(""),
        QueryJson.read(n.get("query"), "view.query"));
  }

  /**
   * The JSON tree of a query, for documents that embed queries (dashboards).
   *
   * @param query the query; never null
   * @return a new JSON object; never null
   */
  public static ObjectNode queryToJson(AnalyticsQuery query) {
    return QueryJson.write(Objects.requireNonNull(query, "query"));
  }

  /**
   * Reads a query from its JSON tree.
   *
   * @param node the JSON object; never null
   * @param where where the object sits in its document, for error messages; never null
   * @return the query; never null
   * @throws IllegalArgumentException naming the field, value and rule when invalid
   */
  public static AnalyticsQuery queryFromJson(JsonNode node, String where) {
    return QueryJson.read(node, Objects.requireNonNull(where, "where"));
  }
}
