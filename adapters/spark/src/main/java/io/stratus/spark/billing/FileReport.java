package io.stratus.spark.billing;

import io.stratus.finops.focus.ConformanceFinding;
import io.stratus.finops.focus.DecimalRounding;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A {@link ReadReport} and the file's {@link DecimalRounding}s as a task sends them to the driver (records are not {@link Serializable}): the input path and
 * the report's components in serializable containers. Immutable once built.
 */
final class FileReport implements Serializable {
  private static final long serialVersionUID = 1L;

  final String path;
  private final String file;
  private final String format;
  private final long rowsRead;
  private final long recordsEmitted;
  private final ArrayList<String[]> rejections = new ArrayList<>();
  private final long[] rejectionRows;
  private final long rejectionCount;
  private final String sourceCostColumn;
  private final HashMap<String, BigDecimal> sourceTotals;
  private final String normalizedCostColumn;
  private final HashMap<String, BigDecimal> normalizedTotals;
  private final HashMap<String, BigDecimal> rejectedTotals;
  private final ArrayList<String[]> findings = new ArrayList<>();
  private final ArrayList<long[]> findingCounts = new ArrayList<>();
  private final ArrayList<String> roundedColumns = new ArrayList<>();
  private final ArrayList<Long> roundedValues = new ArrayList<>();
  private final ArrayList<BigDecimal> maxRoundings = new ArrayList<>();

  FileReport(String path, ReadReport r, List<DecimalRounding> roundings) {
    this.path = path;
    this.file = r.file();
    this.format = r.format();
    this.rowsRead = r.rowsRead();
    this.recordsEmitted = r.recordsEmitted();
    this.rejectionRows = new long[r.rejections().size()];
    int i = 0;
    for (Rejection x : r.rejections()) {
      rejectionRows[i++] = x.row();
      rejections.add(new String[] {x.column(), x.reason(), x.value()});
    }
    this.rejectionCount = r.rejectionCount();
    this.sourceCostColumn = r.sourceCostColumn();
    this.sourceTotals = new HashMap<>(r.sourceTotals());
    this.normalizedCostColumn = r.normalizedCostColumn();
    this.normalizedTotals = new HashMap<>(r.normalizedTotals());
    this.rejectedTotals = new HashMap<>(r.rejectedTotals());
    for (ConformanceFinding f : r.findings()) {
      findings.add(new String[] {f.column(), f.rule(), f.action()});
      findingCounts.add(new long[] {f.rows(), f.firstRow()});
    }
    for (DecimalRounding d : roundings) {
      roundedColumns.add(d.column());
      roundedValues.add(d.values());
      maxRoundings.add(d.maxAbsoluteRounding());
    }
  }

  List<DecimalRounding> roundings() {
    List<DecimalRounding> out = new ArrayList<>();
    for (int i = 0; i < roundedColumns.size(); i++) {
      out.add(new DecimalRounding(roundedColumns.get(i), roundedValues.get(i), maxRoundings.get(i)));
    }
    return out;
  }

  ReadReport toReadReport() {
    List<Rejection> rs = new ArrayList<>();
    for (int i = 0; i < rejectionRows.length; i++) {
      String[] x = rejections.get(i);
      rs.add(new Rejection(rejectionRows[i], x[0], x[1], x[2]));
    }
    List<ConformanceFinding> fs = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      String[] f = findings.get(i);
      long[] n = findingCounts.get(i);
      fs.add(new ConformanceFinding(f[0], f[1], f[2], n[0], n[1]));
    }
    return new ReadReport(file, format, rowsRead, recordsEmitted, rs, rejectionCount, sourceCostColumn, sourceTotals,
        normalizedCostColumn, normalizedTotals, rejectedTotals, fs);
  }
}
