package io.stratus.spark.billing;

import io.stratus.finops.focus.ConformanceFinding;
import io.stratus.finops.focus.DecimalRounding;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The outcome of a {@link NormalizeJob}: the finops {@link ReadReport} of every input file (gathered from the tasks,
 * once per file however often Spark retried its task), and their aggregates: rows, records, rejections (file, row,
 * column, rule), conformance findings, the decimals rounded to fit FOCUS Parquet's {@code DECIMAL(38, 18)} (the rule
 * of {@link io.stratus.finops.focus.FocusDecimals}) and the reconciliation of totals per currency. The totals are the
 * readers' exact ones; the written decimals differ from them by the roundings only (at most {@code 5E-19} each).
 *
 * <p>Immutable and thread-safe.
 *
 * @param output where the FOCUS Parquet was written
 * @param files the report of each input file, by path, in path order
 * @param fileRoundings the decimals each input file had rounded on writing, by path (files without any may be absent)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record NormalizeReport(
    String output, Map<String, ReadReport> files, Map<String, List<DecimalRounding>> fileRoundings) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public NormalizeReport {
    Objects.requireNonNull(output, "normalizeReport.output");
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    Map<String, List<DecimalRounding>> copy = new TreeMap<>();
    fileRoundings.forEach((p, l) -> {
      if (!l.isEmpty()) {
        copy.put(p, List.copyOf(l));
      }
    });
    fileRoundings = Collections.unmodifiableMap(copy);
  }

  /**
   * The conformance findings of the write: per column, the decimals with more than 18 digits after the point that were
   * rounded half-even to fit {@code DECIMAL(38, 18)} (counts summed over the files, the largest absolute rounding).
   * They were written, not rejected.
   *
   * @return an unmodifiable list in column order; empty when nothing was rounded; never null
   */
  public List<DecimalRounding> roundings() {
    Map<String, DecimalRounding> merged = new TreeMap<>();
    fileRoundings.values().forEach(l -> l.forEach(d -> merged.merge(d.column(), d, DecimalRounding::plus)));
    return List.copyOf(merged.values());
  }

  /**
   * Data rows read over all files.
   *
   * @return the sum of {@link ReadReport#rowsRead()}
   */
  public long rowsRead() {
    return files.values().stream().mapToLong(ReadReport::rowsRead).sum();
  }

  /**
   * Records written over all files.
   *
   * @return the sum of {@link ReadReport#recordsEmitted()}
   */
  public long recordsWritten() {
    return files.values().stream().mapToLong(ReadReport::recordsEmitted).sum();
  }

  /**
   * Rejected rows over all files.
   *
   * @return the sum of {@link ReadReport#rejectionCount()}
   */
  public long rejectionCount() {
    return files.values().stream().mapToLong(ReadReport::rejectionCount).sum();
  }

  /**
   * The listed rejections (row, column, rule, value) of each file that has any, by path.
   *
   * @return an unmodifiable map; never null
   */
  public Map<String, List<Rejection>> rejections() {
    Map<String, List<Rejection>> out = new LinkedHashMap<>();
    files.forEach((path, r) -> {
      if (!r.rejections().isEmpty()) {
        out.put(path, r.rejections());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * The conformance findings over all files, one per column, rule and action: rows summed, first row taken from the
   * first file (in path order) that has the finding.
   *
   * @return an unmodifiable list, in order of first occurrence; never null
   */
  public List<ConformanceFinding> findings() {
    Map<List<String>, ConformanceFinding> merged = new LinkedHashMap<>();
    for (ReadReport r : files.values()) {
      for (ConformanceFinding f : r.findings()) {
        merged.merge(List.of(f.column(), f.rule(), f.action()), f,
            (a, b) -> new ConformanceFinding(a.column(), a.rule(), a.action(), a.rows() + b.rows(), a.firstRow()));
      }
    }
    return List.copyOf(new ArrayList<>(merged.values()));
  }

  /**
   * Per currency, the sum of the files' source cost columns.
   *
   * @return an unmodifiable map by currency code; never null
   */
  public Map<String, BigDecimal> sourceTotals() {
    return sum(ReadReport::sourceTotals);
  }

  /**
   * Per currency, the sum of the normalized cost column over the written records.
   *
   * @return an unmodifiable map by currency code; never null
   */
  public Map<String, BigDecimal> normalizedTotals() {
    return sum(ReadReport::normalizedTotals);
  }

  /**
   * Per currency, the source amounts of the rejected rows.
   *
   * @return an unmodifiable map by currency code; never null
   */
  public Map<String, BigDecimal> rejectedTotals() {
    return sum(ReadReport::rejectedTotals);
  }

  /**
   * Whether every file reconciles: per currency, source = normalized + rejected to the cent.
   *
   * @return true if each file's {@link ReadReport#isReconciled()} holds
   */
  public boolean isReconciled() {
    return files.values().stream().allMatch(ReadReport::isReconciled);
  }

  /**
   * The verdict: no row was rejected in any file and every file reconciles.
   *
   * @return true if each file's {@link ReadReport#isComplete()} holds
   */
  public boolean isComplete() {
    return files.values().stream().allMatch(ReadReport::isComplete);
  }

  private Map<String, BigDecimal> sum(Function<ReadReport, Map<String, BigDecimal>> totals) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (ReadReport r : files.values()) {
      totals.apply(r).forEach((c, v) -> out.merge(c, v, BigDecimal::add));
    }
    return Collections.unmodifiableMap(out);
  }
}
