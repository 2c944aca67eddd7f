package io.stratus.adapters.iac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives an {@link IacException} naming the file, the path and the rule; nothing else escapes. */
class BadInputTest {
  private static final CostEstimator ESTIMATOR = Fixtures.estimator();

  @Test
  void estimate_brokenJson_namesLineAndColumn() {
    assertThatThrownBy(() -> ESTIMATOR.estimate("{\"format_version\": \"1.2\",\n  \"resource_changes\": [}", "p.json"))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.file()).isEqualTo("p.json");
          assertThat(e.path()).startsWith("line 2, column");
          assertThat(e.rule()).startsWith("must be valid JSON");
        });
  }

  @Test
  void estimate_unknownAction_namesThePath() {
    String plan = "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_instance.a\",\"type\":"
        + "\"aws_instance\",\"change\":{\"actions\":[\"explode\"],\"after\":{\"instance_type\":\"t3.micro\"}}}]}";
    assertThatThrownBy(() -> ESTIMATOR.estimate(plan, "p.json"))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.path()).isEqualTo("resource_changes[0].change.actions");
          assertThat(e.rule()).contains("explode").contains("unknown action");
        });
  }

  @Test
  void estimate_missingAddress_namesThePath() {
    String plan = "{\"format_version\":\"1.2\",\"resource_changes\":[{\"type\":\"aws_instance\"}]}";
    assertThatThrownBy(() -> ESTIMATOR.estimate(plan, "p.json"))
        .isInstanceOfSatisfying(IacException.class, e -> assertThat(e.path()).isEqualTo("resource_changes[0].address"));
  }

  @Test
  void estimate_unknownDocument_saysWhichFormatsAreKnown() {
    assertThatThrownBy(() -> ESTIMATOR.estimate("{\"hello\": 1}", "x.json"))
        .isInstanceOfSatisfying(IacException.class, e -> assertThat(e.rule()).contains("Terraform plan")
            .contains("CloudFormation").contains("ARM"));
  }

  @Test
  void estimate_yamlSyntaxError_namesTheLine() {
    assertThatThrownBy(() -> ESTIMATOR.estimate("Resources:\n  A: [unclosed\n", "t.yaml"))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.path()).startsWith("line ");
          assertThat(e.rule()).startsWith("must be valid YAML");
        });
  }

  @Test
  void estimate_cloudFormationOverrideNotAllowed_isRejected() {
    CostEstimator estimator = CostEstimator.builder().pricing(Fixtures.CATALOG).parameter("Env", "staging").build();
    assertThatThrownBy(() -> estimator.estimate(Fixtures.path("cloudformation/stratus-sizing.yaml")))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.path()).isEqualTo("Parameters.Env.AllowedValues");
          assertThat(e.rule()).contains("staging");
        });
  }

  @Test
  void estimate_cloudFormationUndefinedCondition_isRejected() {
    String template = "Resources:\n  A:\n    Type: AWS::EC2::Instance\n    Condition: Nope\n";
    assertThatThrownBy(() -> ESTIMATOR.estimate(template, "t.yaml"))
        .isInstanceOfSatisfying(IacException.class, e -> assertThat(e.path()).isEqualTo("Resources.A.Condition"));
  }

  @Test
  void estimate_armCopyCountOutOfRange_isRejected() {
    String template = "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
        + "\"contentVersion\":\"1.0.0.0\",\"resources\":[{\"type\":\"Microsoft.Compute/virtualMachines\","
        + "\"name\":\"vm\",\"copy\":{\"name\":\"c\",\"count\":100000}}]}";
    assertThatThrownBy(() -> ESTIMATOR.estimate(template, "a.json"))
        .isInstanceOfSatisfying(IacException.class, e -> assertThat(e.path()).isEqualTo("resources[0].copy.count"));
  }

  @Test
  void usage_unknownKey_isRejectedWithItsPath() {
    assertThatThrownBy(() -> UsageAssumptions.parse("resources:\n  aws_instance.a:\n    hours: 5\n", "u.yml"))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.file()).isEqualTo("u.yml");
          assertThat(e.path()).isEqualTo("resources.aws_instance.a.hours");
          assertThat(e.rule()).contains("unknown key");
        });
  }

  @Test
  void usage_hoursOutOfRange_isRejected() {
    assertThatThrownBy(() -> UsageAssumptions.parse("{\"hoursPerMonth\": 800}", "u.json"))
        .isInstanceOfSatisfying(IacException.class, e -> {
          assertThat(e.path()).isEqualTo("hoursPerMonth");
          assertThat(e.rule()).contains("800").contains("744");
        });
  }

  @Test
  void usage_negativeAverage_isRejected() {
    assertThatThrownBy(() -> UsageAssumptions.parse("resources:\n  x:\n    averageInstances: -1\n", "u.yml"))
        .isInstanceOfSatisfying(IacException.class,
            e -> assertThat(e.path()).isEqualTo("resources.x.averageInstances"));
  }

  @Test
  void usage_unknownVersion_isRejected() {
    assertThatThrownBy(() -> UsageAssumptions.parse("version: 2\n", "u.yml"))
        .isInstanceOfSatisfying(IacException.class, e -> assertThat(e.path()).isEqualTo("version"));
  }

  @Test
  void estimate_notUtf8_isRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bin.json");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
    assertThatThrownBy(() -> ESTIMATOR.estimate(file)).isInstanceOf(IacException.class);
  }

  /** Any truncation or byte flip of a real plan either estimates or fails with an IacException. */
  @Property(tries = 200)
  void estimate_mangledPlan_failsOnlyWithIacException(@ForAll @IntRange(min = 0, max = 12_000) int cut,
      @ForAll @IntRange(min = 0, max = 12_000) int flip, @ForAll char replacement) throws Exception {
    String plan = Files.readString(Fixtures.path("terraform/stratus-multicloud-plan.json"), StandardCharsets.UTF_8);
    StringBuilder mangled = new StringBuilder(plan.substring(0, Math.min(cut + 200, plan.length())));
    if (flip < mangled.length()) {
      mangled.setCharAt(flip, replacement);
    }
    try {
      ESTIMATOR.estimate(mangled.toString(), "mangled.json");
    } catch (IacException expected) {
      assertThat(expected.file()).isEqualTo("mangled.json");
    }
  }

  @Property(tries = 200)
  void estimate_mangledTemplate_failsOnlyWithIacException(@ForAll @IntRange(min = 0, max = 2_000) int cut,
      @ForAll @IntRange(min = 0, max = 2_000) int flip, @ForAll char replacement) throws Exception {
    String template = Files.readString(Fixtures.path("cloudformation/stratus-sizing.yaml"), StandardCharsets.UTF_8);
    StringBuilder mangled = new StringBuilder(template.substring(0, Math.min(cut + 100, template.length())));
    if (flip < mangled.length()) {
      mangled.setCharAt(flip, replacement);
    }
    try {
      ESTIMATOR.estimate(mangled.toString(), "mangled.yaml");
    } catch (IacException expected) {
      assertThat(expected.file()).isEqualTo("mangled.yaml");
    }
  }
}
