package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.Money;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioFormatException;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.validation.ConfidenceInterval;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * {@code /v1/simulations}: scenarios run in the background on the server's simulation pool, one pool thread per
 * simulation (the runs of one scenario go one after the other), so the pool size bounds the CPU they take.
 * Thread-safe.
 */
final class SimulationResource {
  private final Services services;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();

  /** One submitted simulation; its mutable state is guarded by itself. */
  private static final class Run {
    final String id;
    final ScenarioSpec spec;
    final Instant submittedAt;
    String state = "RUNNING";
    Instant finishedAt;
    List<RunResult> results = List.of();
    String error;
    Future<?> future;

    Run(String id, ScenarioSpec spec, Instant submittedAt) {
      this.id = id;
      this.spec = spec;
      this.submittedAt = submittedAt;
    }
  }

  SimulationResource(Services services) {
    this.services = services;
  }

  Response start(Request request) {
    request.requireContentType(List.of("application/json", "application/yaml"));
    String text = new String(request.body(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw ApiException.invalid("body", "", "must be a scenario (JSON or YAML)");
    }
    ScenarioSpec spec;
    try {
      // The parser reads YAML for sources named *.yaml, JSON otherwise.
      String source = request.contentType().equals("application/yaml") ? "request.yaml" : "request.json";
      spec = ScenarioSpec.parse(text, source, services.scenarioLimits);
    } catch (ScenarioFormatException e) {
      String field = e.field() == null || e.field().isBlank() ? "body" : e.field();
      throw ApiException.invalid(field, null, e.getMessage());
    }
    String id = services.newId("sim");
    Run run = new Run(id, spec, services.clock.instant());
    synchronized (order) {
      order.add(id);
      runs.put(id, run);
    }
    synchronized (run) {
      run.future = services.simulationPool.submit(() -> execute(run));
    }
    return new Response(202, Map.of("Location", "/v1/simulations/" + id), Optional.of(render(run)));
  }

  private void execute(Run run) {
    List<RunResult> results = null;
    String error = null;
    try {
      results = ScenarioEngine.create(services.catalog).run(run.spec, Runnable::run);
    } catch (RuntimeException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    synchronized (run) {
      if (run.state.equals("RUNNING")) {
        run.finishedAt = services.clock.instant();
        if (results != null) {
          run.results = results;
          run.state = "SUCCEEDED";
        } else {
          run.error = error;
          run.state = "FAILED";
        }
      }
    }
  }

  Response list(Request request) {
    List<Run> all;
    synchronized (order) {
      all = order.stream().map(runs::get).toList();
    }
    return Response.ok(Json.page(Pages.page(all, request), this::render));
  }

  Response get(Request request) {
    return Response.ok(render(find(request.pathParam("simulationId"))));
  }

  Response cancel(Request request) {
    Run run = find(request.pathParam("simulationId"));
    synchronized (run) {
      if (run.state.equals("RUNNING")) {
        run.future.cancel(true);
        run.state = "CANCELLED";
        run.finishedAt = services.clock.instant();
      }
    }
    return Response.ok(render(run));
  }

  private Run find(String id) {
    Run run = runs.get(id);
    if (run == null) {
      throw ApiException.notFound("simulation", id);
    }
    return run;
  }

  private JsonNode render(Run run) {
    synchronized (run) {
      ObjectNode n = Json.object();
      n.put("id", run.id).put("scenario", run.spec.name()).put("state", run.state)
          .put("submittedAt", run.submittedAt.toString());
      if (run.finishedAt != null) {
        n.put("finishedAt", run.finishedAt.toString());
      }
      if (run.state.equals("SUCCEEDED")) {
        n.put("runs", run.results.size());
        ArrayNode summaries = n.putArray("summaries");
        for (ScenarioEngine.SchedulerSummary s : ScenarioEngine.compare(run.results, run.spec.confidenceLevel())) {
          ObjectNode o = summaries.addObject();
          o.put("scheduler", s.scheduler().id()).put("replications", s.replications());
          o.set("cost", interval(s.cost()));
          o.set("sloViolations", interval(s.sloViolations()));
          o.set("interruptions", interval(s.interruptions()));
          o.set("migrations", interval(s.migrations()));
          o.set("totalCost", Json.money(Money.usd(s.totalCost())));
        }
      }
      if (run.error != null) {
        n.put("error", run.error);
      }
      return n;
    }
  }

  private static JsonNode interval(ConfidenceInterval ci) {
    ObjectNode n = Json.object();
    n.set("mean", Json.number(ci.mean()));
    n.set("lower", Json.number(ci.lower()));
    n.set("upper", Json.number(ci.upper()));
    n.put("level", ci.level());
    return n;
  }
}
