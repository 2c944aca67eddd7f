package io.stratus.finops.budget;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The budgets' answer to a {@link SpendRequest}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome allowed, held for approval, or denied; never null
 * @param budgets the names of the budgets that hold or deny it (empty when allowed); never null
 * @param requests the approval requests involved: pending ones when held, approved ones that let it through; never
 *     null
 * @param message a sentence naming the budgets and thresholds; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SpendDecision(Outcome outcome, List<String> budgets, List<ApprovalRequest> requests, String message) {

  /**
   * What happens to the spend.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** No control stands in the way (or an approval lets it through). */
    ALLOWED,
    /** Waiting for an approval request to be approved. */
    APPROVAL_REQUIRED,
    /** A budget denies it (deny control, or its request was rejected). */
    DENIED
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public SpendDecision {
    Objects.requireNonNull(outcome, "spendDecision.outcome");
    budgets = List.copyOf(Objects.requireNonNull(budgets, "spendDecision.budgets"));
    requests = List.copyOf(Objects.requireNonNull(requests, "spendDecision.requests"));
    Objects.requireNonNull(message, "spendDecision.message");
  }
}
