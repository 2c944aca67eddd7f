package io.stratus.simulation.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apiguardian.api.API;

/**
 * Writes scenario results as CSV (RFC 4180, header first) or JSON to an {@link Appendable} the host supplies.
 * Output is deterministic: the same results give the same bytes.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioResults {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ScenarioResults() {}

  /**
   * Writes one CSV row per run.
   *
   * @param results the runs; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if writing fails
   */
  public static void writeCsv(List<RunResult> results, Appendable out) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(out, "out");
    try {
      row(out, "scenario", "scheduler", "replication", "seed", "jobs", "finished", "failed", "running",
          "sloViolations", "interruptions", "instanceFailures", "migrations", "rejectedLaunches", "costUsd");
      for (RunResult r : results) {
        row(out, r.scenario(), r.scheduler().id(), r.replication(), r.seed(), r.jobs(), r.finished(),
            r.failed(), r.running(), r.sloViolations(), r.interruptions(), r.instanceFailures(), r.migrations(),
            r.rejectedLaunches(), r.cost().toPlainString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write scenario results", e);
    }
  }

  /**
   * Writes one CSV row per scheduler summary (mean and interval bounds).
   *
   * @param summaries the summaries; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if writing fails
   */
  public static void writeSummaryCsv(List<ScenarioEngine.SchedulerSummary> summaries, Appendable out) {
    Objects.requireNonNull(summaries, "summaries");
    Objects.requireNonNull(out, "out");
    try {
      row(out, "scheduler", "replications", "level", "costMean", "costLower", "costUpper", "sloMean", "sloLower",
          "sloUpper", "interruptionsMean", "migrationsMean");
      for (ScenarioEngine.SchedulerSummary s : summaries) {
        row(out, s.scheduler().id(), s.replications(), s.cost().level(), s.cost().mean(), s.cost().lower(),
            s.cost().upper(), s.sloViolations().mean(), s.sloViolations().lower(), s.sloViolations().upper(),
            s.interruptions().mean(), s.migrations().mean());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write scenario summaries", e);
    }
  }

  /**
   * Writes one CSV row per sweep point and scheduler: the parameter values (one column per parameter, named by its
   * path), then the means and interval bounds of cost, SLO violations, interruptions and migrations.
   *
   * @param results the sweep results; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if writing fails
   */
  public static void writeSweepCsv(List<ScenarioEngine.SweepResult> results, Appendable out) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(out, "out");
    List<String> params = results.isEmpty() ? List.of() : List.copyOf(results.get(0).parameters().keySet());
    try {
      List<Object> header = new ArrayList<>();
      header.add("point");
      header.addAll(params);
      header.addAll(List.of("scheduler", "replications", "level", "costMean", "costLower", "costUpper", "sloMean",
          "sloLower", "sloUpper", "interruptionsMean", "interruptionsLower", "interruptionsUpper", "migrationsMean",
          "migrationsLower", "migrationsUpper"));
      row(out, header.toArray());
      for (ScenarioEngine.SweepResult r : results) {
        for (ScenarioEngine.SchedulerSummary s : r.summaries()) {
          List<Object> cells = new ArrayList<>();
          cells.add(r.point());
          params.forEach(p -> cells.add(r.parameters().get(p)));
          cells.addAll(List.of(s.scheduler().id(), s.replications(), s.cost().level(), s.cost().mean(),
              s.cost().lower(), s.cost().upper(), s.sloViolations().mean(), s.sloViolations().lower(),
              s.sloViolations().upper(), s.interruptions().mean(), s.interruptions().lower(),
              s.interruptions().upper(), s.migrations().mean(), s.migrations().lower(), s.migrations().upper()));
          row(out, cells.toArray());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sweep results", e);
    }
  }

  /**
   * Writes the sweep as a JSON array, one object per point with its parameters and scheduler summaries (keys
   * sorted, indented; infinite interval bounds of single-replication points as strings).
   *
   * @param results the sweep results; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if writing fails
   */
  public static void writeSweepJson(List<ScenarioEngine.SweepResult> results, Appendable out) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(out, "out");
    List<Map<String, Object>> points = new ArrayList<>();
    for (ScenarioEngine.SweepResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("point", r.point());
      Map<String, Object> params = new LinkedHashMap<>();
      r.parameters().forEach((k, v) -> {
        try {
          params.put(k, JSON.readTree(v));
        } catch (JsonProcessingException e) {
          params.put(k, v);
        }
      });
      m.put("parameters", params);
      m.put("summaries", r.summaries());
      points.add(m);
    }
    try {
      out.append(JSON.writeValueAsString(points)).append('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sweep results are not serializable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sweep results", e);
    }
  }

  private static void row(Appendable out, Object... values) throws IOException {
    out.append(CSVFormat.DEFAULT.format(values)).append("\r\n");
  }

  /**
   * Writes the runs as a JSON array (keys sorted, indented).
   *
   * @param results the runs; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if writing fails
   */
  public static void writeJson(List<RunResult> results, Appendable out) {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(out, "out");
    try {
      out.append(JSON.writeValueAsString(results)).append('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results are not serializable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write scenario results", e);
    }
  }
}
