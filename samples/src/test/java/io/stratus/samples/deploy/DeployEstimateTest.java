package io.stratus.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.iac.CostEstimator;
import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.UsageAssumptions;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stratus's own IaC estimator prices the CloudFormation and ARM templates that run the reference server, for each
 * environment, with nothing left unpriced but the disk (the catalog has no storage prices); the monthly figures in
 * {@code deploy/README.md} are the ones it computes.
 */
class DeployEstimateTest {
  private static Path deploy;
  private static PricingProvider catalog;
  private static UsageAssumptions usage;

  @BeforeAll
  static void setUp() {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    deploy = Paths.get(property).toAbsolutePath().normalize().resolve("deploy");
    catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    usage = UsageAssumptions.parse("regions: {aws: eu-west-1, azure: westeurope}", "usage.yml");
  }

  static Estimate estimate(String file, String parameter, String environment) throws IOException {
    Path p = deploy.resolve(file);
    return CostEstimator.builder().pricing(catalog).usage(usage).parameter(parameter, environment).build()
        .estimate(Files.readString(p, StandardCharsets.UTF_8), p.getFileName().toString());
  }

  static String line(String template, String environment, Estimate e) {
    return "| " + template + " | " + environment + " | " + e.monthlyAfter().amount().setScale(2, RoundingMode.HALF_EVEN)
        .toPlainString() + " " + e.currency().getCurrencyCode() + " |";
  }

  @Test
  void templates_arePriced_perEnvironment_asTheReadmeSays() throws IOException {
    String readme = Files.readString(deploy.resolve("README.md"), StandardCharsets.UTF_8);
    StringBuilder table = new StringBuilder();
    double previousAws = 0;
    double previousAzure = 0;
    for (String env : List.of("dev", "staging", "prod")) {
      Estimate aws = estimate("cloudformation/stratus-server.yaml", "Environment", env);
      Estimate azure = estimate("arm/stratus-server.json", "environment", env);
      for (Estimate e : List.of(aws, azure)) {
        assertThat(e.resources()).as(e.source() + " " + env + " prices its compute: " + e).isNotEmpty();
        assertThat(e.unpriced()).as(e.source() + " " + env + ": only storage is left unpriced")
            .allSatisfy(u -> assertThat(u.toString()).containsIgnoringCase("disk"));
      }
      assertThat(aws.monthlyAfter().amount().doubleValue()).as("aws grows with the environment")
          .isGreaterThan(previousAws);
      assertThat(azure.monthlyAfter().amount().doubleValue()).as("azure grows with the environment")
          .isGreaterThan(previousAzure);
      previousAws = aws.monthlyAfter().amount().doubleValue();
      previousAzure = azure.monthlyAfter().amount().doubleValue();
      table.append(line("cloudformation/stratus-server.yaml", env, aws)).append('\n');
      table.append(line("arm/stratus-server.json", env, azure)).append('\n');
    }
    assertThat(readme).as("deploy/README.md holds the estimator's table:\n" + table).contains(table.toString());
  }
}
