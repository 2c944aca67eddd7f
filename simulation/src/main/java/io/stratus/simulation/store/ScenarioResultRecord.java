package io.stratus.simulation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioResults;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.simulation.validation.ConfidenceInterval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One stored scenario result: a sweep point of a run (its parameters, every replication with its seed, and the
 * scheduler summaries) plus its rendered outputs, text files by name (by default {@code runs.csv}, {@code sweep.csv}
 * and {@code sweep.json} from {@link ScenarioResults}). {@link #toJson()} and {@link #fromJson(String)} give the
 * lossless document form that durable stores keep (money as exact decimals, every double exactly, infinite interval
 * bounds of single-replication points included).
 *
 * <p>Immutable and thread-safe. Equal records have equal run ids, results and outputs.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioResultRecord {
  /** The {@code format} value of the document form. */
  public static final String FORMAT = "stratus-scenario-result/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runId;
  private final ScenarioEngine.SweepResult result;
  private final Map<String, String> outputs;

  private ScenarioResultRecord(String runId, ScenarioEngine.SweepResult result, Map<String, String> outputs) {
    Objects.requireNonNull(runId, "scenarioResult.runId");
    if (runId.isBlank() || runId.length() > 200) {
      throw new IllegalArgumentException("scenarioResult.runId must be 1 to 200 characters and not blank, got '"
          + runId + "'");
    }
    this.runId = runId;
    this.result = Objects.requireNonNull(result, "scenarioResult.result");
    Map<String, String> copy = new TreeMap<>();
    Objects.requireNonNull(outputs, "scenarioResult.outputs").forEach((name, text) -> {
      if (name.isBlank()) {
        throw new IllegalArgumentException("scenarioResult.outputs: an output name must not be blank");
      }
      copy.put(name, Objects.requireNonNull(text, "scenarioResult.outputs[" + name + "]"));
    });
    this.outputs = Collections.unmodifiableMap(copy);
  }

  /**
   * A record with the standard outputs: {@code runs.csv} (one row per replication, with its seed), {@code sweep.csv}
   * and {@code sweep.json} (the point's scheduler summaries).
   *
   * @param runId the host's id of the run (e.g. a scenario name and date); 1 to 200 characters; never null
   * @param result the sweep point; never null
   * @return the record; never null
   * @throws IllegalArgumentException if the run id breaks its rule
   */
  public static ScenarioResultRecord of(String runId, ScenarioEngine.SweepResult result) {
    Objects.requireNonNull(result, "result");
    StringBuilder runs = new StringBuilder();
    ScenarioResults.writeCsv(result.runs(), runs);
    StringBuilder sweepCsv = new StringBuilder();
    ScenarioResults.writeSweepCsv(List.of(result), sweepCsv);
    StringBuilder sweepJson = new StringBuilder();
    ScenarioResults.writeSweepJson(List.of(result), sweepJson);
    return new ScenarioResultRecord(runId, result, Map.of("runs.csv", runs.toString(), "sweep.csv",
        sweepCsv.toString(), "sweep.json", sweepJson.toString()));
  }

  /**
   * A record with outputs the host rendered.
   *
   * @param runId the host's id of the run; 1 to 200 characters; never null
   * @param result the sweep point; never null
   * @param outputs text outputs by non-blank name; copied; never null
   * @return the record; never null
   * @throws IllegalArgumentException if the run id or an output name breaks its rule
   */
  public static ScenarioResultRecord of(String runId, ScenarioEngine.SweepResult result, Map<String, String> outputs) {
    return new ScenarioResultRecord(runId, result, outputs);
  }

  /**
   * The run id.
   *
   * @return the id; never null
   */
  public String runId() {
    return runId;
  }

  /**
   * The sweep point number.
   *
   * @return the point
   */
  public int point() {
    return result.point();
  }

  /**
   * The point's parameters, replications (with their seeds) and scheduler summaries.
   *
   * @return the result; never null
   */
  public ScenarioEngine.SweepResult result() {
    return result;
  }

  /**
   * The rendered outputs by name, in name order.
   *
   * @return an unmodifiable map; never null
   */
  public Map<String, String> outputs() {
    return outputs;
  }

  static IllegalStateException conflict(ScenarioResultRecord r) {
    return new IllegalStateException("a different result is already stored for run '" + r.runId() + "' point "
        + r.point() + "; stored results are immutable, store the new run under a new run id");
  }

  /**
   * The lossless document form (JSON, {@code "format": "stratus-scenario-result/1"}).
   *
   * @return the document; never null
   */
  public String toJson() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("runId", runId);
    doc.put("point", result.point());
    ArrayNode params = doc.putArray("parameters");
    result.parameters().forEach((k, v) -> params.addObject().put("name", k).put("value", v));
    ArrayNode runs = doc.putArray("runs");
    for (RunResult r : result.runs()) {
      ObjectNode n = runs.addObject();
      n.put("scenario", r.scenario());
      n.put("scheduler", r.scheduler().id());
      n.put("replication", r.replication());
      n.put("seed", r.seed());
      n.put("jobs", r.jobs());
      n.put("finished", r.finished());
      n.put("failed", r.failed());
      n.put("running", r.running());
      n.put("sloViolations", r.sloViolations());
      n.put("interruptions", r.interruptions());
      n.put("instanceFailures", r.instanceFailures());
      n.put("migrations", r.migrations());
      n.put("rejectedLaunches", r.rejectedLaunches());
      n.put("cost", r.cost().toString());
      ObjectNode byProvider = n.putObject("costByProvider");
      new TreeMap<>(r.costByProvider()).forEach((k, v) -> byProvider.put(k, v.toString()));
    }
    ArrayNode summaries = doc.putArray("summaries");
    for (ScenarioEngine.SchedulerSummary s : result.summaries()) {
      ObjectNode n = summaries.addObject();
      n.put("scheduler", s.scheduler().id());
      n.put("replications", s.replications());
      interval(n.putObject("cost"), s.cost());
      interval(n.putObject("sloViolations"), s.sloViolations());
      interval(n.putObject("interruptions"), s.interruptions());
      interval(n.putObject("migrations"), s.migrations());
      n.put("totalCost", s.totalCost().toString());
    }
    ObjectNode out = doc.putObject("outputs");
    outputs.forEach(out::put);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("scenario result document is not serializable", e);
    }
  }

  private static void interval(ObjectNode n, ConfidenceInterval ci) {
    putDouble(n, "mean", ci.mean());
    putDouble(n, "lower", ci.lower());
    putDouble(n, "upper", ci.upper());
    putDouble(n, "level", ci.level());
    n.put("n", ci.n());
  }

  private static void putDouble(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.put(field, Double.toString(v));
    }
  }

  /**
   * Reads the document form written by {@link #toJson()}.
   *
   * @param json the document; never null
   * @return the record; never null
   * @throws IllegalArgumentException if the text is not such a document, naming the field and the rule
   */
  public static ScenarioResultRecord fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode doc;
    try {
      doc = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("scenario result document is not JSON: " + e.getOriginalMessage(), e);
    }
    if (doc == null || !FORMAT.equals(doc.path("format").asText(null))) {
      throw new IllegalArgumentException("scenario result document: field 'format' must be '" + FORMAT + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (JsonNode p : array(doc, "parameters")) {
      params.put(text(p, "parameters[].name"), text(p, "parameters[].value"));
    }
    List<RunResult> runs = new ArrayList<>();
    for (JsonNode n : array(doc, "runs")) {
      Map<String, BigDecimal> byProvider = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : field(n, "runs[].costByProvider").properties()) {
        byProvider.put(e.getKey(), decimal(e.getValue(), "runs[].costByProvider." + e.getKey()));
      }
      runs.add(new RunResult(text(n, "runs[].scenario"), SchedulerKind.of(text(n, "runs[].scheduler")),
          integer(n, "replication"), field(n, "runs[].seed").asLong(), integer(n, "jobs"), integer(n, "finished"),
          integer(n, "failed"), integer(n, "running"), integer(n, "sloViolations"), integer(n, "interruptions"),
          integer(n, "instanceFailures"), integer(n, "migrations"), integer(n, "rejectedLaunches"),
          decimal(field(n, "runs[].cost"), "runs[].cost"), byProvider));
    }
    List<ScenarioEngine.SchedulerSummary> summaries = new ArrayList<>();
    for (JsonNode n : array(doc, "summaries")) {
      summaries.add(new ScenarioEngine.SchedulerSummary(SchedulerKind.of(text(n, "summaries[].scheduler")),
          integer(n, "replications"), interval(field(n, "summaries[].cost")),
          interval(field(n, "summaries[].sloViolations")), interval(field(n, "summaries[].interruptions")),
          interval(field(n, "summaries[].migrations")),
          decimal(field(n, "summaries[].totalCost"), "summaries[].totalCost")));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : field(doc, "outputs").properties()) {
      outputs.put(e.getKey(), e.getValue().asText());
    }
    return new ScenarioResultRecord(text(doc, "runId"),
        new ScenarioEngine.SweepResult(integer(doc, "point"), params, runs, summaries), outputs);
  }

  private static JsonNode field(JsonNode n, String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("scenario result document: field '" + path + "' is missing");
    }
    return v;
  }

  private static Iterable<JsonNode> array(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isArray()) {
      throw new IllegalArgumentException("scenario result document: field '" + name + "' must be an array");
    }
    return v;
  }

  private static String text(JsonNode n, String path) {
    JsonNode v = field(n, path);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("scenario result document: field '" + path + "' must be a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("scenario result document: field '" + name + "' must be an int, got " + v);
    }
    return v.intValue();
  }

  private static BigDecimal decimal(JsonNode v, String path) {
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario result document: field '" + path + "' must be a decimal, got "
          + v, e);
    }
  }

  private static double number(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (v.isNumber()) {
      return v.doubleValue();
    }
    String t = v.asText();
    if (t.equals("Infinity") || t.equals("-Infinity") || t.equals("NaN")) {
      return Double.parseDouble(t);
    }
    throw new IllegalArgumentException("scenario result document: field '" + name + "' must be a number, got " + v);
  }

  private static ConfidenceInterval interval(JsonNode n) {
    return new ConfidenceInterval(number(n, "mean"), number(n, "lower"), number(n, "upper"), number(n, "level"),
        integer(n, "n"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioResultRecord r && runId.equals(r.runId) && result.equals(r.result)
        && outputs.equals(r.outputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, result, outputs);
  }

  @Override
  public String toString() {
    return "ScenarioResultRecord[runId=" + runId + ", point=" + result.point() + ", parameters=" + result.parameters()
        + ", runs=" + result.runs().size() + ", summaries=" + result.summaries().size() + ", outputs="
        + outputs.keySet() + "]";
  }
}
