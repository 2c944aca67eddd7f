package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndToEndDemoTest {
  private static EndToEndDemo.Summary summary;
  private static String output;
  private static Path reports;

  @BeforeAll
  static void runAWeek() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    reports = Files.createTempDirectory("stratus-demo-reports");
    summary = EndToEndDemo.run(7, reports, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_week_billingReconcilesWithTheSimulatorToTheCent() {
    assertThat(summary.billed().setScale(2, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(summary.simulated().setScale(2, RoundingMode.HALF_EVEN));
    assertThat(summary.billed()).isEqualByComparingTo(summary.enhanced().cost().setScale(10, RoundingMode.HALF_EVEN));
    assertThat(output).contains("-> reconciled");
  }

  @Test
  void run_week_costByCloudAndByTeamAddUpToTheTotal() {
    BigDecimal clouds = summary.byCloud().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal teams = summary.byTeam().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(clouds).isEqualByComparingTo(summary.billed());
    assertThat(teams).isEqualByComparingTo(summary.billed());
    assertThat(summary.byTeam()).containsOnlyKeys("payments", "search", "data", "ml");
    assertThat(output).contains("Cost by cloud:", "Cost by team:", "  payments ");
  }

  @Test
  void run_week_comparesWithTheFirstFitBaselineOnTheSameJobs() {
    assertThat(summary.baseline().jobs()).isEqualTo(summary.enhanced().jobs()).isGreaterThan(50);
    assertThat(summary.enhanced().cost()).isLessThan(summary.baseline().cost());
    assertThat(output).contains("Savings vs first-fit baseline: $");
  }

  @Test
  void run_week_injectedIncidentRaisesAlertsOnlyForThatTeam() {
    assertThat(summary.alertsFired()).isPositive();
    assertThat(summary.alertsByTeam()).containsOnlyKeys(EndToEndDemo.INCIDENT_TEAM);
    assertThat(summary.samples()).isPositive();
    assertThat(output).contains("HighCpu alerts fired", "SLO: ", "Availability: ", "Done in ");
  }

  @Test
  void run_week_teamRequirementsSpreadTheFleetOverAllThreeClouds() {
    assertThat(summary.byCloud()).containsOnlyKeys("aws", "azure", "gcp");
    assertThat(output).contains("  aws ", "  azure ", "  gcp ");
  }

  @Test
  void run_week_checksNextWeeksBatchPlanInSimulationBeforeActing() {
    // The plan is at its lower bound: twelve 4-vCPU spot machines (no larger spot offer is cheaper per job).
    assertThat(output).contains("What-if before acting", "plan: 12 new machines ([spot])", "on-demand copy of the plan",
        "the plan saves $");
  }

  @Test
  void run_week_printsEachTeamsRuleAndWhereItMovedPlacements() {
    assertThat(output).contains("Team rules and where they moved placements",
        "  payments  rule: jurisdiction EU only", "  search    rule: country SG only",
        "  data      rule: AZURE only, certified FEDRAMP_HIGH", "  ml        rule: AWS only");
    int from = output.indexOf("  search    rule:");
    String search = output.substring(from, output.indexOf("\n[", from));
    assertThat(search).as(output).contains("with the rule: ", "aws:ap-southeast-1", "-> moved by the rule: +$")
        .containsPattern("without it: +[^\n]*(us-|eastus|central)");
  }

  @Test
  void run_week_endsWithThreatDetectionWhoseResponsesAreAuditedAndResidencyHeld() {
    String security = output.substring(output.indexOf("=== Security:"));
    assertThat(security).contains("ALERT CRITICAL API_KEY_NEW_LOCATION", "ALERT CRITICAL BRUTE_FORCE",
        "audit log: intact", "residency: ledger placed in aws:eu-central-1");
  }

  @Test
  void teamRequirements_eachTeam_getsItsComplianceRule() {
    io.stratus.model.Workload base = io.stratus.model.Workload.builder("job-1")
        .demand(io.stratus.model.ResourceDemand.of(2, 8)).build();
    java.util.function.Function<String, io.stratus.model.ComplianceRequirements> rules = team ->
        EndToEndDemo.teamRequirements(base.toBuilder().labels(java.util.Map.of("team", team)).build()).compliance();

    assertThat(rules.apply("payments").allowedJurisdictions()).containsExactly(io.stratus.model.Jurisdiction.EU);
    assertThat(rules.apply("search").allowedCountries()).containsExactly("SG");
    assertThat(rules.apply("data").allowedProviders()).containsExactly(io.stratus.model.CloudProvider.AZURE);
    assertThat(rules.apply("data").requiredCertifications()).containsExactly("FEDRAMP_HIGH");
    assertThat(rules.apply("ml").allowedProviders()).containsExactly(io.stratus.model.CloudProvider.AWS);
    assertThat(EndToEndDemo.teamRequirements(base)).isSameAs(base);
  }

  @Test
  void run_badDays_throwsNamingTheField() {
    assertThatThrownBy(() -> EndToEndDemo.run(0, reports, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
  }

  @Test
  void run_week_writesBothReportsAndTheFinOpsSection() throws IOException {
    for (String name : new String[] {"executive.html", "executive.md", "technical.html", "technical.md"}) {
      assertThat(reports.resolve(name)).isNotEmptyFile();
      assertThat(output).contains(reports.resolve(name).toAbsolutePath().toString());
    }
    assertThat(Files.readString(reports.resolve("executive.html"))).contains("<svg")
        .contains("id=\"budget-table\"").contains("payments monthly");
    assertThat(output).containsPattern("with finops: 4 team budgets \\(\\d+ over, \\d+ forecast over\\), \\d+ "
        + "recommendations \\(\\$[\\d,.]+/month available\\), \\d+ cost anomalies");
    assertThat(output).contains("== Budgets on ", "held for approval", "after approval: placed on",
        "root cause ", "Top recommendations (ranked by ROI", "Cost forecast to the end of ");
  }
}
