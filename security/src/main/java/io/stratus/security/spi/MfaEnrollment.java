package io.stratus.security.spi;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a principal receives when enrolling a second factor: a set-up URI (for TOTP an {@code otpauth://} URI to show
 * as a QR code) and single-use recovery codes. Both are secret and shown once; the provider keeps only what it needs
 * (recovery codes only as hashes). Immutable; {@link #toString()} hides the secrets.
 *
 * @param principalId who enrolled; never null
 * @param providerId the provider's id; never null
 * @param setupUri the set-up URI; never null
 * @param recoveryCodes the recovery codes; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MfaEnrollment(String principalId, String providerId, String setupUri, List<String> recoveryCodes) {

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public MfaEnrollment {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(setupUri, "setupUri");
    recoveryCodes = List.copyOf(recoveryCodes);
  }

  @Override
  public String toString() {
    return "MfaEnrollment[principal=" + principalId + ", provider=" + providerId + ", setupUri=<redacted>, "
        + recoveryCodes.size() + " recovery codes]";
  }
}
