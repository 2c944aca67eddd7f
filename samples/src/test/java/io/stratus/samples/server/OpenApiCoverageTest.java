package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document and the server agree: every documented path and method is implemented, every implemented
 * route is documented, with the same permission, and the document itself is well-formed OpenAPI 3.1.
 */
class OpenApiCoverageTest {
  @TempDir
  static Path dir;
  static ReferenceServer server;
  static OpenApiContract contract;

  @BeforeAll
  static void start() {
    server = ReferenceServer.builder().port(0).dataDirectory(dir)
        .shutdownGrace(java.time.Duration.ofSeconds(1)).start();
    contract = OpenApiContract.load();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyDocumentedOperation_isImplemented_andEveryRouteIsDocumented() {
    TreeSet<String> documented = contract.operations().stream().map(OpenApiContract.Operation::key)
        .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> implemented = server.routes().stream().map(r -> r.method() + " " + r.template())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(implemented).isEqualTo(documented);
    assertThat(documented).hasSize(23);
  }

  @Test
  void permissions_andOpenness_match() {
    Map<String, String> documented = new TreeMap<>();
    for (OpenApiContract.Operation op : contract.operations()) {
      JsonNode security = op.node().get("security");
      boolean open = security != null && security.isArray() && security.isEmpty();
      documented.put(op.key(), open ? "open" : op.node().path("x-stratus-permission").asText("MISSING"));
    }
    Map<String, String> implemented = new TreeMap<>();
    server.routes().forEach(r -> implemented.put(r.method() + " " + r.template(),
        r.permission().map(Object::toString).orElse("open")));
    assertThat(implemented).isEqualTo(documented);
  }

  @Test
  void document_isOpenApi31_withUniqueOperationIds_andResolvableRefs() {
    JsonNode doc = contract.document();
    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    TreeSet<String> ids = new TreeSet<>();
    for (OpenApiContract.Operation op : contract.operations()) {
      assertThat(ids.add(op.node().get("operationId").asText())).as("unique operationId of " + op.key()).isTrue();
      assertThat(op.node().has("responses")).isTrue();
    }
    assertRefsResolve(doc, doc);
    // every component schema compiles and accepts nothing of the wrong type
    doc.at("/components/schemas").fieldNames().forEachRemaining(name -> {
      if (!name.equals("FieldError") && !name.equals("Labels")) {
        assertThat(contract.validateComponent(name, "42")).as(name).isNotEmpty();
      }
    });
  }

  private static void assertRefsResolve(JsonNode doc, JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        assertThat(doc.at(ref.asText().substring(1)).isMissingNode()).as("$ref " + ref).isFalse();
      }
      node.elements().forEachRemaining(c -> assertRefsResolve(doc, c));
    } else if (node.isArray()) {
      node.forEach(c -> assertRefsResolve(doc, c));
    }
  }
}
