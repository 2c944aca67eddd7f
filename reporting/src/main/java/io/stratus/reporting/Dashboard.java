package io.stratus.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.reporting.query.SavedView;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A dashboard as data: widgets bound to queries on a 24-column grid, so a host UI can render it and offer
 * drag-and-drop editing (change a widget's {@link GridPos} and build a new dashboard; overlaps are rejected). Stored
 * and shared as JSON ({@link #toJson()}, {@link #fromJson(String)}) and exported to Grafana
 * ({@link GrafanaExport}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param uid a stable id: letters, digits and dashes
 * @param title the title
 * @param refresh how often a live view refreshes, at least one second
 * @param widgets the widgets; ids unique, positions not overlapping
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Dashboard(String uid, String title, Duration refresh, List<Widget> widgets) {
  /** The format marker of the JSON form. */
  public static final String FORMAT = "stratus.dashboard/1";

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a widget id repeats, two widgets overlap, or the refresh is under a second
   */
  public Dashboard {
    Ids.check(uid, "dashboard.uid");
    Objects.requireNonNull(title, "dashboard.title");
    Objects.requireNonNull(refresh, "dashboard.refresh");
    widgets = List.copyOf(Objects.requireNonNull(widgets, "dashboard.widgets"));
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("dashboard.refresh must be at least 1s, got " + refresh);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < widgets.size(); i++) {
      Widget a = widgets.get(i);
      if (!ids.add(a.id())) {
        throw new IllegalArgumentException("dashboard '" + uid + "' widget id '" + a.id() + "' repeats");
      }
      for (int j = 0; j < i; j++) {
        Widget b = widgets.get(j);
        if (a.pos().overlaps(b.pos())) {
          throw new IllegalArgumentException("dashboard '" + uid + "' widgets '" + b.id() + "' " + b.pos()
              + " and '" + a.id() + "' " + a.pos() + " overlap");
        }
      }
    }
  }

  /**
   * The JSON form.
   *
   * @return pretty-printed JSON; never null
   */
  public String toJson() {
    ObjectNode n = JsonRenderer.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("uid", uid);
    n.put("title", title);
    n.put("refresh", refresh.toString());
    ArrayNode ws = n.putArray("widgets");
    for (Widget w : widgets) {
      ObjectNode o = ws.addObject();
      o.put("id", w.id());
      o.put("title", w.title());
      o.put("type", w.type().name().toLowerCase(Locale.ROOT));
      ObjectNode pos = o.putObject("pos");
      pos.put("x", w.pos().x());
      pos.put("y", w.pos().y());
      pos.put("w", w.pos().w());
      pos.put("h", w.pos().h());
      o.set("query", SavedView.queryToJson(w.query()));
    }
    try {
      return JsonRenderer.MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to print", e);
    }
  }

  /**
   * Reads the JSON form.
   *
   * @param json JSON as written by {@link #toJson()}; never null
   * @return the dashboard; never null
   * @throws IllegalArgumentException naming the field, value and rule when the JSON is malformed or invalid
   */
  public static Dashboard fromJson(String json) {
    JsonNode n;
    try {
      n = JsonRenderer.MAPPER.readTree(Objects.requireNonNull(json, "json"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("dashboard is not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    }
    if (!FORMAT.equals(n.path("format").asText())) {
      throw new IllegalArgumentException("dashboard.format must be '" + FORMAT + "', got " + n.get("format"));
    }
    Duration refresh;
    try {
      refresh = Duration.parse(n.path("refresh").asText("PT30S"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("dashboard.refresh must be an ISO-8601 duration like PT30S, got "
          + n.get("refresh"), e);
    }
    List<Widget> widgets = new ArrayList<>();
    JsonNode ws = n.path("widgets");
    if (!ws.isArray()) {
      throw new IllegalArgumentException("dashboard.widgets must be an array, got " + n.get("widgets"));
    }
    for (int i = 0; i < ws.size(); i++) {
      JsonNode w = ws.get(i);
      String where = "dashboard.widgets[" + i + "]";
      JsonNode pos = w.path("pos");
      for (String f : List.of("x", "y", "w", "h")) {
        if (!pos.path(f).isInt()) {
          throw new IllegalArgumentException(where + ".pos." + f + " must be an integer, got " + pos.get(f));
        }
      }
      WidgetType type;
      try {
        type = WidgetType.valueOf(w.path("type").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".type must be one of " + List.of(WidgetType.values())
            + " (any case), got " + w.get("type"), e);
      }
      widgets.add(new Widget(w.path("id").asText(), w.path("title").asText(""), type,
          SavedView.queryFromJson(w.get("query"), where + ".query"),
          new GridPos(pos.get("x").asInt(), pos.get("y").asInt(), pos.get("w").asInt(), pos.get("h").asInt())));
    }
    return new Dashboard(n.path("uid").asText(), n.path("title").asText(""), refresh, widgets);
  }
}
