package io.stratus.finops.optimize;

import io.stratus.model.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The result of {@link CostOptimizer#recommend}: the recommendations ranked by ROI (highest first, ties by larger
 * monthly savings, then resource id), and every resource or check that was skipped with the reason.
 *
 * <p>Recommendations for the same resource are alternatives (rightsize or buy a commitment or move to spot);
 * {@link #bestPerResource()} keeps the one with the largest savings per resource.
 *
 * <p>Immutable and thread-safe.
 *
 * @param asOf the instant the analysis was made for
 * @param recommendations ranked by ROI
 * @param skipped what was not analysed and why, e.g. {@code "r-1: instance type aws:x9.huge is not in the catalog"}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RecommendationReport(Instant asOf, List<Recommendation> recommendations, List<String> skipped) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public RecommendationReport {
    Objects.requireNonNull(asOf, "recommendationReport.asOf");
    recommendations = List.copyOf(recommendations);
    skipped = List.copyOf(skipped);
  }

  /**
   * The recommendation with the largest monthly savings for each resource, in ROI order.
   *
   * @return the recommendations; never null
   */
  public List<Recommendation> bestPerResource() {
    Map<String, Recommendation> best = new HashMap<>();
    for (Recommendation r : recommendations) {
      best.merge(r.resourceId(), r,
          (a, b) -> b.monthlySavings().amount().compareTo(a.monthlySavings().amount()) > 0 ? b : a);
    }
    return recommendations.stream().filter(r -> best.get(r.resourceId()) == r).toList();
  }

  /**
   * The monthly savings of {@link #bestPerResource()}, per currency.
   *
   * @return the totals by currency; never null
   */
  public Map<Currency, Money> totalMonthlySavings() {
    Map<Currency, Money> out = new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
    for (Recommendation r : bestPerResource()) {
      out.merge(r.monthlySavings().currency(), r.monthlySavings(), Money::plus);
    }
    return out;
  }
}
