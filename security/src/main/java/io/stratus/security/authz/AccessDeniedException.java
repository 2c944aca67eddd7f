package io.stratus.security.authz;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A principal tried an operation the access policy denies. Carries the decision with its reason. Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AccessDeniedException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String principalId;
  @SuppressWarnings("serial") // Decision is an immutable value; serialization is not supported
  private final Decision decision;

  AccessDeniedException(Principal principal, Decision decision) {
    super(principal.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + principal.id() + " is "
        + decision.reason());
    this.principalId = principal.id();
    this.decision = decision;
  }

  /**
   * The principal that was refused.
   *
   * @return its id; never null
   */
  public String principalId() {
    return principalId;
  }

  /**
   * The policy's decision, with the deny rule (if one applied) and the reason.
   *
   * @return the decision; never null
   */
  public Decision decision() {
    return decision;
  }
}
