package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** What a resource answers: status, extra headers and an optional JSON body. Immutable. */
record Response(int status, Map<String, String> headers, Optional<JsonNode> body) {
  Response {
    headers = Map.copyOf(headers);
  }

  static Response ok(JsonNode body) {
    return new Response(200, Map.of(), Optional.of(body));
  }

  static Response created(String location, JsonNode body) {
    return new Response(201, Map.of("Location", location), Optional.of(body));
  }

  static Response noContent() {
    return new Response(204, Map.of(), Optional.empty());
  }
}
