package io.stratus.samples.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates Kubernetes objects against the JSON schemas of the Kubernetes API that fabric8's model jars publish on
 * Maven Central ({@code schema/validation-schema.json} in {@code io.fabric8:kubernetes-model-core}, {@code -apps},
 * {@code -autoscaling}, {@code -policy} and {@code -networking} 6.13.4: JSON Schema draft-07, one definition per API
 * type of Kubernetes 1.30), with networknt's json-schema-validator.
 *
 * <p>The schemas are generated from the Go types, so three things are adjusted before use, each to what the
 * Kubernetes OpenAPI document says: {@code Quantity} and {@code IntOrString}, objects in the Go types, are scalars in
 * manifests ({@code "250m"}, {@code 8080} or {@code "http"}); the draft-3 style {@code "required": true} on
 * {@code apiVersion} and {@code kind} becomes a {@code required} list plus the one value each may have (so an object
 * must carry the apiVersion of its kind); and, as {@code kubeconform -strict} does, every object type with declared
 * properties rejects properties it does not declare (the files allow them all), so a misspelled field fails. The
 * fabric8-specific keywords ({@code javaType}, {@code existingJavaType}, ...) are dropped. Thread-safe.
 */
final class KubernetesSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE = "schema/validation-schema.json";
  private static final Set<String> FABRIC8_KEYWORDS = Set.of("javaType", "existingJavaType", "javaInterfaces",
      "javaOmitEmpty", "javaName", "serializer", "deserializer");

  private final ObjectNode definitions;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private final Map<String, Schema> byType = new ConcurrentHashMap<>();

  private KubernetesSchemas(ObjectNode definitions) {
    this.definitions = definitions;
  }

  /** The schemas of every fabric8 model jar on the class path, merged (each jar repeats the core types). */
  static KubernetesSchemas load() {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    int files = 0;
    try {
      for (URL url : Collections.list(KubernetesSchemas.class.getClassLoader().getResources(RESOURCE))) {
        try (InputStream in = url.openStream()) {
          JsonNode document = JSON.readTree(in);
          document.path("definitions").properties().forEach(e -> {
            if (!merged.has(e.getKey())) {
              merged.set(e.getKey(), e.getValue());
            }
          });
          files++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
    }
    if (files == 0) {
      throw new IllegalStateException(RESOURCE + " is not on the class path (io.fabric8:kubernetes-model-* jars)");
    }
    ObjectNode adjusted = JsonNodeFactory.instance.objectNode();
    merged.properties().forEach(e -> adjusted.set(e.getKey(), adjust(e.getKey(), e.getValue())));
    return new KubernetesSchemas(adjusted);
  }

  /** The number of API types known. */
  int size() {
    return definitions.size();
  }

  /**
   * The problems of one object against the schema of its apiVersion and kind, one line each naming the location in the object; empty
   * when it is valid. An apiVersion/kind pair with no schema is a problem too.
   */
  List<String> validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String type = typeOf(apiVersion, kind);
    if (type == null) {
      return List.of("no Kubernetes schema for apiVersion '" + apiVersion + "' kind '" + kind + "'");
    }
    Schema schema = byType.computeIfAbsent(type, t -> {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("$schema", "http://json-schema.org/draft-07/schema#");
      root.set("definitions", definitions);
      root.putArray("allOf").addObject().put("$ref", "#/definitions/" + t);
      return registry.getSchema(root.toString(), InputFormat.JSON);
    });
    List<String> problems = new ArrayList<>();
    for (Error error : schema.validate(object.toString(), InputFormat.JSON)) {
      problems.add(error.toString());
    }
    return problems;
  }

  /** The definition whose apiVersion and kind are the given ones, or null. */
  private String typeOf(String apiVersion, String kind) {
    for (Map.Entry<String, JsonNode> e : definitions.properties()) {
      JsonNode properties = e.getValue().path("properties");
      if (properties.path("kind").path("enum").path(0).asText().equals(kind)
          && properties.path("apiVersion").path("enum").path(0).asText().equals(apiVersion)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static JsonNode adjust(String name, JsonNode definition) {
    if (name.endsWith("_Quantity")) {
      return scalar("string", "number");
    }
    if (name.endsWith("_IntOrString")) {
      return scalar("string", "integer");
    }
    return strict(definition);
  }

  private static ObjectNode scalar(String... types) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode oneOf = node.putArray("oneOf");
    for (String type : types) {
      oneOf.addObject().put("type", type);
    }
    return node;
  }

  /** A copy of a schema without fabric8's keywords, with required lists and closed object types. */
  private static JsonNode strict(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      String keyword = e.getKey();
      if (FABRIC8_KEYWORDS.contains(keyword)) {
        continue;
      }
      switch (keyword) {
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          ArrayNode required = JsonNodeFactory.instance.arrayNode();
          e.getValue().properties().forEach(p -> {
            ObjectNode property = (ObjectNode) strict(p.getValue());
            if (property.path("required").isBoolean()) {
              if (property.get("required").asBoolean()) {
                required.add(p.getKey());
                property.putArray("enum").add(property.path("default").asText());
              }
              property.remove("required");
            }
            properties.set(p.getKey(), property);
          });
          if (!required.isEmpty()) {
            out.set("required", required);
          }
        }
        case "items", "additionalProperties" -> out.set(keyword, strict(e.getValue()));
        default -> out.set(keyword, e.getValue());
      }
    }
    if (out.has("properties") && (!out.has("additionalProperties") || out.get("additionalProperties").isBoolean())) {
      out.put("additionalProperties", false);
    }
    return out;
  }
}
