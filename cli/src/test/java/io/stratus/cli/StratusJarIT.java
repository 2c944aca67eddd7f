package io.stratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user would: {@code java -jar} on real plans and templates, checking exit codes and output. */
class StratusJarIT {
  private static final Path JAR = Path.of(System.getProperty("stratus.cli.jar", "target/missing.jar"));
  private static final Path FIXTURES = Path.of(System.getProperty("stratus.fixtures", "missing"));

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  @Test
  void estimate_terraformPlanWithinBudget_exitsZero() throws Exception {
    Run r = run("estimate", fixture("terraform/terracost__aws__asg-plan.json"), "--budget", "1000");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Monthly cost: USD 0.00 -> USD 671.39").contains("module.magento.aws_autoscaling_group.lt");
  }

  @Test
  void estimate_overBudget_exitsOneAndSaysWhy() throws Exception {
    Run r = run("estimate", fixture("terraform/terracost__aws__asg-plan.json"), "--budget", "100", "--format", "github",
        "--project", "shop");
    assertThat(r.exit()).isEqualTo(Stratus.POLICY_BREACHED);
    assertThat(r.out()).startsWith("<!-- stratus:project=shop -->").contains("**Policy breached:**");
    assertThat(r.err()).contains("policy breached: monthly cost USD 671.39 exceeds the budget of 100");
  }

  @Test
  void estimate_compareTemplates_maxIncreaseBreached(@TempDir Path dir) throws Exception {
    Path params = dir.resolve("dev.json");
    Files.writeString(params, "{\"Env\": \"dev\"}");
    Path base = dir.resolve("base.yaml");
    Files.copy(Path.of(fixture("cloudformation/stratus-sizing.yaml")), base);
    Run ok = run("estimate", fixture("cloudformation/stratus-sizing.yaml"), "--compare", base.toString(),
        "--max-increase", "5%", "--format", "json");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("\"monthlyDelta\"").contains("\"policyBreaches\" : [ ]");
    Run usage = run("estimate", fixture("cloudformation/stratus-sizing.yaml"), "--max-increase", "5%");
    assertThat(usage.exit()).isEqualTo(Stratus.POLICY_BREACHED);
    assertThat(usage.err()).contains("rises from zero");
  }

  @Test
  void estimate_armWithParameterFile_markdown() throws Exception {
    Run r = run("estimate", fixture("arm/quickstart__vm-simple-linux__azuredeploy.json"), "--parameters",
        fixture("arm/quickstart__vm-simple-linux__azuredeploy.parameters.json"), "--format", "markdown");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("### Stratus cost estimate").contains("Standard_D2s_v3");
  }

  @Test
  void estimate_badUsageFile_exitsThreeWithOneLine(@TempDir Path dir) throws Exception {
    Path usage = dir.resolve("usage.yml");
    Files.writeString(usage, "hoursPerMonth: 9000\n");
    Run r = run("estimate", fixture("terraform/terracost__aws__asg-plan.json"), "--usage", usage.toString());
    assertThat(r.exit()).isEqualTo(Stratus.BAD_INPUT);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("usage.yml: hoursPerMonth: = 9000");
    Run debug = run("estimate", fixture("terraform/terracost__aws__asg-plan.json"), "--usage", usage.toString(),
        "--debug");
    assertThat(debug.err()).contains("at io.stratus.adapters.iac");
  }

  @Test
  void estimate_missingArgument_exitsTwo() throws Exception {
    Run r = run("estimate");
    assertThat(r.exit()).isEqualTo(Stratus.USAGE);
    assertThat(r.err()).contains("Missing required parameter");
  }

  @Test
  void help_isEverywhere() throws Exception {
    for (String command : List.of("estimate", "schedule", "simulate", "ingest", "report")) {
      Run r = run(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).startsWith("Usage: stratus " + command);
    }
  }

  @Test
  void schedule_workloads_printsThePlan() throws Exception {
    Run r = run("schedule", System.getProperty("stratus.workloads"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("3 of 3 workloads placed").contains("api ->").contains("batch ->");
    Run bad = run("schedule", fixture("stratus-usage.yml"));
    assertThat(bad.exit()).isEqualTo(Stratus.BAD_INPUT);
    assertThat(bad.err().strip().lines()).hasSize(1);
    assertThat(bad.err()).contains("stratus-usage.yml: line 1, column").contains("must be valid JSON");
  }

  @Test
  void report_billingFile_writesEachFormat(@TempDir Path dir) throws Exception {
    String billing = System.getProperty("stratus.billing");
    Run md = run("report", billing, "--format", "md");
    assertThat(md.exit()).as(md.err()).isZero();
    assertThat(md.out()).startsWith("# Executive summary").contains("| Spend |");
    Path html = dir.resolve("technical.html");
    Run tech = run("report", billing, "--kind", "technical", "--out", html.toString(), "--budget", "1000");
    assertThat(tech.exit()).as(tech.err()).isZero();
    assertThat(tech.out()).contains("Technical report").contains("written to");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("Cost by service and resource");
    Path pdf = dir.resolve("executive.pdf");
    Run p = run("report", billing, "--format", "pdf", "-o", pdf.toString(), "--budget", "1000");
    assertThat(p.exit()).as(p.err()).isZero();
    byte[] bytes = Files.readAllBytes(pdf);
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    for (String f : List.of("json", "csv")) {
      Run r = run("report", billing, "--format", f);
      assertThat(r.exit()).as(f).isZero();
      assertThat(r.out()).as(f).isNotBlank();
    }
  }

  @Test
  void report_badInvocations_oneLineAndExitCode(@TempDir Path dir) throws Exception {
    Run none = run("report");
    assertThat(none.exit()).isEqualTo(Stratus.USAGE);
    assertThat(none.err()).startsWith("stratus report: give either a BILLING_FILE or --scenario");
    Run pdf = run("report", System.getProperty("stratus.billing"), "--format", "pdf");
    assertThat(pdf.exit()).isEqualTo(Stratus.USAGE);
    assertThat(pdf.err()).contains("--format pdf needs --out");
    Run format = run("report", System.getProperty("stratus.billing"), "--format", "docx");
    assertThat(format.exit()).isEqualTo(Stratus.USAGE);
    Run missing = run("report", dir.resolve("nope.csv").toString());
    assertThat(missing.exit()).isEqualTo(Stratus.BAD_INPUT);
    assertThat(missing.err().strip().lines()).hasSize(1);
    Path garbage = dir.resolve("bill.csv");
    Files.writeString(garbage, "BilledCost,BillingCurrency\nnot-a-number,USD\n");
    Run bad = run("report", garbage.toString());
    assertThat(bad.exit()).isEqualTo(Stratus.BAD_INPUT);
    assertThat(bad.err().strip().lines()).hasSize(1);
  }
}
