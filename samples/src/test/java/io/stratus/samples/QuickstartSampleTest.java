package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the quickstart end to end on the bundled catalog and checks the key lines of its report. */
class QuickstartSampleTest {
  private static final Pattern EU_REGION =
      Pattern.compile("(aws:eu-(central|west-1|west-3|north|south)[a-z0-9-]*|gcp:europe-[a-z0-9]+"
          + "|azure:(westeurope|northeurope)) ");
  private static String report;
  private static List<String> lines;

  @BeforeAll
  static void run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      QuickstartSample.run(out);
    }
    report = bytes.toString(StandardCharsets.UTF_8);
    lines = report.lines().toList();
  }

  private static String decisionLine(String workloadId) {
    return lines.stream()
        .filter(l -> l.startsWith(workloadId + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no decision line for " + workloadId + " in\n" + report));
  }

  @Test
  void run_header_namesTheCatalogAndTwentyWorkloads() {
    assertThat(lines.get(0))
        .startsWith("Stratus quickstart - 20 workloads, ")
        .contains("offers from 'catalog' (aws, azure, gcp), 2 running machines");
  }

  @Test
  void run_euWorkloads_stayInEuRegions() {
    for (String id : List.of("shop-web-1", "shop-api", "shop-search", "etl-nightly-1", "train-recsys",
        "infer-recsys", "ledger", "api-gateway", "session-cache", "bi-dashboards")) {
      String line = decisionLine(id);
      assertThat(EU_REGION.matcher(line).find()).as(line).isTrue();
    }
    assertThat(decisionLine("bi-dashboards")).contains("gcp:europe-");
  }

  @Test
  void run_openEndedWorkloads_areNeverPutOnANewMultiYearCommitment() {
    // issue 10: CostConstraints used to allow commitments by default, so open-ended services landed on RESERVED_3Y
    assertThat(report).doesNotContain("RESERVED_3Y").doesNotContain("COMMITMENT_3Y");
  }

  @Test
  void run_hipaaWorkloads_stayInUsRegions() {
    assertThat(decisionLine("patient-records")).containsPattern("(aws|gcp|azure):(us-|eastus|westus|centralus)");
    assertThat(decisionLine("claims-batch")).containsPattern("(aws|gcp|azure):(us-|eastus|westus|centralus)");
  }

  @Test
  void run_overBudgetWorkload_unschedulableWithCountedReasons() {
    int at = lines.indexOf(decisionLine("risk-report"));
    assertThat(lines.get(at)).contains("UNSCHEDULABLE");
    assertThat(lines.get(at + 1))
        .startsWith("    why: ")
        .contains("region not in allowed countries [DE]")
        .containsPattern("\\d hourly cost above max 1.50 USD");
  }

  @Test
  void run_runningCapacity_usedBeforeNewInstances() {
    assertThat(decisionLine("feature-store")).contains("-> running vm-");
    assertThat(report).contains("adds no hourly cost");
  }

  @Test
  void run_plan_totalIsTheSumOfItsNewInstances() {
    Matcher total = Pattern.compile("Total hourly cost: [0-9.]+ USD \\(exact ([0-9.]+) USD").matcher(report);
    assertThat(total.find()).as(report).isTrue();
    BigDecimal sum = BigDecimal.ZERO;
    int instances = 0;
    Matcher instance = Pattern.compile("(?m)^  new-\\d+ .* ([0-9]+\\.[0-9]{4}) USD/h ").matcher(report);
    while (instance.find()) {
      sum = sum.add(new BigDecimal(instance.group(1)));
      instances++;
    }
    assertThat(instances).isPositive();
    BigDecimal exact = new BigDecimal(total.group(1));
    assertThat(exact.subtract(sum).abs()).isLessThanOrEqualTo(new BigDecimal("0.00005").multiply(
        BigDecimal.valueOf(instances)));
    assertThat(report).contains("Placed 19 of 20 workloads").containsPattern("risk-report +\\d");
  }

  @Test
  void run_pareto_listsTradeOffsForTheApi() {
    assertThat(report).containsPattern("== Cost/performance trade-offs for shop-api \\(Pareto front, \\d+ of [\\d,]+"
        + " feasible\\) ==");
  }
}
