package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The outcome of reading one billing file: how many rows became records, every rejected row with its reason, and the
 * reconciliation of totals per currency. {@code sourceTotals} sums the file's own cost column over all data rows whose
 * amount parsed; {@code normalizedTotals} sums the FOCUS column it maps to over the emitted records;
 * {@code rejectedTotals} sums the source amounts of rejected rows. The file reconciles when, per currency, source =
 * normalized + rejected to the cent.
 *
 * <p>Two verdicts, on purpose apart: {@link #isReconciled()} is about money only (no amount vanished between the file
 * and the records plus the rejections, which also holds when every row was rejected); {@link #isComplete()} is the
 * one to act on: every data row became a record and the money reconciles. {@link #findings()} lists the deviations
 * from FOCUS that were accepted rather than rejected (see {@link ConformanceFinding}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file name
 * @param format the reader's format id, e.g. {@code focus}, {@code aws-cur}
 * @param rowsRead data rows seen (the header excluded)
 * @param recordsEmitted records handed to the sink
 * @param rejections the rejected rows, in file order (at most {@link #MAX_LISTED_REJECTIONS}; see
 *     {@code rejectionCount})
 * @param rejectionCount the number of rejected rows
 * @param sourceCostColumn the source column summed into {@code sourceTotals}
 * @param sourceTotals per ISO currency code, the sum of the source cost column
 * @param normalizedCostColumn the FOCUS column summed into {@code normalizedTotals}, e.g. {@code BilledCost}
 * @param normalizedTotals per currency, the sum of that column over emitted records
 * @param rejectedTotals per currency, the source amounts of rejected rows whose amount and currency parsed
 * @param findings the accepted deviations from FOCUS, one per column and rule, in order of first occurrence
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReadReport(
    String file,
    String format,
    long rowsRead,
    long recordsEmitted,
    List<Rejection> rejections,
    long rejectionCount,
    String sourceCostColumn,
    Map<String, BigDecimal> sourceTotals,
    String normalizedCostColumn,
    Map<String, BigDecimal> normalizedTotals,
    Map<String, BigDecimal> rejectedTotals,
    List<ConformanceFinding> findings) {

  /** Rejections beyond this many are counted but not listed, so a broken huge file cannot exhaust memory. */
  public static final int MAX_LISTED_REJECTIONS = 10_000;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the counts do not add up
   */
  public ReadReport {
    Objects.requireNonNull(file, "readReport.file");
    Objects.requireNonNull(format, "readReport.format");
    rejections = List.copyOf(rejections);
    sourceTotals = Map.copyOf(new TreeMap<>(sourceTotals));
    normalizedTotals = Map.copyOf(new TreeMap<>(normalizedTotals));
    rejectedTotals = Map.copyOf(new TreeMap<>(rejectedTotals));
    findings = List.copyOf(findings);
    Objects.requireNonNull(sourceCostColumn, "readReport.sourceCostColumn");
    Objects.requireNonNull(normalizedCostColumn, "readReport.normalizedCostColumn");
    if (recordsEmitted + rejectionCount != rowsRead) {
      throw new IllegalArgumentException(
          "readReport: recordsEmitted " + recordsEmitted + " + rejectionCount " + rejectionCount
              + " must equal rowsRead " + rowsRead);
    }
  }

  /**
   * The difference, per currency, between the source total and what was emitted plus rejected.
   *
   * @return per currency code, source - normalized - rejected; never null
   */
  public Map<String, BigDecimal> discrepancies() {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (String c : union()) {
      BigDecimal d =
          sourceTotals.getOrDefault(c, BigDecimal.ZERO)
              .subtract(normalizedTotals.getOrDefault(c, BigDecimal.ZERO))
              .subtract(rejectedTotals.getOrDefault(c, BigDecimal.ZERO));
      out.put(c, d);
    }
    return out;
  }

  /**
   * Whether the money reconciles: per currency, source = normalized + rejected to the cent. This says nothing about
   * how many rows were rejected (a file whose every row was rejected reconciles); see {@link #isComplete()}.
   *
   * @return true if each discrepancy rounds to zero cents
   */
  public boolean isReconciled() {
    for (BigDecimal d : discrepancies().values()) {
      if (d.setScale(2, RoundingMode.HALF_EVEN).signum() != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every row became a record (rejections only; see {@link #isComplete()} for the verdict).
   *
   * @return true if nothing was rejected
   */
  public boolean isClean() {
    return rejectionCount == 0;
  }

  /**
   * The verdict: the whole file is in the records, i.e. no row was rejected and the money reconciles. Accepted
   * deviations ({@link #findings()}) do not make a file incomplete: their rows were ingested.
   *
   * @return true if nothing was rejected and every currency reconciles to the cent
   */
  public boolean isComplete() {
    return rejectionCount == 0 && isReconciled();
  }

  private java.util.Set<String> union() {
    java.util.Set<String> s = new java.util.TreeSet<>(sourceTotals.keySet());
    s.addAll(normalizedTotals.keySet());
    s.addAll(rejectedTotals.keySet());
    return s;
  }
}
