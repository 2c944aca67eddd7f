package io.stratus.samples.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.AuthenticationException;
import io.stratus.security.authz.AccessDeniedException;
import io.stratus.security.authz.AccessGuard;
import io.stratus.security.authz.Permission;
import io.stratus.security.authz.Principal;
import io.stratus.security.authz.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: matches a request to its {@link Route} (404 for an unknown path, 405 for a known path with another
 * method), authenticates the API key and checks the operation's permission against the key and the principal's
 * roles (401 and 403), reads the body, runs the resource and writes its JSON or an RFC 9457 problem. Thread-safe.
 */
final class Api implements HttpHandler {
  static final int MAX_BODY = 16 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private final List<Route> routes;
  private final ApiKeys keys;
  private final AccessGuard guard;
  private final Scope scope;

  Api(Services services, ApiKeys keys, AccessGuard guard, Scope scope, BooleanSupplier ready) {
    this.keys = keys;
    this.guard = guard;
    this.scope = scope;
    CostResource costs = new CostResource(services);
    BudgetResource budgets = new BudgetResource(services);
    MonitoringResource monitoring = new MonitoringResource(services);
    SimulationResource simulations = new SimulationResource(services);
    WebhookResource webhooks = new WebhookResource(services);
    ScheduleResource schedules = new ScheduleResource(services);
    this.routes = List.of(
        Route.open("GET", "/health/live", r -> Response.ok(Json.object().put("status", "UP"))),
        Route.open("GET", "/health/ready", r -> ready(ready.getAsBoolean())),
        Route.guarded("GET", "/v1/costs", "cost:read", costs::query),
        Route.guarded("POST", "/v1/costs/ingest", "cost:ingest", costs::ingest),
        Route.guarded("GET", "/v1/budgets", "budget:read", budgets::list),
        Route.guarded("GET", "/v1/budgets/{budgetId}", "budget:read", budgets::get),
        Route.guarded("PUT", "/v1/budgets/{budgetId}", "budget:change", budgets::put),
        Route.guarded("DELETE", "/v1/budgets/{budgetId}", "budget:change", budgets::delete),
        Route.guarded("POST", "/v1/metrics", "metric:write", monitoring::write),
        Route.guarded("GET", "/v1/metrics/query", "metric:read", monitoring::query),
        Route.guarded("GET", "/v1/alerts", "alert:read", monitoring::alerts),
        Route.guarded("POST", "/v1/alerts/{fingerprint}/acknowledge", "alert:acknowledge", monitoring::acknowledge),
        Route.guarded("GET", "/v1/simulations", "simulation:read", simulations::list),
        Route.guarded("POST", "/v1/simulations", "simulation:run", simulations::start),
        Route.guarded("GET", "/v1/simulations/{simulationId}", "simulation:read", simulations::get),
        Route.guarded("DELETE", "/v1/simulations/{simulationId}", "simulation:run", simulations::cancel),
        Route.guarded("GET", "/v1/webhooks/subscriptions", "webhook:read", webhooks::list),
        Route.guarded("POST", "/v1/webhooks/subscriptions", "webhook:manage", webhooks::create),
        Route.guarded("GET", "/v1/webhooks/subscriptions/{subscriptionId}", "webhook:read", webhooks::get),
        Route.guarded("DELETE", "/v1/webhooks/subscriptions/{subscriptionId}", "webhook:manage", webhooks::delete),
        Route.guarded("GET", "/v1/schedules", "schedule:read", schedules::list),
        Route.guarded("POST", "/v1/schedules", "workload:place", schedules::create),
        Route.guarded("GET", "/v1/schedules/{scheduleId}", "schedule:read", schedules::get));
  }

  /** The implemented operations, for the test that compares them with the OpenAPI document. */
  List<Route> routes() {
    return routes;
  }

  private static Response ready(boolean ready) {
    ObjectNode body = Json.object().put("status", ready ? "UP" : "DOWN");
    body.putObject("checks").put("accepting", ready ? "UP" : "DOWN");
    return new Response(ready ? 200 : 503, Map.of(), Optional.of(body));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    try {
      Response response;
      try {
        response = dispatch(exchange, path);
      } catch (ApiException e) {
        response = problem(e, path);
      } catch (RuntimeException e) {
        LOG.error("request {} {} failed", exchange.getRequestMethod(), path, e);
        response = problem(new ApiException(500, "internal", "Internal error",
            "the server failed on this request; see its log", List.of(), Map.of()), path);
      }
      write(exchange, response);
    } finally {
      exchange.close();
    }
  }

  private Response dispatch(HttpExchange exchange, String rawPath) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    List<String> allowed = new ArrayList<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(rawPath);
      if (params.isEmpty()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      Optional<Principal> principal = Optional.empty();
      if (route.permission().isPresent()) {
        principal = Optional.of(authorize(exchange, route.permission().get()));
      }
      byte[] body = readBody(exchange);
      Map<String, String> decoded = new LinkedHashMap<>();
      params.get().forEach((k, v) -> decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
      String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
          .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
      Request request = new Request(method, rawPath, decoded, query(exchange.getRequestURI().getRawQuery()), type,
          body, principal);
      return route.handler().handle(request);
    }
    if (!allowed.isEmpty()) {
      return problem(new ApiException(405, "method-not-allowed", "Method not allowed",
          method + " is not allowed on " + rawPath + "; allowed: " + allowed, List.of(),
          Map.of("Allow", String.join(", ", allowed))), rawPath);
    }
    throw new ApiException(404, "not-found", "No such resource", "no operation at " + rawPath, List.of(), Map.of());
  }

  /** Authenticates the bearer key and checks the permission on the key and on the principal's roles. */
  private Principal authorize(HttpExchange exchange, Permission permission) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || header.isBlank()) {
      throw ApiException.unauthorized("send an API key as 'Authorization: Bearer strk_...'");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("the Authorization header must use the Bearer scheme with an API key");
    }
    ApiKeyRecord key;
    try {
      key = keys.authenticate(header.substring(7).trim());
    } catch (AuthenticationException e) {
      throw ApiException.unauthorized(e.getMessage());
    }
    if (!key.permits(permission)) {
      throw ApiException.forbidden("API key " + key.id() + " is limited to " + key.permissions()
          + " and does not permit " + permission);
    }
    Principal principal = Principal.serviceAccount(key.principalId());
    try {
      guard.require(principal, permission, scope);
    } catch (AccessDeniedException e) {
      throw ApiException.forbidden(e.getMessage());
    }
    return principal;
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw ApiException.invalid("body", null, "must be at most " + MAX_BODY + " bytes");
      }
      return body;
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  static Response problem(ApiException e, String instance) {
    ObjectNode body = Json.object();
    body.put("type", "/problems/" + e.type()).put("title", e.title()).put("status", e.status())
        .put("detail", e.getMessage()).put("instance", instance);
    if (!e.errors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (ApiException.FieldError f : e.errors()) {
        ObjectNode o = errors.addObject().put("field", f.field());
        if (f.value() != null) {
          o.set("value", Json.MAPPER.valueToTree(f.value()));
        }
        o.put("rule", f.rule());
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(e.headers());
    headers.put("Content-Type", "application/problem+json");
    return new Response(e.status(), headers, Optional.of(body));
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.body().isEmpty()) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    byte[] bytes = Json.write(response.body().get());
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
