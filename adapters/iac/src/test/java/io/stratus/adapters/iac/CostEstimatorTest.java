package io.stratus.adapters.iac;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {

  @Test
  void estimate_usageFile_setsAverageInstancesHoursAndRegion() {
    UsageAssumptions usage = UsageAssumptions.read(Fixtures.path("stratus-usage.yml"));
    CostEstimator estimator = CostEstimator.builder().pricing(Fixtures.CATALOG).usage(usage).build();
    Estimate e = estimator.estimate(Fixtures.path("terraform/stratus-multicloud-plan.json"));
    ResourceEstimate asg = e.resources().stream()
        .filter(r -> r.address().equals("module.workers[\"blue\"].aws_autoscaling_group.asg")).findFirst().orElseThrow();
    assertThat(asg.after().instances()).isEqualTo(3.5);
    assertThat(asg.notes()).contains("average instances 3.5 from the usage file");
    ResourceEstimate web = e.resources().stream().filter(r -> r.address().equals("aws_instance.web[0]"))
        .findFirst().orElseThrow();
    assertThat(web.after().hoursPerMonth()).isEqualTo(400);
    assertThat(web.after().monthly().amount())
        .isEqualByComparingTo(web.after().hourlyPrice().multiply(BigDecimal.valueOf(400)).setScale(2,
            java.math.RoundingMode.HALF_EVEN));
  }

  @Test
  void estimate_unknownInstanceType_isUnpricedNotZero() {
    Estimate e = Fixtures.estimator().estimate(Fixtures.path("terraform/stratus-multicloud-plan.json"));
    assertThat(e.unpriced()).anySatisfy(u -> {
      assertThat(u.address()).isEqualTo("aws_instance.unknown_type");
      assertThat(u.reason()).contains("unknown until apply");
    });
    assertThat(e.resources()).noneMatch(r -> r.address().equals("aws_instance.unknown_type"));
  }

  @Test
  void estimate_totalsAreTheSumOfResources() {
    Estimate e = Fixtures.estimator().estimate(Fixtures.path("terraform/stratus-multicloud-plan.json"));
    BigDecimal delta = e.resources().stream().map(r -> r.monthlyDelta().amount()).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    assertThat(e.monthlyDelta().amount()).isEqualByComparingTo(delta);
    assertThat(e.percentChange()).isPresent();
  }

  @Test
  void comparedTo_baseTemplate_showsTheChangePerResource() {
    CostEstimator dev = CostEstimator.builder().pricing(Fixtures.CATALOG).parameter("Env", "dev").build();
    Estimate base = dev.estimate(Fixtures.path("cloudformation/stratus-sizing.yaml"));
    Estimate head = Fixtures.estimator().estimate(Fixtures.path("cloudformation/stratus-sizing.yaml"));
    Estimate diff = head.comparedTo(base);
    assertThat(diff.monthlyBefore()).isEqualTo(base.monthlyAfter());
    assertThat(diff.monthlyAfter()).isEqualTo(head.monthlyAfter());
    assertThat(diff.resources()).anySatisfy(r -> {
      assertThat(r.address()).isEqualTo("DevBox");
      assertThat(r.action()).isEqualTo("delete");
    });
    assertThat(diff.resources()).anySatisfy(r -> {
      assertThat(r.address()).isEqualTo("Web");
      assertThat(r.action()).isEqualTo("update");
      assertThat(r.before().instanceType()).isEqualTo("t3.medium");
      assertThat(r.after().instanceType()).isEqualTo("m5.large");
    });
  }

  @Test
  void cloudFormation_devParameters_followConditionsAndMappings() {
    CostEstimator dev = CostEstimator.builder().pricing(Fixtures.CATALOG).parameter("Env", "dev").build();
    Estimate e = dev.estimate(Fixtures.path("cloudformation/stratus-sizing.yaml"));
    assertThat(e.resources()).extracting(ResourceEstimate::address).contains("DevBox");
    ResourceEstimate workers = e.resources().stream().filter(r -> r.address().equals("Workers")).findFirst()
        .orElseThrow();
    assertThat(workers.after().instanceType()).isEqualTo("c6i.large");
    assertThat(workers.after().instances()).isEqualTo(2.0);
    assertThat(workers.notes()).anyMatch(n -> n.contains("MinSize 2 used"));
  }

  /** A created instance whose root_block_device is unknown until apply still has a root volume: it is listed. */
  @Test
  void estimate_rootVolumeUnknownUntilApply_isListedAsUnpriced() {
    String plan = "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_instance.a\",\"type\":"
        + "\"aws_instance\",\"change\":{\"actions\":[\"create\"],\"before\":null,\"after\":{\"instance_type\":"
        + "\"t3.micro\",\"root_block_device\":[]},\"after_unknown\":{\"root_block_device\":true}}}]}";
    Estimate e = Fixtures.estimator().estimate(plan, "p.json");
    assertThat(e.resources()).hasSize(1);
    assertThat(e.unpriced()).singleElement().satisfies(u -> {
      assertThat(u.address()).isEqualTo("aws_instance.a/root_block_device");
      assertThat(u.reason()).contains("size from the image").contains("storage is not priced");
    });
  }

  /** An autoscaled group whose size the plan does not know is priced once the usage file gives its average. */
  @Test
  void estimate_unknownGroupSize_pricedOnlyWithUsageAverage() {
    String plan = "{\"format_version\":\"1.2\",\"resource_changes\":["
        + "{\"address\":\"google_compute_instance_template.t\",\"type\":\"google_compute_instance_template\","
        + "\"change\":{\"actions\":[\"create\"],\"after\":{\"name\":\"t\",\"machine_type\":\"e2-standard-2\"}}},"
        + "{\"address\":\"google_compute_instance_group_manager.m\",\"type\":\"google_compute_instance_group_manager\","
        + "\"change\":{\"actions\":[\"create\"],\"after\":{\"zone\":\"us-central1-a\",\"version\":"
        + "[{\"instance_template\":\"projects/p/global/instanceTemplates/t\"}]}}}]}";
    Estimate without = Fixtures.estimator().estimate(plan, "p.json");
    assertThat(without.resources()).isEmpty();
    assertThat(without.unpriced()).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("target_size is not set").contains("averageInstances"));
    CostEstimator withUsage = CostEstimator.builder().pricing(Fixtures.CATALOG).usage(UsageAssumptions.parse(
        "resources:\n  google_compute_instance_group_manager.m:\n    averageInstances: 2.5\n", "u.yml")).build();
    Estimate with = withUsage.estimate(plan, "p.json");
    assertThat(with.unpriced()).isEmpty();
    assertThat(with.resources()).singleElement().satisfies(r -> {
      assertThat(r.after().instances()).isEqualTo(2.5);
      assertThat(r.after().instanceType()).isEqualTo("e2-standard-2");
      assertThat(r.after().region()).isEqualTo("us-central1");
    });
  }
}
