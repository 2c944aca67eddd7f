package io.stratus.finops.budget;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A person (or service) deciding approval requests, with the roles the host's identity system grants it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id who it is; never null or blank
 * @param roles its roles; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Approver(String id, Set<String> roles) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id is blank
   */
  public Approver {
    Objects.requireNonNull(id, "approver.id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("approver.id must not be blank");
    }
    roles = Set.copyOf(Objects.requireNonNull(roles, "approver.roles"));
  }
}
