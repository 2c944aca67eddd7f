package io.stratus.finops.budget;

import io.stratus.model.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A request for new spend under a budget whose threshold requires approval: created PENDING, it ends in exactly one
 * of APPROVED, REJECTED or EXPIRED, and its history records every transition.
 *
 * <p>Immutable and thread-safe; a transition returns a new request with one more history entry.
 *
 * @param id the unique id; never null
 * @param budgetId the budget; never null
 * @param key what the spend is for, e.g. a workload id (one open request per budget and key); never null
 * @param amount the spend asked for within the budget's window; never null
 * @param requester who asked; never null
 * @param reason why; never null
 * @param createdAt when; never null
 * @param expiresAt when a pending request expires; after {@code createdAt}; never null
 * @param state the current state; never null
 * @param history every transition, oldest first, the creation first; never null or empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ApprovalRequest(String id, String budgetId, String key, Money amount, String requester, String reason,
    Instant createdAt, Instant expiresAt, State state, List<ApprovalEvent> history) {

  /**
   * Where a request stands.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum State {
    /** Waiting for a decision. */
    PENDING,
    /** Approved: the spend may go ahead (terminal). */
    APPROVED,
    /** Rejected: the spend may not (terminal). */
    REJECTED,
    /** Not decided in time (terminal). */
    EXPIRED;

    /**
     * Whether the state is final.
     *
     * @return true for every state but PENDING
     */
    public boolean isTerminal() {
      return this != PENDING;
    }
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the history is empty or does not end in the state, or expiry is not after
   *     creation
   */
  public ApprovalRequest {
    Objects.requireNonNull(id, "approvalRequest.id");
    Objects.requireNonNull(budgetId, "approvalRequest.budgetId");
    Objects.requireNonNull(key, "approvalRequest.key");
    Objects.requireNonNull(amount, "approvalRequest.amount");
    Objects.requireNonNull(requester, "approvalRequest.requester");
    Objects.requireNonNull(reason, "approvalRequest.reason");
    Objects.requireNonNull(createdAt, "approvalRequest.createdAt");
    Objects.requireNonNull(expiresAt, "approvalRequest.expiresAt");
    Objects.requireNonNull(state, "approvalRequest.state");
    history = List.copyOf(Objects.requireNonNull(history, "approvalRequest.history"));
    if (history.isEmpty() || history.get(history.size() - 1).to() != state) {
      throw new IllegalArgumentException("approvalRequest " + id + ": history must end in state " + state);
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("approvalRequest " + id + ": expiresAt " + expiresAt
          + " must be after createdAt " + createdAt);
    }
  }

  /**
   * This request moved to a new state.
   *
   * @param to the new state; never null
   * @param at when; never null
   * @param actor who; never null
   * @param why the reason; never null
   * @return the new request; never null
   * @throws IllegalStateException if this request is already terminal
   */
  public ApprovalRequest transition(State to, Instant at, String actor, String why) {
    if (state.isTerminal()) {
      throw new IllegalStateException("approvalRequest " + id + " is already " + state + ", cannot become " + to);
    }
    List<ApprovalEvent> h = new ArrayList<>(history);
    h.add(new ApprovalEvent(at, actor, state, to, why));
    return new ApprovalRequest(id, budgetId, key, amount, requester, reason, createdAt, expiresAt, to, h);
  }
}
