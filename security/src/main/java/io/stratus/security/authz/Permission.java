package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A permission {@code resource:action[:instance]}, e.g. {@code workload:place}, {@code budget:*:team-a-monthly} or
 * {@code *:read}. Each segment is a name or the whole-segment wildcard {@code *}; an absent instance means every
 * instance. Immutable value.
 *
 * @param resource the resource type, or {@code *}; never null
 * @param action the action, or {@code *}; never null
 * @param instance the resource instance, or {@code *} for all; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Permission(String resource, String action, String instance) {

  /**
   * Validates the segments.
   *
   * @throws InvalidPolicyException if a segment is malformed
   */
  public Permission {
    Names.segment("permission resource", resource, true);
    Names.segment("permission action", action, true);
    Names.id("permission instance", instance, true);
  }

  /**
   * Parses {@code resource:action[:instance]}.
   *
   * @param text the permission string; never null
   * @return the permission; never null
   * @throws InvalidPolicyException naming the string and the rule if it is malformed
   */
  public static Permission parse(String text) {
    Objects.requireNonNull(text, "permission");
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new InvalidPolicyException("permission", text, "must have the form resource:action[:instance]");
    }
    try {
      return new Permission(parts[0], parts[1], parts.length == 3 ? parts[2] : Names.WILDCARD);
    } catch (InvalidPolicyException e) {
      throw new InvalidPolicyException("permission", text, e.getMessage());
    }
  }

  /**
   * Whether this permission (a pattern) covers a concrete request; wildcards match any value.
   *
   * @param requested the requested permission; never null
   * @return true if every segment of this permission is {@code *} or equal to the requested one
   */
  public boolean implies(Permission requested) {
    return matches(resource, requested.resource) && matches(action, requested.action)
        && matches(instance, requested.instance);
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals(Names.WILDCARD) || pattern.equals(value);
  }

  /** The canonical text form, {@code resource:action} or {@code resource:action:instance}. */
  @Override
  public String toString() {
    return instance.equals(Names.WILDCARD) ? resource + ":" + action : resource + ":" + action + ":" + instance;
  }
}
