package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/metrics} and {@code /v1/alerts}: the metric store and the alert engine. Thread-safe. */
final class MonitoringResource {
  static final int MAX_SAMPLES = 10_000;
  private final Services services;

  MonitoringResource(Services services) {
    this.services = services;
  }

  Response write(Request request) {
    ObjectNode body = Json.readObject(request);
    Fields f = new Fields();
    f.onlyKnown(body, "", Set.of("samples"));
    JsonNode samples = body.get("samples");
    List<MetricSample> parsed = new ArrayList<>();
    if (samples == null || !samples.isArray() || samples.isEmpty() || samples.size() > MAX_SAMPLES) {
      f.reject("samples", samples, "must be an array of 1 to " + MAX_SAMPLES + " samples");
    } else {
      for (int i = 0; i < samples.size(); i++) {
        sample(samples.get(i), "samples[" + i + "]", f).ifPresent(parsed::add);
      }
    }
    f.check();
    int appended = 0;
    int duplicates = 0;
    ObjectNode out = Json.object();
    ArrayNode rejected = Json.array();
    synchronized (services.metrics) {
      for (int i = 0; i < parsed.size(); i++) {
        MetricSample s = parsed.get(i);
        AppendResult r = services.metrics.append(s);
        if (r == AppendResult.APPENDED) {
          appended++;
          services.alerts.accept(s);
        } else if (r == AppendResult.DUPLICATE) {
          duplicates++;
        } else {
          rejected.add(Json.object().put("index", i).put("reason", r.name()));
        }
      }
    }
    services.alerts.tick();
    out.put("appended", appended).put("duplicates", duplicates).set("rejected", rejected);
    return Response.ok(out);
  }

  private static Optional<MetricSample> sample(JsonNode node, String path, Fields f) {
    if (!node.isObject()) {
      f.reject(path, node, "must be an object {metric, labels, timestamp, value}");
      return Optional.empty();
    }
    ObjectNode o = (ObjectNode) node;
    String p = path + ".";
    f.onlyKnown(o, p, Set.of("metric", "labels", "timestamp", "value"));
    Optional<String> metric = f.string(o, p, "metric", true);
    Map<String, String> labels = f.labels(o, p, "labels");
    Optional<String> time = f.string(o, p, "timestamp", true);
    Optional<Instant> at = Optional.empty();
    if (time.isPresent()) {
      try {
        at = Optional.of(Instant.parse(time.get()));
      } catch (DateTimeParseException e) {
        f.reject(p + "timestamp", time.get(), "must be an RFC 3339 UTC time, e.g. 2026-06-01T00:00:00Z");
      }
    }
    Optional<Double> value = f.number(o, p, "value", true, -Double.MAX_VALUE, false, Double.MAX_VALUE);
    if (metric.isEmpty() || at.isEmpty() || value.isEmpty()) {
      return Optional.empty();
    }
    Optional<SeriesId> id = f.convert(p + "metric", o, m -> SeriesId.of(m, labels), metric.get());
    Instant t = at.get();
    return id.map(s -> new MetricSample(s, t.toEpochMilli(), value.get()));
  }

  Response query(Request request) {
    Fields f = new Fields();
    String text = request.query("selector").orElse("");
    Optional<SeriesSelector> selector = text.isEmpty() ? Optional.empty()
        : f.convert("selector", text, SeriesSelector::parse, text);
    if (text.isEmpty()) {
      f.reject("selector", null, "is required, e.g. cpu.utilization{region=\"eu-west-1\"}");
    }
    Optional<String> fromText = request.query("from");
    Optional<String> toText = request.query("to");
    if (fromText.isEmpty()) {
      f.reject("from", null, "is required");
    }
    if (toText.isEmpty()) {
      f.reject("to", null, "is required");
    }
    f.check();
    Instant from = Fields.instant("from", fromText.orElseThrow());
    Instant to = Fields.instant("to", toText.orElseThrow());
    if (!from.isBefore(to)) {
      throw ApiException.invalid("to", to.toString(), "must be after from (" + from + ")");
    }
    Optional<Duration> step = request.query("step").map(s -> Fields.duration("step", s));
    String aggregation = request.query("aggregation").orElse("AVG");
    Aggregation agg;
    try {
      agg = Aggregation.valueOf(aggregation);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("aggregation", aggregation, "must be one of MIN, MAX, SUM, COUNT, AVG, LAST");
    }
    List<SeriesData> data;
    try {
      data = step.isPresent()
          ? services.metrics.query(selector.orElseThrow(), from.toEpochMilli(), to.toEpochMilli(), step.get(), agg)
          : services.metrics.query(selector.orElseThrow(), from.toEpochMilli(), to.toEpochMilli());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("step", request.query("step").orElse(null), e.getMessage());
    }
    return Response.ok(Json.page(Pages.page(data, request), MonitoringResource::series));
  }

  private static JsonNode series(SeriesData d) {
    ObjectNode n = Json.object();
    n.put("metric", d.series().metric());
    n.set("labels", Json.labels(d.series().labels()));
    ArrayNode points = n.putArray("points");
    for (int i = 0; i < d.size(); i++) {
      ObjectNode p = Json.object().put("timestamp", Instant.ofEpochMilli(d.timestamp(i)).toString());
      p.set("value", Json.number(d.value(i)));
      points.add(p);
    }
    return n;
  }

  Response alerts(Request request) {
    Optional<String> state = request.query("state");
    if (state.isPresent() && !List.of("PENDING", "FIRING").contains(state.get())) {
      throw ApiException.invalid("state", state.get(), "must be PENDING or FIRING");
    }
    List<Alert> all = services.alerts.alerts().stream()
        .filter(a -> state.isEmpty() || a.state().name().equals(state.get()))
        .sorted(Comparator.comparing(Alert::fingerprint)).toList();
    return Response.ok(Json.page(Pages.page(all, request), MonitoringResource::alert));
  }

  Response acknowledge(Request request) {
    String fp = request.pathParam("fingerprint");
    Alert alert = find(fp);
    if (alert.state() != AlertState.FIRING) {
      throw ApiException.conflict("alert " + fp + " is " + alert.state() + "; only a firing alert is acknowledged");
    }
    services.alerts.acknowledge(fp, request.principalId());
    return Response.ok(alert(find(fp)));
  }

  private Alert find(String fingerprint) {
    return services.alerts.alerts().stream().filter(a -> a.fingerprint().equals(fingerprint)).findFirst()
        .orElseThrow(() -> ApiException.notFound("alert", fingerprint));
  }

  private static JsonNode alert(Alert a) {
    ObjectNode n = Json.object();
    n.put("fingerprint", a.fingerprint()).put("name", a.name());
    n.set("labels", Json.labels(a.labels()));
    n.put("state", a.state().name()).put("severity", a.severity().name());
    n.set("value", Json.number(a.value()));
    n.put("activeSince", a.activeSince().toString());
    a.firedAt().ifPresent(t -> n.put("firedAt", t.toString()));
    a.acknowledgedBy().ifPresent(by -> n.put("acknowledgedBy", by));
    n.put("silenced", a.silenced());
    a.incidentId().ifPresent(i -> n.put("incidentId", i));
    return n;
  }
}
