package io.stratus.finops.budget;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One entry of an approval request's history: who moved it from which state to which, when and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when; never null
 * @param actor who: the requester for creation, the approver, or {@code system} for expiry; never null
 * @param from the state before; null for creation
 * @param to the state after; never null
 * @param reason why; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ApprovalEvent(Instant at, String actor, ApprovalRequest.State from, ApprovalRequest.State to,
    String reason) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a required component is null
   */
  public ApprovalEvent {
    Objects.requireNonNull(at, "approvalEvent.at");
    Objects.requireNonNull(actor, "approvalEvent.actor");
    Objects.requireNonNull(to, "approvalEvent.to");
    Objects.requireNonNull(reason, "approvalEvent.reason");
  }
}
