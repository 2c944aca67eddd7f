package io.stratus.cli;

import io.stratus.adapters.iac.CostEstimator;
import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.UsageAssumptions;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stratus estimate}: the monthly cost of a plan or template, as a report or a pull-request comment. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = {"Estimate the monthly cost of a Terraform plan (terraform show -json), a CloudFormation template"
        + " (JSON/YAML) or an ARM template, priced from the bundled catalog.",
        "Disks and volumes are listed as unpriced (the catalog has no storage prices); totals are then a lower bound."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:a policy was breached (--budget, --max-increase)", "2:wrong arguments",
        "3:an input file could not be read or is invalid", "4:any other failure"})
final class EstimateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PLAN|TEMPLATE", description = "Plan JSON or template to estimate.")
  Path file;

  @Option(names = "--compare", paramLabel = "BASE",
      description = "Plan or template of the base branch: its cost is the 'before'.")
  Path compare;

  @Option(names = "--usage", paramLabel = "FILE", description = "Usage assumptions (YAML or JSON).")
  Path usage;

  @Option(names = "--parameters", paramLabel = "FILE",
      description = "Template parameters: ARM parameter file, CloudFormation ParameterKey list or a plain mapping.")
  Path parameters;

  @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE", description = "Override one template parameter.")
  Map<String, String> parameter = new LinkedHashMap<>();

  @Option(names = "--budget", paramLabel = "N", description = "Fail (exit 1) when the monthly cost after exceeds N.")
  BigDecimal budget;

  @Option(names = "--max-increase", paramLabel = "P%",
      description = "Fail (exit 1) when the monthly cost rises by more than P percent (any rise from zero breaches).")
  String maxIncrease;

  @Option(names = "--format", defaultValue = "text",
      description = "text, json, markdown, github or gitlab (default: ${DEFAULT-VALUE}).")
  Render.Format format;

  @Option(names = "--project", paramLabel = "NAME",
      description = "Project name shown in the comment, when several run in one repository.")
  String project;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "Write the comment parts to DIR/comment-N.md instead of standard output (github, gitlab).")
  Path outDir;

  @Override
  public Integer call() throws IOException {
    BigDecimal limitPercent = null;
    if (maxIncrease != null) {
      String p = maxIncrease.endsWith("%") ? maxIncrease.substring(0, maxIncrease.length() - 1) : maxIncrease;
      try {
        limitPercent = new BigDecimal(p.trim());
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--max-increase: '" + maxIncrease + "' is not a percentage such as 10%");
      }
    }
    PricingProvider pricing = ProviderRegistry.load(PricingProvider.class).require("catalog");
    CostEstimator.Builder builder = CostEstimator.builder().pricing(pricing);
    if (usage != null) {
      builder.usage(UsageAssumptions.read(usage));
    }
    if (parameters != null) {
      builder.parameterFile(parameters);
    }
    parameter.forEach(builder::parameter);
    CostEstimator estimator = builder.build();
    Estimate estimate = estimator.estimate(file);
    if (compare != null) {
      estimate = estimate.comparedTo(estimator.estimate(compare));
    }
    List<String> breaches = new ArrayList<>();
    if (budget != null && estimate.monthlyAfter().amount().compareTo(budget) > 0) {
      breaches.add("monthly cost " + Render.money(estimate.monthlyAfter()) + " exceeds the budget of "
          + budget.toPlainString());
    }
    if (limitPercent != null) {
      if (estimate.percentChange().isPresent() && estimate.percentChange().get().compareTo(limitPercent) > 0) {
        breaches.add("monthly cost rises by " + estimate.percentChange().get().toPlainString() + "%, more than "
            + limitPercent.toPlainString() + "%");
      } else if (estimate.percentChange().isEmpty() && estimate.monthlyDelta().amount().signum() > 0) {
        breaches.add("monthly cost rises from zero to " + Render.money(estimate.monthlyAfter()) + ", more than "
            + limitPercent.toPlainString() + "%");
      }
    }
    List<String> parts = Render.render(estimate, format, project, breaches);
    if (outDir != null) {
      Files.createDirectories(outDir);
      for (int i = 0; i < parts.size(); i++) {
        Files.writeString(outDir.resolve("comment-" + (i + 1) + ".md"), parts.get(i), StandardCharsets.UTF_8);
      }
    } else {
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          spec.commandLine().getOut().println(Render.SPLIT_MARKER);
        }
        spec.commandLine().getOut().print(parts.get(i));
      }
    }
    spec.commandLine().getOut().flush();
    for (String b : breaches) {
      spec.commandLine().getErr().println("stratus: policy breached: " + b);
    }
    return breaches.isEmpty() ? Stratus.OK : Stratus.POLICY_BREACHED;
  }
}
