package io.stratus.samples;

import io.stratus.adapters.iac.CostEstimator;
import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.ResourceEstimate;
import io.stratus.adapters.iac.UnpricedResource;
import io.stratus.adapters.iac.UsageAssumptions;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.PrintStream;
import org.apiguardian.api.API;

/**
 * Estimates what a change to a CloudFormation template does to the monthly bill, as a cost gate in CI would: the
 * template with its default parameters against the same template sized up, priced from the bundled catalog, with a
 * usage file that says the autoscaling group averages three instances.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.IacEstimateSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IacEstimateSample {
  /** A small template: a web instance and an autoscaling group whose sizes come from parameters and mappings. */
  static final String TEMPLATE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Parameters:
        Size: {Type: String, Default: small, AllowedValues: [small, large]}
      Mappings:
        Sizes:
          small: {web: t3.medium, worker: c6i.large}
          large: {web: m5.xlarge, worker: c6i.2xlarge}
      Resources:
        Web:
          Type: AWS::EC2::Instance
          Properties:
            InstanceType: !FindInMap [Sizes, !Ref Size, web]
        WorkerTemplate:
          Type: AWS::EC2::LaunchTemplate
          Properties:
            LaunchTemplateData:
              InstanceType: !FindInMap [Sizes, !Ref Size, worker]
        Workers:
          Type: AWS::AutoScaling::AutoScalingGroup
          Properties:
            MinSize: "2"
            MaxSize: "6"
            LaunchTemplate: {LaunchTemplateId: !Ref WorkerTemplate, Version: "1"}
        Logs:
          Type: AWS::EC2::Volume
          Properties: {Size: 200, VolumeType: gp3, AvailabilityZone: eu-west-1a}
      """;

  private IacEstimateSample() {}

  /**
   * Runs the sample and prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Estimates the change from {@code Size=small} to {@code Size=large}.
   *
   * @param out where the report goes; never null
   * @return the estimate of the change; never null
   */
  public static Estimate run(PrintStream out) {
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    UsageAssumptions usage = UsageAssumptions.parse("""
        regions: {aws: eu-west-1}
        resources:
          Workers: {averageInstances: 3}
        """, "usage.yml");
    Estimate base = CostEstimator.builder().pricing(catalog).usage(usage).build().estimate(TEMPLATE, "app.yaml");
    Estimate change = CostEstimator.builder().pricing(catalog).usage(usage).parameter("Size", "large").build()
        .estimate(TEMPLATE, "app.yaml").comparedTo(base);
    out.printf("monthly cost %s -> %s (%s%%)%n", change.monthlyBefore(), change.monthlyAfter(),
        change.percentChange().map(Object::toString).orElse("n/a"));
    for (ResourceEstimate r : change.resources()) {
      out.printf("  %-8s %-8s %s%n", r.action(), r.address(), r.monthlyDelta());
    }
    for (UnpricedResource u : change.unpriced()) {
      out.printf("  not priced: %s (%s)%n", u.address(), u.reason());
    }
    return change;
  }
}
