package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document as a test oracle: its operations, and a validator of a response (status, media type, body)
 * against what the document says for that operation. OpenAPI 3.1 schemas are JSON Schema 2020-12: each schema is
 * validated with networknt's validator in a document whose {@code $defs} are the component schemas (the document's
 * {@code #/components/schemas/} references rewritten to {@code #/$defs/}). Thread-safe.
 */
final class OpenApiContract {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
  private final JsonNode document;
  private final String defs;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  /** One documented operation. */
  record Operation(String method, String template, JsonNode node) {
    String key() {
      return method + " " + template;
    }
  }

  private OpenApiContract(JsonNode document) {
    this.document = document;
    this.defs = document.path("components").path("schemas").toString()
        .replace("#/components/schemas/", "#/$defs/");
  }

  static OpenApiContract load() {
    try (InputStream in = ReferenceServer.class.getResourceAsStream(ReferenceServer.OPENAPI_RESOURCE)) {
      assertThat(in).as("the OpenAPI document on the class path").isNotNull();
      return new OpenApiContract(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    document.path("paths").properties().forEach(p -> {
      for (String m : METHODS) {
        if (p.getValue().has(m)) {
          out.add(new Operation(m.toUpperCase(java.util.Locale.ROOT), p.getKey(), p.getValue().get(m)));
        }
      }
    });
    return out;
  }

  /** The documented operation whose template matches a concrete path and method. */
  Optional<Operation> find(String method, String path) {
    return operations().stream().filter(o -> o.method().equals(method) && matches(o.template(), path)).findFirst();
  }

  static boolean matches(String template, String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length != p.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      boolean param = t[i].startsWith("{") && t[i].endsWith("}");
      if (param ? p[i].isEmpty() : !t[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  private JsonNode deref(JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      n = document.at(n.get("$ref").asText().substring(1));
      assertThat(n.isMissingNode()).as("reference %s resolves", node.get("$ref")).isFalse();
    }
    return n;
  }

  /**
   * Validates a response of a documented operation: the status is documented, the media type is the documented
   * one, and the body validates against its schema.
   *
   * @return the schema errors (empty when valid)
   */
  List<String> check(Operation op, int status, String contentType, String body) {
    JsonNode responses = op.node().path("responses");
    JsonNode response = responses.get(Integer.toString(status));
    assertThat(response).as("%s documents status %d (documented: %s)", op.key(), status,
        new TreeSet<>(iterable(responses))).isNotNull();
    JsonNode r = deref(response);
    JsonNode content = r.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      assertThat(body).as("%s %d has no documented body", op.key(), status).isEmpty();
      return List.of();
    }
    String mediaType = contentType.split(";", 2)[0].trim();
    assertThat(content.has(mediaType)).as("%s %d documents media type %s (documented: %s)", op.key(), status,
        mediaType, new TreeSet<>(iterable(content))).isTrue();
    return validate(content.get(mediaType).path("schema"), body);
  }

  /** Validates a body against a schema of the document (a {@code $ref} or an inline schema). */
  List<String> validate(JsonNode schema, String body) {
    String key = schema.toString();
    Schema compiled = schemas.computeIfAbsent(key, k -> {
      ObjectNode root = JSON.createObjectNode();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      try {
        JsonNode own = JSON.readTree(k.replace("#/components/schemas/", "#/$defs/"));
        root.setAll((ObjectNode) own);
        root.set("$defs", JSON.readTree(defs));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return registry.getSchema(root.toString(), InputFormat.JSON);
    });
    List<Error> errors = compiled.validate(body, InputFormat.JSON);
    return errors.stream().map(Error::toString).toList();
  }

  List<String> validateComponent(String name, String body) {
    return validate(JSON.createObjectNode().put("$ref", "#/components/schemas/" + name), body);
  }

  private static List<String> iterable(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
