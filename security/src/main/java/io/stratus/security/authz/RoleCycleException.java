package io.stratus.security.authz;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Defining a role would make role inheritance cyclic. Carries the cycle, first role repeated at the end. Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RoleCycleException extends InvalidPolicyException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf list
  private final List<String> cycle;

  RoleCycleException(String role, List<String> cycle) {
    super("role", role, "role inheritance must not be cyclic, found " + String.join(" -> ", cycle));
    this.cycle = List.copyOf(cycle);
  }

  /**
   * The cycle of role names, starting and ending with the same role.
   *
   * @return an immutable list; never null
   */
  public List<String> cycle() {
    return cycle;
  }
}
