package io.stratus.adapters.iac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each fixture's estimate, as JSON, must equal {@code src/test/resources/golden/<fixture>.json}.
 * Refresh them only with {@code -Dstratus.golden.update=true} and review the diff.
 */
class EstimateGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("stratus.golden.update");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static final List<String> FIXTURES = List.of(
      "terraform/stratus-multicloud-plan.json",
      "terraform/terracost__aws__asg-plan.json",
      "terraform/regula__resource_view_07_infra.json",
      "terraform/tfvalidator__full_compute_instance.tfplan.json",
      "terraform/pennywise__azure__tfplan.json",
      "terraform/tfcompliance__test_issue-456__plan.out.json",
      "terraform/tfcompliance__test_issue-294__plan.out.json",
      "terraform/terracost__examples__terraform-plan.json",
      "terraform/infracost__instance_with_attachment_after_deploy.json",
      "cloudformation/stratus-sizing.yaml",
      "cloudformation/cfntemplates__AutoScalingRollingUpdates.json",
      "cloudformation/cfntemplates__AutoScalingMultiAZWithNotifications.yaml",
      "cloudformation/cfntemplates__DIRECTORY-AD-CLIENTS.yaml",
      "cloudformation/cfntemplates__EC2_Instance_With_Ephemeral_Drives.json",
      "cloudformation/cfntemplates__Config.yaml",
      "arm/quickstart__vm-simple-linux__azuredeploy.json",
      "arm/quickstart__vmss-windows-autoscale__azuredeploy.json",
      "arm/azurestack__Linux-VmssManaged__azuredeploy.json",
      "arm/azurestack__MultiVm-Windows-AvailabilitySet-managed__azuredeploy.json",
      "arm/azurestack__101Linux-Empty-AttachDataDisk-managed__azuredeploy.json");

  @TestFactory
  Stream<DynamicTest> estimate_matchesGoldenFile() {
    CostEstimator estimator = Fixtures.estimator();
    return FIXTURES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Estimate estimate = estimator.estimate(Fixtures.path(name));
      String actual = Fixtures.json(estimate).replace(Fixtures.path("").toString(), "fixtures");
      check(name.substring(name.indexOf('/') + 1) + ".golden.json", actual);
    }));
  }

  @TestFactory
  Stream<DynamicTest> estimateWithParameters_matchesGoldenFile() {
    return Stream.of("quickstart__vm-multiple-data-disk", "azurestack__MultiVm-Windows-AvailabilitySet-managed")
        .map(base -> DynamicTest.dynamicTest(base, () -> {
          CostEstimator estimator = CostEstimator.builder().pricing(Fixtures.CATALOG)
              .parameterFile(Fixtures.path("arm/" + base + "__azuredeploy.parameters.json")).build();
          Estimate estimate = estimator.estimate(Fixtures.path("arm/" + base + "__azuredeploy.json"));
          String actual = Fixtures.json(estimate).replace(Fixtures.path("").toString(), "fixtures");
          check(base + ".with-parameters.golden.json", actual);
        }));
  }

  static void check(String goldenName, String actual) throws IOException {
    Path golden = GOLDEN.resolve(goldenName);
    if (UPDATE || !Files.exists(golden)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      assertThat(UPDATE).as("golden file " + golden + " was missing and has been written; review it").isTrue();
    }
    assertThat(actual).as(goldenName).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
