package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.optimize.Recommendation;
import io.stratus.finops.optimize.RecommendationKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisor prints ranked recommendations with ROI and the quarter-end forecast with its interval. */
class FinOpsAdvisorSampleTest {
  private static FinOpsAdvisorSample.Advice advice;
  private static String report;

  @BeforeAll
  static void run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      advice = FinOpsAdvisorSample.run(out);
    }
    report = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_recommendsIdleRightsizingAndSnapshotCleanup_rankedByRoi() {
    assertThat(advice.report().recommendations()).extracting(Recommendation::kind)
        .contains(RecommendationKind.IDLE, RecommendationKind.RIGHTSIZE, RecommendationKind.OLD_SNAPSHOT);
    assertThat(advice.report().recommendations()).isSortedAccordingTo((a, b) -> Double.compare(b.roi(), a.roi()));
    assertThat(advice.report().recommendations()).noneMatch(r -> r.resourceId().equals("i-eu-db")
        && r.targetRegionId() != null && r.targetRegionId().contains(":us-"));
    assertThat(report).contains("ROI").contains("payback");
  }

  @Test
  void run_forecastsTheQuarterWithNestedIntervals() {
    var q = advice.forecast().endOfQuarter();
    assertThat(q.label()).isEqualTo("2026-Q2");
    assertThat(q.lower95()).isLessThanOrEqualTo(q.lower80());
    assertThat(q.lower80()).isLessThanOrEqualTo(q.expected());
    assertThat(q.expected()).isLessThanOrEqualTo(q.upper80());
    assertThat(q.expected().amount()).isGreaterThan(q.actualToDate().amount());
    assertThat(report).contains("Cost forecast to the end of 2026-Q2");
  }
}
