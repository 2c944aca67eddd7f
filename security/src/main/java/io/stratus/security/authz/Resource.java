package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What an action targets: a resource type, an instance id and the scope it lives in. Immutable value.
 *
 * @param type the resource type, e.g. {@code budget}; never null
 * @param instance the instance id, or {@code *} for the type as a whole; never null
 * @param scope where it lives; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Resource(String type, String instance, Scope scope) {

  /**
   * Validates the components.
   *
   * @throws InvalidPolicyException if the type or instance is malformed
   */
  public Resource {
    Names.segment("resource type", type, false);
    Names.id("resource instance", instance, true);
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * A resource type as a whole within a scope (e.g. "cost data of team a").
   *
   * @param type the resource type; never null
   * @param scope the scope; never null
   * @return the resource; never null
   */
  public static Resource of(String type, Scope scope) {
    return new Resource(type, Names.WILDCARD, scope);
  }

  /**
   * One named instance within a scope.
   *
   * @param type the resource type; never null
   * @param instance the instance id; never null
   * @param scope the scope; never null
   * @return the resource; never null
   */
  public static Resource of(String type, String instance, Scope scope) {
    return new Resource(type, instance, scope);
  }
}
