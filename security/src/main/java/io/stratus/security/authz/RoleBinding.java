package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A principal bound to a role at a scope, as {@link AccessPolicy#bindings()} lists it (e.g. for an access review).
 * Immutable value.
 *
 * @param principalId the principal's id; never null
 * @param role the role's name; never null
 * @param scope where the role applies; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RoleBinding(String principalId, String role, Scope scope) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public RoleBinding {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
  }
}
