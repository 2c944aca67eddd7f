package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.iac.CostEstimator;
import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.UsageAssumptions;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/iac.md, run. */
class IacTutorialTest {

  @Test
  void estimateACloudFormationChange() {
    // tag::estimate[]
    String template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          WebType: {Type: String, Default: t3.medium}
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties: {InstanceType: !Ref WebType}
        """;
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    UsageAssumptions usage = UsageAssumptions.parse("regions: {aws: eu-west-1}", "usage.yml");
    Estimate before = CostEstimator.builder().pricing(catalog).usage(usage).build()
        .estimate(template, "web.yaml");
    Estimate after = CostEstimator.builder().pricing(catalog).usage(usage).parameter("WebType", "m5.xlarge").build()
        .estimate(template, "web.yaml").comparedTo(before);
    String change = after.monthlyBefore() + " -> " + after.monthlyAfter();
    // end::estimate[]
    assertThat(after.monthlyAfter().compareTo(after.monthlyBefore())).as(change).isPositive();
    assertThat(after.unpriced()).isEmpty();
  }
}
