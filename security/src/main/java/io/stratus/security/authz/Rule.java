package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One line of a role: allow or deny a permission pattern. Immutable value.
 *
 * @param effect allow or deny; never null
 * @param permission the permission pattern it covers; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Rule(Effect effect, Permission permission) {

  /** Whether a rule grants or forbids. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Effect {
    /** Grants the permission unless a deny also applies. */
    ALLOW,
    /** Forbids the permission, whatever allows it. */
    DENY
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Rule {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(permission, "permission");
  }

  /**
   * An allow rule.
   *
   * @param permission the permission string, {@code resource:action[:instance]}; never null
   * @return the rule; never null
   * @throws InvalidPolicyException if the permission is malformed
   */
  public static Rule allow(String permission) {
    return new Rule(Effect.ALLOW, Permission.parse(permission));
  }

  /**
   * A deny rule.
   *
   * @param permission the permission string, {@code resource:action[:instance]}; never null
   * @return the rule; never null
   * @throws InvalidPolicyException if the permission is malformed
   */
  public static Rule deny(String permission) {
    return new Rule(Effect.DENY, Permission.parse(permission));
  }

  @Override
  public String toString() {
    return effect.name().toLowerCase(java.util.Locale.ROOT) + " " + permission;
  }
}
