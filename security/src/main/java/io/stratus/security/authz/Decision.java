package io.stratus.security.authz;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The answer of {@link AccessPolicy#check}: allowed or not, and why. When a rule decided, the decision names it, the
 * role that carries it and the scope of the binding through which it applied. Immutable value.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Decision {
  private final boolean allowed;
  private final Permission requested;
  private final Resource resource;
  private final Rule rule;
  private final String role;
  private final Scope bindingScope;

  Decision(boolean allowed, Permission requested, Resource resource, Rule rule, String role, Scope bindingScope) {
    this.allowed = allowed;
    this.requested = requested;
    this.resource = resource;
    this.rule = rule;
    this.role = role;
    this.bindingScope = bindingScope;
  }

  static Decision noRule(Permission requested, Resource resource) {
    return new Decision(false, requested, resource, null, null, null);
  }

  /**
   * Whether the action is allowed.
   *
   * @return true only if an allow rule applies and no deny rule does
   */
  public boolean allowed() {
    return allowed;
  }

  /**
   * The permission that was asked for.
   *
   * @return the concrete requested permission; never null
   */
  public Permission requested() {
    return requested;
  }

  /**
   * The rule that decided: the deny rule that forbade, or the allow rule that granted.
   *
   * @return the rule, or empty when the request was denied because no rule grants it
   */
  public Optional<Rule> rule() {
    return Optional.ofNullable(rule);
  }

  /**
   * The role carrying the deciding rule (possibly inherited through a bound role).
   *
   * @return the role name, or empty when no rule applied
   */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /**
   * A one-line human-readable reason.
   *
   * @return the reason; never null
   */
  public String reason() {
    String target = requested + " on " + resource.scope();
    if (rule == null) {
      return "denied " + target + ": no rule grants it";
    }
    return (allowed ? "allowed " : "denied ") + target + " by rule '" + rule + "' of role " + role
        + " bound at " + Objects.requireNonNull(bindingScope);
  }

  @Override
  public String toString() {
    return reason();
  }
}
