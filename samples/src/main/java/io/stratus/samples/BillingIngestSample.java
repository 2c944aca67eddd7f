package io.stratus.samples;

import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ConformanceFinding;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Ingest a billing file and query it: reads a billing export (FOCUS, AWS CUR, Azure, GCP or OCI; the format is
 * detected from the header) into the embedded in-memory {@link CostStore}, prints the read report (rows, records,
 * the "complete" verdict, the money reconciliation and the accepted deviations from FOCUS), then answers three
 * questions: cost per provider, the five costliest services, and cost per service category.
 *
 * <p>Without an argument it reads the bundled 57-row slice of the official FOCUS 1.0 sample data (CC BY 4.0, FinOps
 * Foundation; see {@code billing/README.md} beside this class), whose Oracle rows leave the mandatory
 * {@code ContractedCost} empty: they are ingested and reported as a conformance finding. With an argument it reads
 * that file instead (plain or gzip).
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.BillingIngestSample [-Dexec.args=path/to/export.csv]}. Not thread-safe (a
 * program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BillingIngestSample {
  /** The bundled billing file, on the class path. */
  static final String BUNDLED = "billing/focus-1.0-sample-slice.csv";

  private BillingIngestSample() {}

  /**
   * Runs the sample and prints to standard output.
   *
   * @param args an optional path to a billing file; the bundled sample when absent
   */
  public static void main(String[] args) {
    run(args.length > 0 ? Path.of(args[0]) : null, System.out);
  }

  /**
   * Runs the sample.
   *
   * @param file the billing file to read, or null for the bundled sample
   * @param out where the report goes; never null
   * @return the read report; never null
   */
  public static ReadReport run(Path file, PrintStream out) {
    CostStore store = CostStore.inMemory();
    BillingFileReader reader = BillingReaders.detect();
    ReadReport report;
    // Close the appender (try-with-resources): its records become visible together when it closes.
    try (CostStore.Appender appender = store.appender("billing")) {
      if (file == null) {
        try (InputStream in = BillingIngestSample.class.getResourceAsStream(BUNDLED)) {
          if (in == null) {
            throw new IllegalStateException("bundled billing file " + BUNDLED + " is missing from the class path");
          }
          report = reader.read(in, "focus-1.0-sample-slice.csv", appender);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the bundled billing file", e);
        }
      } else {
        report = reader.read(file, appender);
      }
    }
    printReport(report, out);
    CostQuery byProvider = CostQuery.builder().groupBy(Dimension.PROVIDER).build();
    printRows("Cost per provider", store.query(byProvider).rows(), out);
    CostQuery topServices = CostQuery.builder().groupBy(Dimension.SERVICE).top(5).build();
    printRows("Five costliest services", store.query(topServices).rows(), out);
    CostQuery byCategory = CostQuery.builder().groupBy(Dimension.SERVICE_CATEGORY).build();
    printRows("Cost per service category", store.query(byCategory).rows(), out);
    return report;
  }

  private static void printReport(ReadReport r, PrintStream out) {
    out.printf(Locale.ROOT, "Read %s as %s: %d rows, %d records, %d rejected%n", r.file(), r.format(), r.rowsRead(),
        r.recordsEmitted(), r.rejectionCount());
    out.printf(Locale.ROOT, "Complete: %s (every row became a record and the money reconciles)%n",
        r.isComplete() ? "yes" : "NO");
    r.sourceTotals().forEach((currency, total) -> out.printf(Locale.ROOT,
        "Reconciled %s: %s %s in the file = %s in records + %s rejected%n", r.isReconciled() ? "yes" : "NO",
        cents(total), currency, cents(r.normalizedTotals().getOrDefault(currency, BigDecimal.ZERO)),
        cents(r.rejectedTotals().getOrDefault(currency, BigDecimal.ZERO))));
    for (ConformanceFinding f : r.findings()) {
      out.println("Finding: " + f);
    }
    for (Rejection x : r.rejections()) {
      out.println("Rejected: " + x);
    }
  }

  private static void printRows(String title, java.util.List<CostRow> rows, PrintStream out) {
    out.println();
    out.println(title + ":");
    for (CostRow row : rows) {
      out.printf(Locale.ROOT, "  %-40s %12s %s (%d records)%n", String.join(" / ", row.key()), cents(row.amount()),
          row.currency().getCurrencyCode(), row.records());
    }
  }

  private static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
