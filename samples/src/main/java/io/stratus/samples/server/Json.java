package io.stratus.samples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.Money;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The server's JSON: one mapper, money and page rendering, and reading request bodies. Thread-safe. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static ObjectNode money(Money money) {
    return object().put("amount", money.amount().toPlainString()).put("currency",
        money.currency().getCurrencyCode());
  }

  static ObjectNode labels(Map<String, String> labels) {
    ObjectNode node = object();
    labels.forEach(node::put);
    return node;
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode node = array();
    values.forEach(node::add);
    return node;
  }

  /** A page: {@code items} and, unless it is the last, {@code nextCursor}. */
  static <T> ObjectNode page(Pages.Page<T> page, java.util.function.Function<T, JsonNode> render) {
    ObjectNode node = object();
    ArrayNode items = node.putArray("items");
    page.items().forEach(i -> items.add(render.apply(i)));
    page.nextCursor().ifPresent(c -> node.put("nextCursor", c));
    return node;
  }

  /** A number, or JSON null when it is not finite (JSON has no NaN). */
  static JsonNode number(double value) {
    return Double.isFinite(value) ? MAPPER.getNodeFactory().numberNode(value) : MAPPER.getNodeFactory().nullNode();
  }

  /** Reads a JSON object body; malformed JSON or another JSON type is a validation error naming the body. */
  static ObjectNode readObject(Request request) {
    request.requireContentType(List.of("application/json"));
    JsonNode node;
    try {
      node = MAPPER.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("body", null, "must be well-formed JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw ApiException.invalid("body", null, "must be readable JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.invalid("body", node == null ? null : node.getNodeType().toString(),
          "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
