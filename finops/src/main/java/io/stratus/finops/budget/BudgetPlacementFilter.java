package io.stratus.finops.budget;

import io.stratus.finops.query.Dimension;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.FilterPlugin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The scheduler's view of the budgets: a filter plugin the host adds to its scheduler, which refuses a candidate
 * whose cost would push a covering budget over a threshold with a control. The reason names the budget, so the
 * decision's explanation says which budget refused or held the placement:
 * <ul>
 *   <li>{@code DENY_PLACEMENTS}: "denied by budget 'Payments monthly'";</li>
 *   <li>{@code REQUIRE_APPROVAL}: "held for approval under budget 'Payments monthly' (request apr-1)"; the request is
 *       opened in the manager's approval store (one per workload and budget), and once it is approved the same
 *       workload passes this filter on every candidate.</li>
 * </ul>
 *
 * <p>The spend asked about is the candidate's marginal hourly cost for the workload's expected duration (until the
 * window's end for long-running services). The workload's labels become tag dimensions ({@code team=payments} is
 * {@code tag:team=payments}); a host may add more attributes (an account, a service) with
 * {@link #of(BudgetManager, String, Function)}. A candidate priced in another currency than a covering budget is
 * refused with a reason saying so (the budget cannot weigh it).
 *
 * <p>Thread-safe, as the manager is.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BudgetPlacementFilter implements FilterPlugin {
  private final BudgetManager manager;
  private final String requester;
  private final Function<Workload, Map<Dimension, String>> extra;

  private BudgetPlacementFilter(BudgetManager manager, String requester,
      Function<Workload, Map<Dimension, String>> extra) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.requester = Objects.requireNonNull(requester, "requester");
    this.extra = Objects.requireNonNull(extra, "attributes");
  }

  /**
   * A filter matching budgets by the workload's labels.
   *
   * @param manager the budgets; never null
   * @param requester who opens approval requests (the scheduler's identity); never null
   * @return the filter; never null
   */
  public static BudgetPlacementFilter of(BudgetManager manager, String requester) {
    return new BudgetPlacementFilter(manager, requester, w -> Map.of());
  }

  /**
   * A filter matching budgets by the workload's labels plus attributes the host derives from the workload.
   *
   * @param manager the budgets; never null
   * @param requester who opens approval requests; never null
   * @param attributes more dimension values of a workload (e.g. its account); never null, nor its results
   * @return the filter; never null
   */
  public static BudgetPlacementFilter of(BudgetManager manager, String requester,
      Function<Workload, Map<Dimension, String>> attributes) {
    return new BudgetPlacementFilter(manager, requester, attributes);
  }

  /**
   * The spend request this filter sends for a workload on a candidate.
   *
   * @param workload the workload; never null
   * @param candidate the candidate; never null
   * @return the request; never null
   */
  public SpendRequest spendRequest(Workload workload, Candidate candidate) {
    Map<Dimension, String> attributes = new LinkedHashMap<>();
    workload.labels().forEach((k, v) -> attributes.put(Dimension.tag(k), v));
    attributes.putAll(Objects.requireNonNull(extra.apply(workload), "attributes of " + workload.id()));
    return new SpendRequest(workload.id(), attributes, candidate.marginalHourlyCost(), workload.expectedDuration(),
        requester, "placement of " + workload.id());
  }

  @Override
  public Optional<String> filter(Workload workload, Candidate candidate) {
    SpendRequest request = spendRequest(workload, candidate);
    for (Budget b : manager.budgets()) {
      if (b.scope().covers(request.attributes()) && !b.currency().equals(request.hourlyRate().currency())) {
        return Optional.of("priced in " + request.hourlyRate().currency() + ", budget '" + b.name() + "' is in "
            + b.currency());
      }
    }
    SpendDecision d = manager.check(request);
    switch (d.outcome()) {
      case DENIED:
        return Optional.of("denied by budget '" + String.join("', '", d.budgets()) + "'");
      case APPROVAL_REQUIRED:
        StringBuilder ids = new StringBuilder();
        d.requests().forEach(r -> ids.append(ids.length() == 0 ? "" : ", ").append(r.id()));
        return Optional.of("held for approval under budget '" + String.join("', '", d.budgets()) + "' (request "
            + ids + ")");
      default:
        return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "budget";
  }
}
