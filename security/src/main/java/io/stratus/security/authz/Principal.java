package io.stratus.security.authz;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who acts: a human user or a service account, identified by an id unique in the host. Immutable value.
 *
 * @param id the principal's id; never null
 * @param kind user or service account; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Principal(String id, Kind kind) {

  /** The kinds of principal. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** A human user. */
    USER,
    /** A machine identity, typically authenticated by API key. */
    SERVICE_ACCOUNT
  }

  /**
   * Validates the id.
   *
   * @throws InvalidPolicyException if the id is malformed
   */
  public Principal {
    Names.id("principal id", id, false);
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * A user principal.
   *
   * @param id the user id; never null
   * @return the principal; never null
   */
  public static Principal user(String id) {
    return new Principal(id, Kind.USER);
  }

  /**
   * A service-account principal.
   *
   * @param id the service account id; never null
   * @return the principal; never null
   */
  public static Principal serviceAccount(String id) {
    return new Principal(id, Kind.SERVICE_ACCOUNT);
  }
}
