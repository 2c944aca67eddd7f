package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Enforces an {@link AccessPolicy} in front of SDK operations: {@link #require} returns the allowing decision or
 * throws {@link AccessDeniedException}. Thread-safe when its policy is (the default one is).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AccessGuard {
  private final AccessPolicy policy;

  private AccessGuard(AccessPolicy policy) {
    this.policy = policy;
  }

  /**
   * A guard over a policy.
   *
   * @param policy the policy to consult; never null
   * @return the guard; never null
   */
  public static AccessGuard of(AccessPolicy policy) {
    return new AccessGuard(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Requires that the principal holds an SDK permission (e.g. {@link SdkPermissions#CHANGE_BUDGETS}) in a scope.
   *
   * @param principal who acts; never null
   * @param operation the operation's permission, with {@code *} instance for the type as a whole; never null
   * @param scope where it acts; never null
   * @return the allowing decision; never null
   * @throws AccessDeniedException if the policy denies it, with the reason
   */
  public Decision require(Principal principal, Permission operation, Scope scope) {
    return require(principal, operation.action(), new Resource(operation.resource(), operation.instance(), scope));
  }

  /**
   * Requires that the principal may perform an action on a resource.
   *
   * @param principal who acts; never null
   * @param action the action; never null
   * @param resource the target; never null
   * @return the allowing decision; never null
   * @throws AccessDeniedException if the policy denies it, with the reason
   */
  public Decision require(Principal principal, String action, Resource resource) {
    Decision decision = policy.check(principal, action, resource);
    if (!decision.allowed()) {
      throw new AccessDeniedException(principal, decision);
    }
    return decision;
  }
}
