package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Running counts and sums of one read. Not thread-safe. */
final class Totals {
  final String file;
  final String format;
  long rows;
  long emitted;
  long rejectedCount;
  final List<Rejection> rejections = new ArrayList<>();
  final Map<String, BigDecimal> source = new HashMap<>();
  final Map<String, BigDecimal> normalized = new HashMap<>();
  final Map<String, BigDecimal> rejected = new HashMap<>();
  String sourceColumn = "";
  String normalizedColumn = "BilledCost";
  /** Per accepted deviation, {rows, first row}, in order of first occurrence. */
  final Map<Deviation, long[]> deviations = new java.util.LinkedHashMap<>();

  Totals(String file, String format) {
    this.file = file;
    this.format = format;
  }

  void reject(Rejection r) {
    rejectedCount++;
    if (rejections.size() < ReadReport.MAX_LISTED_REJECTIONS) {
      rejections.add(r);
    }
  }

  void deviated(Deviation[] seen, long row) {
    for (Deviation d : seen) {
      deviations.computeIfAbsent(d, k -> new long[] {0, row})[0]++;
    }
  }

  static void add(Map<String, BigDecimal> m, String currency, BigDecimal amount) {
    if (currency != null && amount != null) {
      m.merge(currency, amount, BigDecimal::add);
    }
  }

  ReadReport report() {
    return new ReadReport(
        file, format, rows, emitted, rejections, rejectedCount, sourceColumn, source, normalizedColumn, normalized,
        rejected, findings());
  }

  private List<ConformanceFinding> findings() {
    List<ConformanceFinding> out = new ArrayList<>();
    deviations.forEach((d, n) -> out.add(new ConformanceFinding(d.column(), d.rule(), d.action(), n[0], n[1])));
    return out;
  }
}
