package io.stratus.adapters.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One Stratus event: the CloudEvents context attributes Stratus uses and the JSON data. The {@link #id()} is stable:
 * a retried or replayed delivery carries the same id, so receivers de-duplicate on it. Routing labels (team, region,
 * provider...) travel inside the data as {@code labels}, where the JSON Schema of every type declares them.
 *
 * <p>Immutable and thread-safe: the data is copied in and out. Build events with {@link Events}, whose factories
 * produce data that matches the type's JSON Schema.
 *
 * @param id the stable event id; never blank, at most {@value #MAX_ID} characters
 * @param type what happened; never null
 * @param source the producer, a URI reference such as {@code /stratus/finops}; never null
 * @param time when it happened; never null
 * @param data the JSON object of the event, with a {@code labels} object of string values; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StratusEvent(String id, EventType type, URI source, Instant time, ObjectNode data) {

  /** The longest event id accepted. */
  public static final int MAX_ID = 1024;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id is blank or the labels are not an object of strings
   */
  public StratusEvent {
    Objects.requireNonNull(id, "event.id");
    Objects.requireNonNull(type, "event.type");
    Objects.requireNonNull(source, "event.source");
    Objects.requireNonNull(time, "event.time");
    Objects.requireNonNull(data, "event.data");
    if (id.isBlank() || id.length() > MAX_ID) {
      throw new IllegalArgumentException("event.id must be 1 to " + MAX_ID + " characters, not blank, got "
          + id.length() + " characters");
    }
    JsonNode labels = data.get("labels");
    if (labels == null || !labels.isObject()) {
      throw new IllegalArgumentException("event.data.labels must be a JSON object, got " + labels);
    }
    for (Map.Entry<String, JsonNode> e : labels.properties()) {
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("event.data.labels." + e.getKey() + " must be a string, got "
            + e.getValue());
      }
    }
    data = data.deepCopy();
  }

  /**
   * The event's JSON data.
   *
   * @return a copy of the data; never null
   */
  @Override
  public ObjectNode data() {
    return data.deepCopy();
  }

  /**
   * The routing labels carried in the data.
   *
   * @return an immutable map of label to value; never null
   */
  public Map<String, String> labels() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonNode> e : data.get("labels").properties()) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
