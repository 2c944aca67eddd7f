package io.stratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.IacFormat;
import io.stratus.adapters.iac.MonthlyCost;
import io.stratus.adapters.iac.ResourceEstimate;
import io.stratus.adapters.iac.UnpricedResource;
import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RenderTest {

  private static Estimate estimate(int resources, int unpriced) {
    List<ResourceEstimate> rs = new ArrayList<>();
    for (int i = 0; i < resources; i++) {
      MonthlyCost c = new MonthlyCost(CloudProvider.AWS, "us-east-1", "m5.large", 2, 730, new BigDecimal("0.096"),
          Money.usd(new BigDecimal("140.16")));
      rs.add(new ResourceEstimate("module.fleet[" + i + "].aws_instance.worker_with_a_rather_long_name", "aws_instance",
          "create", null, c, List.of("region not in the file: assumed us-east-1")));
    }
    List<UnpricedResource> us = new ArrayList<>();
    for (int i = 0; i < unpriced; i++) {
      us.add(new UnpricedResource("aws_ebs_volume.v" + i, "aws_ebs_volume", "gp3, 100 GB: storage is not priced"));
    }
    return new Estimate("plan.json", IacFormat.TERRAFORM_PLAN, Money.USD, rs, us, Map.of("aws_s3_bucket", 3));
  }

  @Test
  void github_smallEstimate_isOneComment() {
    List<String> parts = Render.render(estimate(3, 2), Render.Format.github, "shop", List.of());
    assertThat(parts).hasSize(1);
    assertThat(parts.get(0)).startsWith("<!-- stratus:project=shop -->\n### Stratus cost estimate: shop")
        .contains("| After | USD 420.48 |").contains("<details><summary>Not priced (2)</summary>");
  }

  @Test
  void github_hugeEstimate_isSplitUnderTheLimitWithTablesReopened() {
    List<String> parts = Render.render(estimate(2_000, 1_000), Render.Format.github, "shop", List.of("over budget"));
    assertThat(parts.size()).isGreaterThan(1);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      assertThat(part.length()).isLessThanOrEqualTo(Render.GITHUB_LIMIT);
      assertThat(part).contains("<!-- stratus:project=shop -->");
      if (i > 0) {
        assertThat(part).contains("(part " + (i + 1) + " of " + parts.size() + ")");
        assertThat(part).containsPattern("\\| Resource \\| (Action|Type)");
      }
    }
    String all = String.join("", parts);
    for (int i = 0; i < 2_000; i += 499) {
      assertThat(all).contains("module.fleet[" + i + "]");
    }
    assertThat(all).contains("aws_ebs_volume.v999");
  }

  @Property(tries = 30)
  void split_neverExceedsTheLimit(@ForAll @IntRange(min = 0, max = 3_000) int resources,
      @ForAll @IntRange(min = 0, max = 1_500) int unpriced) {
    for (String part : Render.render(estimate(resources, unpriced), Render.Format.github, null, List.of())) {
      assertThat(part.length()).isLessThanOrEqualTo(Render.GITHUB_LIMIT);
    }
  }

  @Test
  void text_listsUnpricedAndUnsupported() {
    String text = Render.render(estimate(1, 1), Render.Format.text, null, List.of("too dear")).get(0);
    assertThat(text).contains("Not priced (1; totals are a lower bound)").contains("aws_s3_bucket x3")
        .contains("POLICY BREACHED: too dear");
  }
}
