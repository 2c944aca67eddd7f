package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.ReadReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the billing sample on its bundled file and on a file given by path, and checks its report. */
class BillingIngestSampleTest {
  private static List<String> run(Path file) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      BillingIngestSample.run(file, out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void run_bundledFile_ingestsEveryRowAndReportsTheOracleFinding() {
    List<String> lines = run(null);
    assertThat(lines.get(0)).isEqualTo("Read focus-1.0-sample-slice.csv as focus: 57 rows, 57 records, 0 rejected");
    assertThat(lines).contains(
        "Complete: yes (every row became a record and the money reconciles)",
        "Reconciled yes: 2.48 USD in the file = 2.48 in records + 0.00 rejected");
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .startsWith("Finding: ContractedCost: mandatory column must not be null")
        .contains("set to BilledCost in 7 row(s)"));
    int providers = lines.indexOf("Cost per provider:");
    assertThat(lines.subList(providers + 1, providers + 4))
        .anySatisfy(l -> assertThat(l).contains("Microsoft").contains("1.57 USD (10 records)"))
        .anySatisfy(l -> assertThat(l).contains("Oracle").contains("0.54 USD (7 records)"))
        .anySatisfy(l -> assertThat(l).contains("AWS").contains("0.37 USD (40 records)"));
    int top = lines.indexOf("Five costliest services:");
    assertThat(lines.get(top + 1)).contains("Azure Kubernetes Service").contains("1.58 USD");
    assertThat(lines).contains("Cost per service category:");
  }

  @Test
  void run_fileGivenByPath_readsThatFile(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("export.csv");
    try (InputStream in = BillingIngestSample.class.getResourceAsStream(BillingIngestSample.BUNDLED)) {
      Files.copy(in, copy);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadReport report;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      report = BillingIngestSample.run(copy, out);
    }
    assertThat(report.file()).isEqualTo("export.csv");
    assertThat(report.isComplete()).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Read export.csv as focus: 57 rows");
  }
}
