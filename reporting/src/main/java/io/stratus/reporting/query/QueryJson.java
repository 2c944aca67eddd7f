package io.stratus.reporting.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.finops.query.CostMetric;
import io.stratus.monitoring.spi.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON form of queries and saved views. Stateless and thread-safe. */
final class QueryJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private QueryJson() {}

  static ObjectNode write(AnalyticsQuery q) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("dataSet", q.dataSet().name().toLowerCase(Locale.ROOT));
    n.put("measure", q.measure());
    if (q.dataSet() == DataSet.METRICS) {
      n.put("aggregation", q.aggregation().name().toLowerCase(Locale.ROOT));
    } else {
      n.put("currency", q.currency());
    }
    ObjectNode range = n.putObject("range");
    q.range().from().ifPresent(f -> range.put("from", f.toString()));
    q.range().to().ifPresent(t -> range.put("to", t.toString()));
    q.range().last().ifPresent(l -> range.put("last", l.toString()));
    ObjectNode filters = n.putObject("filters");
    for (Map.Entry<String, Set<String>> e : q.filters().entrySet()) {
      ArrayNode values = filters.putArray(e.getKey());
      e.getValue().forEach(values::add);
    }
    if (!q.search().isEmpty()) {
      n.put("search", q.search());
    }
    ArrayNode groupBy = n.putArray("groupBy");
    q.groupBy().forEach(groupBy::add);
    n.put("grain", q.grain().name().toLowerCase(Locale.ROOT));
    n.put("compareWithPrevious", q.compareWithPrevious());
    n.put("top", q.limit());
    return n;
  }

  static AnalyticsQuery read(JsonNode n, String where) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
    String dataSet = text(n, "dataSet", where);
    String measure = text(n, "measure", where);
    AnalyticsQuery.Builder b;
    if ("cost".equals(dataSet)) {
      b = AnalyticsQuery.cost().costMetric(enumValue(CostMetric.class, measure, where + ".measure"));
      if (n.has("currency")) {
        b.currency(text(n, "currency", where));
      }
    } else if ("metrics".equals(dataSet)) {
      b = AnalyticsQuery.metric(measure);
      if (n.has("aggregation")) {
        b.aggregation(enumValue(Aggregation.class, text(n, "aggregation", where), where + ".aggregation"));
      }
    } else {
      throw new IllegalArgumentException(where + ".dataSet must be 'cost' or 'metrics', got '" + dataSet + "'");
    }
    JsonNode range = n.get("range");
    if (range == null || !range.isObject()) {
      throw new IllegalArgumentException(where + ".range must be an object with 'from' and 'to', or 'last'");
    }
    try {
      if (range.has("last")) {
        if (range.has("from") || range.has("to")) {
          throw new IllegalArgumentException(where + ".range has both 'last' and 'from'/'to'; give one");
        }
        b.range(TimeRange.last(Duration.parse(range.get("last").asText())));
      } else {
        b.range(TimeRange.between(Instant.parse(text(range, "from", where + ".range")),
            Instant.parse(text(range, "to", where + ".range"))));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ".range has an unreadable time: " + e.getParsedString(), e);
    }
    JsonNode filters = n.get("filters");
    if (filters != null) {
      for (Map.Entry<String, JsonNode> e : filters.properties()) {
        b.where(e.getKey(), strings(e.getValue(), where + ".filters." + e.getKey()));
      }
    }
    if (n.has("search")) {
      b.search(text(n, "search", where));
    }
    if (n.has("groupBy")) {
      b.groupBy(strings(n.get("groupBy"), where + ".groupBy").toArray(new String[0]));
    }
    if (n.has("grain")) {
      b.grain(enumValue(TimeGrain.class, text(n, "grain", where), where + ".grain"));
    }
    b.compareWithPrevious(n.path("compareWithPrevious").asBoolean(false));
    b.top(n.path("top").asInt(0));
    return b.build();
  }

  static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + "." + field + " must be a string, got " + v);
    }
    return v.asText();
  }

  static List<String> strings(JsonNode n, String where) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException(where + " must be an array of strings, got " + n);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : n) {
      if (!v.isTextual()) {
        throw new IllegalArgumentException(where + " must hold strings only, got " + v);
      }
      out.add(v.asText());
    }
    return out;
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " must be one of " + List.of(type.getEnumConstants())
          + " (any case), got '" + value + "'", e);
    }
  }

  static String print(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to print", e);
    }
  }

  static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    }
  }
}
