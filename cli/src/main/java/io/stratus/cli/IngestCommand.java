package io.stratus.cli;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stratus ingest}: reads a billing export and prints what was read, rejected and totalled. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read a billing export (FOCUS, AWS CUR, Azure, GCP, OCI; format detected; .gz/.zip allowed) and"
        + " print rows read, records, rejections and reconciled totals. Exit 3 when rows were rejected.")
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BILLING_FILE", description = "The billing export.")
  Path file;

  @Option(names = "--focus-out", paramLabel = "FILE", description = "Also write the records as FOCUS CSV.")
  Path focusOut;

  @Option(names = "--max-rejections", defaultValue = "20", description = "Rejections to list (default ${DEFAULT-VALUE}).")
  int maxRejections;

  @Override
  public Integer call() throws IOException {
    ReadReport report;
    if (focusOut != null) {
      try (Writer w = Files.newBufferedWriter(focusOut, StandardCharsets.UTF_8);
           FocusCsvWriter focus = FocusCsvWriter.create(w)) {
        report = BillingReaders.detect().read(file, focus::write);
      }
    } else {
      report = BillingReaders.detect().read(file, r -> { });
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s (%s): %d rows read, %d records, %d rejected%n", file, report.format(), report.rowsRead(),
        report.recordsEmitted(), report.rejectionCount());
    report.sourceTotals().forEach((currency, total) -> out.printf("  source total (%s) %s %s%n",
        report.sourceCostColumn(), currency, total.toPlainString()));
    report.normalizedTotals().forEach((currency, total) -> out.printf("  FOCUS total (%s) %s %s%n",
        report.normalizedCostColumn(), currency, total.toPlainString()));
    out.println("  reconciled: " + (report.isReconciled() ? "yes" : "no " + report.discrepancies()));
    int listed = 0;
    for (Rejection r : report.rejections()) {
      if (listed++ >= maxRejections) {
        out.printf("  ... %d more rejection(s)%n", report.rejectionCount() - maxRejections);
        break;
      }
      out.printf("  rejected row %d, column %s: %s (value '%s')%n", r.row(), r.column(), r.reason(), r.value());
    }
    if (focusOut != null) {
      out.println("  FOCUS CSV written to " + focusOut);
    }
    out.flush();
    return report.rejectionCount() == 0 ? Stratus.OK : Stratus.BAD_INPUT;
  }
}
