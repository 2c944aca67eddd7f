package io.stratus.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Host-supplied lines for the test reports (what a budget engine, optimizer and alerting would hand over). */
final class SampleInputs {
  private SampleInputs() {}

  static ReportInputs march() {
    return ReportInputs.builder(SeededData.MAR, SeededData.APR)
        .budgets(List.of(new BudgetStatus("Platform", new BigDecimal("40000"), new BigDecimal("38210.55"),
                new BigDecimal("38210.55")),
            new BudgetStatus("ML training", new BigDecimal("6000"), new BigDecimal("7012.10"),
                new BigDecimal("7012.10"))))
        .recommendations(List.of(
            new Recommendation("rightsizing", "i-0a1", "m5.2xlarge -> m5.xlarge", new BigDecimal("140.16"), false),
            new Recommendation("commitment", "AmazonEC2", "1-year savings plan, $2/h", new BigDecimal("410"), false),
            new Recommendation("idle", "st-1", "delete unattached volume", new BigDecimal("35.50"), true)))
        .events(List.of(
            new TimelineEvent(Instant.parse("2026-03-12T00:00:00Z"), TimelineEvent.Kind.COST_ANOMALY, "critical",
                "gce-1", "daily cost 6x the baseline", new BigDecimal("912.40")),
            new TimelineEvent(Instant.parse("2026-03-12T09:10:00Z"), TimelineEvent.Kind.ALERT, "warning",
                "search", "HighCpu fired on vm-1", BigDecimal.ZERO)))
        .slos(List.of(new SloStatus("jobs meet their deadline", 0.99, 0.9934),
            new SloStatus("search availability", 0.999, 0.9982)))
        .decisions(List.of(new SchedulerDecision(Instant.parse("2026-03-03T10:00:00Z"), "batch-7",
            "aws us-east-1 m5.xlarge spot", new BigDecimal("0.0730"), new BigDecimal("0.1920"),
            "spot allowed, interruption risk 4% under the 20% cap")))
        .build();
  }
}
