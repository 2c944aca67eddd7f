package io.stratus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JSON round trips against the golden files in {@code src/test/resources/golden/}, shared by the model and SPI value
 * tests. Refresh the golden files with {@code -Dstratus.golden.update=true} and review the diff.
 */
public final class GoldenJson {
  /**
   * The mapper the tests use: the strict reading the model's package documentation recommends (duplicate keys, floats
   * for integers and nulls for primitives are errors), ISO dates and durations, sorted properties and map keys,
   * indented.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final Path GOLDEN = Paths.get("src", "test", "resources", "golden");
  private static final boolean UPDATE = Boolean.getBoolean("stratus.golden.update");

  private GoldenJson() {}

  /**
   * Asserts that {@code value} survives a JSON round trip, serializes to the shape in {@code golden/<name>.json}, and
   * that the golden file reads back to it.
   *
   * @param name the golden file's name without {@code .json}
   * @param value the value
   * @throws IOException if the golden file cannot be read or written
   */
  public static void assertRoundTrip(String name, Object value) throws IOException {
    String json = MAPPER.writeValueAsString(value);
    assertThat(MAPPER.readValue(json, value.getClass())).isEqualTo(value);

    Path file = GOLDEN.resolve(name + ".json");
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("golden file %s is missing; create it with -Dstratus.golden.update=true and review it", file)
        .exists();
    String golden = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(canonical(MAPPER.readTree(json)))
        .as("JSON of %s differs from %s (refresh with -Dstratus.golden.update=true if intended)", name, file)
        .isEqualTo(canonical(MAPPER.readTree(golden)));
    assertThat(MAPPER.readValue(golden, value.getClass())).as("golden %s read back", name).isEqualTo(value);
  }

  /**
   * Sets serialize in an order that changes between JVM runs; arrays of scalars are compared as sorted multisets
   * (value equality after reading back still checks list order).
   */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = MAPPER.createObjectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.set(e.getKey(), canonical(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(canonical(n)));
      if (items.stream().allMatch(JsonNode::isValueNode)) {
        items.sort(Comparator.comparing(JsonNode::toString));
      }
      ArrayNode copy = MAPPER.createArrayNode();
      items.forEach(copy::add);
      return copy;
    }
    return node;
  }
}
