package io.stratus.security.authn;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A newly issued API key: the full secret token, shown to its owner once and never stored, and the stored record.
 * Immutable; {@link #toString()} hides the token.
 *
 * @param token the full key, {@code strk_<id>_<secret>}; never null
 * @param record what was stored; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IssuedApiKey(String token, ApiKeyRecord record) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public IssuedApiKey {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(record, "record");
  }

  @Override
  public String toString() {
    return "IssuedApiKey[token=strk_" + record.id() + "_<redacted>, record=" + record + "]";
  }
}
