package io.stratus.reporting;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.RootCause;
import io.stratus.finops.query.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the FinOps intelligence outputs of {@code stratus-finops} (budget statuses, optimizer recommendations, cost
 * anomalies) into report lines. Stateless and thread-safe.
 */
final class FinOpsLines {
  private FinOpsLines() {}

  static BudgetStatus budget(io.stratus.finops.budget.BudgetStatus s) {
    return new BudgetStatus(s.budget().name(), s.amount().amount(), s.actual().amount(), s.forecast().amount());
  }

  static Recommendation recommendation(io.stratus.finops.optimize.Recommendation r, boolean realized) {
    String category = r.kind() == io.stratus.finops.optimize.RecommendationKind.RIGHTSIZE ? "rightsizing"
        : r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return new Recommendation(category, r.resourceId(), r.action() + String.format(Locale.ROOT,
        " (one-off %s, ROI %.1fx, payback %d days)", r.oneOffCost().amount().toPlainString(), r.roi(),
        r.payback().toDays()), r.monthlySavings().amount(), realized);
  }

  /** Null for an anomaly marked a false positive: it was judged not to be one. */
  static TimelineEvent anomaly(CostAnomaly a) {
    if (a.status() == CostAnomaly.Status.FALSE_POSITIVE) {
      return null;
    }
    String scope = a.scope().filters().isEmpty() ? "all cost" : a.scope().filters().entrySet().stream()
        .map(e -> label(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining(", "));
    List<String> causes = new ArrayList<>();
    for (RootCause c : a.rootCauses().subList(0, Math.min(2, a.rootCauses().size()))) {
      causes.add(c.label() + String.format(Locale.ROOT, " (%.0f%%)", 100 * c.share()));
    }
    String detail = (a.direction() == CostAnomaly.Direction.INCREASE ? "cost above" : "cost below")
        + " its expected band for " + a.points().size() + (a.points().size() == 1 ? " bucket" : " buckets")
        + ": actual " + Fmt.cell(a.actualTotal()) + ", expected " + Fmt.cell(a.expectedTotal())
        + (causes.isEmpty() ? "" : "; root cause " + String.join(", ", causes))
        + (a.status() == CostAnomaly.Status.ACCEPTED ? "; accepted as expected" : "");
    return new TimelineEvent(a.start(), TimelineEvent.Kind.COST_ANOMALY,
        a.direction() == CostAnomaly.Direction.INCREASE ? "warning" : "info", scope, detail, a.impact().amount());
  }

  private static String label(Dimension d) {
    return d.name().startsWith("tag:") ? d.name().substring(4) : d.name();
  }
}
