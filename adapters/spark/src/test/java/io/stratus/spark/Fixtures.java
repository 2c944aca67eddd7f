package io.stratus.spark;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.spark.billing.FocusParquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The generated 50k-row CUR, written once per test JVM, and its single-JVM reading. */
public final class Fixtures {
  /** Files, rows per file: 50,000 rows. */
  public static final int FILES = 4;
  public static final int ROWS_PER_FILE = 12_500;

  private static Path dir;
  private static List<Path> cur;

  private Fixtures() {}

  /** A scratch directory for this JVM's tests, under target/. */
  public static synchronized Path scratch() {
    if (dir == null) {
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        dir = Files.createTempDirectory(target, "spark-tests-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** The generated CUR parts. */
  public static synchronized List<Path> cur() {
    if (cur == null) {
      try {
        cur = TestCur.write(scratch().resolve("cur"), FILES, ROWS_PER_FILE, 7L);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cur;
  }

  /** The single-JVM reading of files: (file name, record index) to record, and the reports by file name. */
  public static Map<List<Object>, CostRecord> readLocally(List<Path> files, Map<String, ReadReport> reports) {
    Map<List<Object>, CostRecord> out = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      long[] n = {0};
      ReadReport r = BillingReaders.detect().read(f, rec -> out.put(List.of(name, n[0]++), rec));
      reports.put(name, r);
    }
    return out;
  }

  /** Spark rows keyed like {@link #readLocally}: (file name, record index) to record; fails on a duplicate key. */
  public static Map<List<Object>, CostRecord> byKey(List<Row> rows) {
    Map<List<Object>, CostRecord> out = new LinkedHashMap<>();
    for (Row r : rows) {
      String path = r.getString(r.fieldIndex(FocusParquet.SOURCE_FILE));
      List<Object> key = List.of(path.substring(path.lastIndexOf('/') + 1), r.getLong(r.fieldIndex(FocusParquet.RECORD_INDEX)));
      if (out.put(key, FocusParquet.toRecord(r)) != null) {
        throw new AssertionError("duplicate record " + key);
      }
    }
    return out;
  }

  /** Records in key order. */
  public static List<CostRecord> values(Map<List<Object>, CostRecord> m) {
    return new ArrayList<>(m.values());
  }
}
