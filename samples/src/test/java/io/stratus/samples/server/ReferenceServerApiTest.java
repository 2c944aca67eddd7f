package io.stratus.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.adapters.webhooks.EventType;
import io.stratus.security.authz.Permission;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the reference server on a free loopback port and calls every operation of the OpenAPI document with the JDK
 * HttpClient; {@link ApiClient} validates every response (status, media type, body) against the document.
 */
class ReferenceServerApiTest {
  @TempDir
  static Path dir;
  static InstantSource clock;
  static ReferenceServer server;
  static ApiClient api;
  static String admin;
  static String viewer;
  static String costOnly;

  @BeforeAll
  static void start() {
    clock = Fixtures.clock();
    server = ReferenceServer.builder().port(0).dataDirectory(dir).clock(clock)
        .shutdownGrace(Duration.ofSeconds(2))
        .deliveryInterval(Duration.ofMillis(50)).start();
    api = new ApiClient(server.baseUri(), OpenApiContract.load());
    admin = server.issueKey("ops-bot", "admin", Set.of(Permission.parse("*:*")), Duration.ofDays(1)).token();
    viewer = server.issueKey("dashboard", "viewer", Set.of(Permission.parse("*:*")), Duration.ofDays(1)).token();
    costOnly = server.issueKey("billing-bot", "operator", Set.of(Permission.parse("cost:read")), Duration.ofDays(1))
        .token();
    ApiClient.Reply ingest = api.send("POST", "/v1/costs/ingest?source=focus&fileName=march-june.csv", admin,
        "text/csv", Fixtures.focusCsv());
    assertThat(ingest.status()).as(ingest.text()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void health_isOpen_andReady() {
    assertThat(api.get("/health/live", null).json().get("status").asText()).isEqualTo("UP");
    ApiClient.Reply ready = api.get("/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().at("/checks/accepting").asText()).isEqualTo("UP");
  }

  @Test
  void noKey_malformedKey_wrongScheme_areUnauthorized() {
    for (String token : new String[] {null, "strk_nothex_short", "Basic dXNlcjpwYXNz",
        "strk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
      ApiClient.Reply r = api.get("/v1/budgets", token);
      assertThat(r.status()).as(String.valueOf(token)).isEqualTo(401);
      assertThat(r.header("Content-Type")).contains("application/problem+json");
      assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(r.json().get("type").asText()).isEqualTo("/problems/unauthorized");
      assertThat(r.text()).doesNotContain("AAAAAAAAAAAAAAAA");
    }
  }

  @Test
  void viewerRole_cannotChange_keyLimitedToCostRead_cannotReadBudgets() {
    ApiClient.Reply byRole = api.put("/v1/budgets/x", viewer, "{\"amount\":{\"amount\":\"10\",\"currency\":\"USD\"}}");
    assertThat(byRole.status()).isEqualTo(403);
    assertThat(byRole.json().get("detail").asText()).contains("dashboard").contains("budget:change");
    assertThat(api.get("/v1/budgets", viewer).status()).isEqualTo(200);

    ApiClient.Reply byKey = api.get("/v1/budgets", costOnly);
    assertThat(byKey.status()).isEqualTo(403);
    assertThat(byKey.json().get("detail").asText()).contains("cost:read").contains("budget:read");
    assertThat(api.get("/v1/costs", costOnly).status()).isEqualTo(200);
  }

  @Test
  void unknownPath_isNotFound_otherMethod_isNotAllowed() {
    assertThat(api.get("/v1/nothing", admin).status()).isEqualTo(404);
    ApiClient.Reply r = api.send("PATCH", "/v1/budgets/x", admin, "application/json", "{}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET", "PUT", "DELETE"));
  }

  @Test
  void costs_groupedByTeam_paginated() {
    String q = "/v1/costs?groupBy=tag:team&from=2026-06-01T00:00:00Z&to=2026-06-21T00:00:00Z&limit=1";
    ApiClient.Reply first = api.get(q, costOnly);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("items")).hasSize(1);
    assertThat(new BigDecimal(first.json().at("/totals/0/amount").asText())).isEqualByComparingTo("7400");
    String cursor = first.json().get("nextCursor").asText();
    ApiClient.Reply second = api.get(q + "&cursor=" + cursor, costOnly);
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().has("nextCursor")).isFalse();
    List<String> teams = new ArrayList<>();
    teams.add(first.json().at("/items/0/key/0").asText());
    teams.add(second.json().at("/items/0/key/0").asText());
    assertThat(teams).containsExactly("search", "payments");
    assertThat(new BigDecimal(second.json().at("/items/0/amount/amount").asText())).isEqualByComparingTo("1400");
  }

  @Test
  void costQuery_badParameters_listEveryField() {
    ApiClient.Reply r = api.get("/v1/costs?groupBy=Colour&granularity=WEEK&where=nothing&from=2026-06-02T00:00:00Z"
        + "&to=2026-06-01T00:00:00Z", admin);
    assertThat(r.status()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("to", "groupBy", "where", "granularity");
    assertThat(r.json().at("/errors/1/value").asText()).isEqualTo("Colour");
    assertThat(api.get("/v1/costs?cursor=bm9wZQ", admin).json().at("/errors/0/field").asText()).isEqualTo("cursor");
    assertThat(api.get("/v1/costs?limit=0", admin).json().at("/errors/0/rule").asText()).contains("1 to 200");
  }

  @Test
  void ingest_wrongMediaType_isUnsupported_unreadableFile_isInvalid() {
    ApiClient.Reply json = api.send("POST", "/v1/costs/ingest", admin, "application/json", "{}");
    assertThat(json.status()).isEqualTo(415);
    ApiClient.Reply garbage = api.send("POST", "/v1/costs/ingest", admin, "text/csv", "colour,size\nred,3\n");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().at("/errors/0/field").asText()).isEqualTo("body");
    ApiClient.Reply badSource = api.send("POST", "/v1/costs/ingest?source=Bad%20Source", admin, "text/csv", "x");
    assertThat(badSource.json().at("/errors/0/field").asText()).isEqualTo("source");
  }

  @Test
  void budgets_createReplaceStatusListDelete() {
    String body = """
        {"name": "Payments monthly", "scope": {"tag:team": "payments"},
         "amount": {"amount": "1800", "currency": "USD"},
         "thresholds": [{"basis": "ACTUAL", "percent": 80, "action": "NOTIFY"},
                        {"basis": "FORECAST", "percent": 100, "action": "NOTIFY"}]}
        """;
    ApiClient.Reply created = api.put("/v1/budgets/payments-monthly", admin, body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).hasValue("/v1/budgets/payments-monthly");
    JsonNode status = created.json().get("status");
    assertThat(status.at("/actual/amount").asText()).startsWith("1400");
    assertThat(status.get("actualPercent").asDouble()).isGreaterThan(77).isLessThan(78);
    assertThat(status.get("forecastPercent").asDouble()).isGreaterThan(100);
    assertThat(status.get("crossed")).hasSize(1);
    assertThat(api.put("/v1/budgets/payments-monthly", admin, body).status()).isEqualTo(200);
    assertThat(api.put("/v1/budgets/search-monthly", admin,
        "{\"amount\":{\"amount\":\"20000\",\"currency\":\"USD\"},\"scope\":{\"tag:team\":\"search\"}}").status())
        .isEqualTo(201);
    ApiClient.Reply page = api.get("/v1/budgets?limit=1", viewer);
    assertThat(page.json().at("/items/0/id").asText()).isEqualTo("payments-monthly");
    ApiClient.Reply rest = api.get("/v1/budgets?limit=1&cursor=" + page.json().get("nextCursor").asText(), viewer);
    assertThat(rest.json().at("/items/0/id").asText()).isEqualTo("search-monthly");
    assertThat(api.get("/v1/budgets/search-monthly", viewer).json().at("/amount/amount").asText()).isEqualTo("20000");
    assertThat(api.delete("/v1/budgets/search-monthly", admin).status()).isEqualTo(204);
    assertThat(api.get("/v1/budgets/search-monthly", admin).status()).isEqualTo(404);
    assertThat(api.delete("/v1/budgets/search-monthly", admin).status()).isEqualTo(404);
  }

  @Test
  void budget_validation_namesEveryFieldValueAndRule() {
    ApiClient.Reply r = api.put("/v1/budgets/bad", admin, """
        {"amount": {"amount": "12,50", "currency": "USD"}, "period": "WEEKLY", "colour": "red",
         "scope": {"Weather": "rain"},
         "thresholds": [{"basis": "ACTUAL", "percent": -5, "action": "PAGE"}]}
        """);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).isEqualTo("/problems/validation");
    assertThat(fields(r)).containsExactlyInAnyOrder("colour", "scope.Weather", "amount.amount", "period",
        "thresholds[0].percent", "thresholds[0].action");
    JsonNode amount = error(r, "amount.amount");
    assertThat(amount.get("value").asText()).isEqualTo("12,50");
    assertThat(amount.get("rule").asText()).contains("decimal");
    assertThat(api.put("/v1/budgets/bad", admin, "{not json").json().at("/errors/0/field").asText())
        .isEqualTo("body");
    assertThat(api.put("/v1/budgets/bad%20id", admin, "{}").json().at("/errors/0/field").asText())
        .isEqualTo("budgetId");
    assertThat(api.send("PUT", "/v1/budgets/b", admin, "text/plain", "x").status()).isEqualTo(415);
  }

  @Test
  void metrics_fireAnAlert_thatIsListedQueriedAndAcknowledged() {
    long now = clock.millis();
    StringBuilder samples = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      samples.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
          "{\"metric\":\"cpu.utilization\",\"labels\":{\"resource\":\"vm-7\",\"team\":\"search\"},"
              + "\"timestamp\":\"%s\",\"value\":%d}", java.time.Instant.ofEpochMilli(now - 120_000 + i * 60_000),
          93 + i));
    }
    ApiClient.Reply written = api.post("/v1/metrics", admin, "{\"samples\":[" + samples + "]}");
    assertThat(written.status()).isEqualTo(200);
    assertThat(written.json().get("appended").asInt()).as(written.text()).isEqualTo(3);
    // The last point again is a duplicate; an older one is refused as out of order and named by its index.
    String last = samples.substring(samples.lastIndexOf(",{") + 1);
    String first = samples.substring(0, samples.indexOf("},{") + 1);
    ApiClient.Reply again = api.post("/v1/metrics", admin, "{\"samples\":[" + last + "," + first + "]}");
    assertThat(again.json().get("duplicates").asInt()).as(again.text()).isEqualTo(1);
    assertThat(again.json().at("/rejected/0/index").asInt()).isEqualTo(1);
    assertThat(again.json().at("/rejected/0/reason").asText()).isEqualTo("REJECTED_OUT_OF_ORDER");

    ApiClient.Reply alerts = api.get("/v1/alerts?state=FIRING", viewer);
    JsonNode alert = alerts.json().at("/items/0");
    assertThat(alert.get("name").asText()).isEqualTo("HighCpu");
    assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
    String fp = alert.get("fingerprint").asText();
    ApiClient.Reply ack = api.post("/v1/alerts/" + fp + "/acknowledge", admin, null);
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().get("acknowledgedBy").asText()).isEqualTo("ops-bot");
    assertThat(api.post("/v1/alerts/nope/acknowledge", admin, null).status()).isEqualTo(404);
    assertThat(api.post("/v1/alerts/" + fp + "/acknowledge", viewer, null).status()).isEqualTo(403);

    String from = java.time.Instant.ofEpochMilli(now - 600_000).toString();
    String to = java.time.Instant.ofEpochMilli(now + 60_000).toString();
    ApiClient.Reply series = api.get("/v1/metrics/query?selector=" + enc("cpu.utilization{resource=\"vm-7\"}")
        + "&from=" + from + "&to=" + to + "&step=PT10M&aggregation=MAX", viewer);
    assertThat(series.status()).isEqualTo(200);
    assertThat(series.json().at("/items/0/labels/team").asText()).isEqualTo("search");
    assertThat(series.json().at("/items/0/points")).isNotEmpty();
    double max = 0;
    for (JsonNode point : series.json().at("/items/0/points")) {
      max = Math.max(max, point.get("value").asDouble());
    }
    assertThat(max).as("the largest of the 10-minute maxima").isEqualTo(95);
    ApiClient.Reply raw = api.get("/v1/metrics/query?selector=cpu.utilization&from=" + from + "&to=" + to, viewer);
    assertThat(raw.json().at("/items/0/points")).hasSize(3);
  }

  @Test
  void metrics_validation_rejectsTheWholeBatch_listingEachSample() {
    ApiClient.Reply r = api.post("/v1/metrics", admin, """
        {"samples": [{"metric": "9bad name", "timestamp": "2026-06-21T09:00:00Z", "value": 1},
                     {"metric": "ok", "value": "high"},
                     {"metric": "ok", "timestamp": "yesterday", "value": 2, "unit": "%"}]}
        """);
    assertThat(r.status()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("samples[0].metric", "samples[1].timestamp", "samples[1].value",
        "samples[2].unit", "samples[2].timestamp");
    assertThat(api.get("/v1/metrics/query?selector=ok&from=2026-06-21T00:00:00Z&to=2026-06-22T00:00:00Z", admin)
        .json().get("items")).isEmpty();
    ApiClient.Reply missing = api.get("/v1/metrics/query", admin);
    assertThat(fields(missing)).containsExactlyInAnyOrder("selector", "from", "to");
    assertThat(api.get("/v1/alerts?state=RESOLVED", admin).status()).isEqualTo(400);
  }

  @Test
  void simulation_runsInTheBackground_andReportsPerScheduler() {
    ApiClient.Reply started = api.send("POST", "/v1/simulations", admin, "application/json", Fixtures.SCENARIO);
    assertThat(started.status()).isEqualTo(202);
    String location = started.header("Location").orElseThrow();
    Fixtures.await(Duration.ofMinutes(2), () -> !api.get(location, viewer).json().get("state").asText()
        .equals("RUNNING"));
    JsonNode done = api.get(location, viewer).json();
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("runs").asInt()).isEqualTo(4);
    assertThat(done.get("summaries")).extracting(s -> s.get("scheduler").asText())
        .containsExactly("cost-aware", "first-fit");
    assertThat(done.at("/summaries/0/totalCost/currency").asText()).isEqualTo("USD");
    assertThat(api.delete(location, admin).json().get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.get("/v1/simulations", viewer).json().get("items")).isNotEmpty();
    assertThat(api.get("/v1/simulations/none", viewer).status()).isEqualTo(404);
    assertThat(api.delete("/v1/simulations/none", admin).status()).isEqualTo(404);
  }

  @Test
  void simulation_badScenario_andOverLimit_areValidationErrors() {
    ApiClient.Reply bad = api.send("POST", "/v1/simulations", admin, "application/json",
        Fixtures.SCENARIO.replace("\"replications\": 2", "\"replications\": -1"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("replications");
    ApiClient.Reply long_ = api.send("POST", "/v1/simulations", admin, "application/yaml",
        "name: too-long\nstart: '2026-01-05T00:00:00Z'\nduration: P400D\nseed: 1\nschedulers: [first-fit]\n"
            + "environment: {providers: [aws], regions: ['aws:us-east-1']}\n"
            + "workloads: [{name: w, arrivals: {type: constant, perHour: 1}}]\n");
    assertThat(long_.status()).as(long_.text()).isEqualTo(400);
    assertThat(long_.json().at("/errors/0/rule").asText()).contains("duration");
    assertThat(api.send("POST", "/v1/simulations", admin, "text/plain", "x").status()).isEqualTo(415);
  }

  @Test
  void schedules_placeWithinCompliance_andPublishSignedEvents() {
    try (Fixtures.Receiver receiver = new Fixtures.Receiver(clock)) {
      ApiClient.Reply sub = api.post("/v1/webhooks/subscriptions", admin, "{\"id\":\"placements\",\"endpoint\":\""
          + receiver.endpoint() + "\",\"eventTypes\":[\"" + EventType.SCHEDULING_DECISION.ceType()
          + "\"],\"labels\":{\"team\":\"shop\"}}");
      assertThat(sub.status()).isEqualTo(201);
      receiver.trust(sub.json().get("secret").asText());
      assertThat(api.post("/v1/webhooks/subscriptions", admin, "{\"id\":\"placements\",\"endpoint\":\""
          + receiver.endpoint() + "\"}").status()).isEqualTo(409);

      ApiClient.Reply plan = api.post("/v1/schedules", admin, """
          {"tradeOff": 0.2, "workloads": [
            {"id": "shop-api", "vcpus": 4, "memoryGib": 16, "labels": {"team": "shop"},
             "allowedJurisdictions": ["EU"]},
            {"id": "shop-giant", "vcpus": 1000, "memoryGib": 30000, "labels": {"team": "shop"}},
            {"id": "ads", "vcpus": 2, "memoryGib": 4, "labels": {"team": "ads"}, "allowedProviders": ["gcp"]}]}
          """);
      assertThat(plan.status()).as(plan.text()).isEqualTo(201);
      JsonNode p = plan.json();
      assertThat(p.get("assignments")).extracting(a -> a.get("workloadId").asText())
          .containsExactlyInAnyOrder("shop-api", "ads");
      JsonNode shop = find(p.get("assignments"), "shop-api");
      assertThat(shop.get("region").asText()).satisfiesAnyOf(
          r -> assertThat(r).contains("eu"), r -> assertThat(r).contains("europe"));
      assertThat(find(p.get("assignments"), "ads").get("provider").asText()).isEqualTo("gcp");
      assertThat(p.at("/unschedulable/0/workloadId").asText()).isEqualTo("shop-giant");
      assertThat(api.get(plan.header("Location").orElseThrow(), viewer).json()).isEqualTo(p);
      assertThat(api.get("/v1/schedules", viewer).json().get("items")).isNotEmpty();
      assertThat(api.get("/v1/schedules/nope", viewer).status()).isEqualTo(404);

      Fixtures.await(Duration.ofSeconds(30), () -> receiver.events.size() >= 2);
      assertThat(receiver.rejected).isEmpty();
      assertThat(receiver.events).allSatisfy(e -> {
        assertThat(e.type()).isEqualTo(EventType.SCHEDULING_DECISION);
        assertThat(e.labels()).containsEntry("team", "shop");
      });
      assertThat(receiver.events).extracting(e -> e.data().get("workloadId").asText())
          .containsExactlyInAnyOrder("shop-api", "shop-giant");
      assertThat(api.delete("/v1/webhooks/subscriptions/placements", admin).status()).isEqualTo(204);
    }
  }

  @Test
  void schedule_validation_namesTheWorkloadFields() {
    ApiClient.Reply r = api.post("/v1/schedules", admin, """
        {"tradeOff": 2, "workloads": [{"id": "a", "vcpus": 0, "memoryGib": 4},
          {"id": "a", "vcpus": 1, "memoryGib": 1, "allowedJurisdictions": ["MARS"], "expectedDuration": "soon"}]}
        """);
    assertThat(r.status()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("tradeOff", "workloads[0].vcpus",
        "workloads[1].allowedJurisdictions[0]", "workloads[1].expectedDuration");
    assertThat(api.post("/v1/schedules", admin, "{\"workloads\": []}").json().at("/errors/0/field").asText())
        .isEqualTo("workloads");
  }

  @Test
  void subscriptions_listGetDelete_andValidate() {
    ApiClient.Reply created = api.post("/v1/webhooks/subscriptions", admin,
        "{\"endpoint\":\"https://hooks.example.com/stratus\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("secret").asText()).startsWith("whsec_");
    ApiClient.Reply got = api.get("/v1/webhooks/subscriptions/" + id, viewer);
    assertThat(got.json().has("secret")).isFalse();
    assertThat(got.json().get("eventTypes")).isEmpty();
    assertThat(api.get("/v1/webhooks/subscriptions", viewer).json().get("items"))
        .extracting(s -> s.get("id").asText()).contains(id);
    assertThat(api.post("/v1/webhooks/subscriptions", viewer, "{\"endpoint\":\"https://x.example\"}").status())
        .isEqualTo(403);
    ApiClient.Reply bad = api.post("/v1/webhooks/subscriptions", admin,
        "{\"endpoint\":\"ftp://x\",\"eventTypes\":[\"io.stratus.nothing.v1\"],\"id\":\"bad id\"}");
    assertThat(fields(bad)).containsExactlyInAnyOrder("id", "endpoint", "eventTypes[0]");
    assertThat(api.delete("/v1/webhooks/subscriptions/" + id, admin).status()).isEqualTo(204);
    assertThat(api.get("/v1/webhooks/subscriptions/" + id, admin).status()).isEqualTo(404);
    assertThat(api.delete("/v1/webhooks/subscriptions/" + id, admin).status()).isEqualTo(404);
  }

  @AfterAll
  static void everyDocumentedOperation_wasCalledWithASuccess() {
    Set<String> missing = new TreeSet<>();
    for (OpenApiContract.Operation op : OpenApiContract.load().operations()) {
      boolean succeeded = api.seen().stream().anyMatch(s -> s.startsWith(op.key() + " 2"));
      if (!succeeded) {
        missing.add(op.key());
      }
    }
    assertThat(missing).as("operations never called with a 2xx answer").isEmpty();
  }

  private static List<String> fields(ApiClient.Reply r) {
    List<String> out = new ArrayList<>();
    r.json().path("errors").forEach(e -> out.add(e.get("field").asText()));
    return out;
  }

  private static JsonNode error(ApiClient.Reply r, String field) {
    for (JsonNode e : r.json().path("errors")) {
      if (e.get("field").asText().equals(field)) {
        return e;
      }
    }
    throw new AssertionError("no error for " + field + " in " + r.text());
  }

  private static JsonNode find(JsonNode assignments, String workload) {
    for (JsonNode a : assignments) {
      if (a.get("workloadId").asText().equals(workload)) {
        return a;
      }
    }
    throw new AssertionError("no assignment for " + workload + " in " + assignments);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
