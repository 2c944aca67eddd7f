package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the reference server with the JDK HttpClient and checks every response against the OpenAPI document: a
 * documented operation's response must have a documented status, media type and a body valid against its schema;
 * an undocumented path or method must answer a valid problem. Records which operations answered with which status.
 * Thread-safe.
 */
final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final OpenApiContract contract;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** A checked response. */
  record Reply(int status, java.net.http.HttpHeaders headers, String text, JsonNode json) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  ApiClient(URI base, OpenApiContract contract) {
    this.base = base;
    this.contract = contract;
  }

  Set<String> seen() {
    return seen;
  }

  Reply get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  Reply delete(String path, String token) {
    return send("DELETE", path, token, null, null);
  }

  Reply post(String path, String token, String json) {
    return send("POST", path, token, "application/json", json);
  }

  Reply put(String path, String token, String json) {
    return send("PUT", path, token, "application/json", json);
  }

  Reply send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", token.startsWith("strk_") ? "Bearer " + token : token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String rawPath = URI.create(path).getRawPath();
    String type = response.headers().firstValue("Content-Type").orElse("");
    Optional<OpenApiContract.Operation> op = contract.find(method, rawPath);
    List<String> errors;
    if (op.isPresent()) {
      errors = contract.check(op.get(), response.statusCode(), type, response.body());
      seen.add(op.get().key() + " " + response.statusCode());
    } else {
      assertThat(type).as("%s %s is not documented: a problem", method, path).startsWith("application/problem+json");
      errors = contract.validateComponent("Problem", response.body());
    }
    assertThat(errors).as("%s %s -> %d %s", method, path, response.statusCode(), response.body()).isEmpty();
    JsonNode json = MissingNode.getInstance();
    if (!response.body().isEmpty()) {
      try {
        json = OpenApiContract.JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Reply(response.statusCode(), response.headers(), response.body(), json);
  }
}
