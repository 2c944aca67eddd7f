package io.stratus.security.tls;

import io.stratus.StratusException;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apiguardian.api.API;

/**
 * A TLS connection was refused during the handshake; {@link #reason()} says why and {@link #target()} names the peer.
 * Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TlsFailureException extends StratusException {
  private static final long serialVersionUID = 1L;

  /** Why the handshake was refused. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Reason {
    /** The peer's certificate chain does not lead to a trusted anchor (self-signed, unknown CA). */
    UNTRUSTED_CERTIFICATE,
    /** The certificate is expired or not yet valid. */
    CERTIFICATE_EXPIRED,
    /** The chain is trusted but none of its public keys matches a configured pin. */
    PIN_MISMATCH,
    /** The certificate does not name the host that was contacted. */
    HOSTNAME_MISMATCH,
    /** The peer offers no protocol version in common (e.g. it speaks only TLS 1.1 or older). */
    PROTOCOL_NOT_ALLOWED,
    /** The peer offers no cipher suite in common. */
    CIPHER_SUITE_NOT_ALLOWED,
    /** Any other handshake failure; the cause has the details. */
    HANDSHAKE_FAILED
  }

  private final Reason reason;
  private final String target;

  TlsFailureException(Reason reason, String target, Throwable cause) {
    super("TLS handshake with " + target + " refused (" + reason + "): " + rootMessage(cause), cause);
    this.reason = reason;
    this.target = target;
  }

  /** @return why the handshake was refused; never null */
  public Reason reason() {
    return reason;
  }

  /** @return the peer that was contacted, e.g. {@code https://host:443/path}; never null */
  public String target() {
    return target;
  }

  /**
   * Classifies a failure from an {@code HttpClient} or {@code SSLSocket} call; returns empty if it is not a TLS
   * failure (e.g. connection refused).
   *
   * @param target the URI that was contacted; never null
   * @param failure what was thrown; never null
   * @return the typed failure, or empty; never null
   */
  public static Optional<TlsFailureException> classify(URI target, Throwable failure) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(failure, "failure");
    boolean tls = false;
    Reason reason = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SSLException) {
        tls = true;
      }
      Reason r = reasonOf(t);
      if (r != null && reason == null) {
        reason = r;
      }
      if (t.getCause() == null) {
        break;
      }
    }
    if (!tls && !(reason == Reason.PIN_MISMATCH)) {
      return Optional.empty();
    }
    return Optional.of(new TlsFailureException(reason == null ? Reason.HANDSHAKE_FAILED : reason, target.toString(),
        failure));
  }

  private static Reason reasonOf(Throwable t) {
    if (t instanceof PinMismatchException) {
      return Reason.PIN_MISMATCH;
    }
    if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
      return Reason.CERTIFICATE_EXPIRED;
    }
    if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
      return t.getCause() instanceof CertificateExpiredException ? Reason.CERTIFICATE_EXPIRED
          : Reason.UNTRUSTED_CERTIFICATE;
    }
    String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("no subject alternative") || m.contains("no name matching")) {
      return Reason.HOSTNAME_MISMATCH;
    }
    if (m.contains("protocol_version") || m.contains("no appropriate protocol")
        || m.contains("not accepted by client preferences") || m.contains("not accepted by server preferences")) {
      return Reason.PROTOCOL_NOT_ALLOWED;
    }
    if (m.contains("no negotiable cipher suite") || m.contains("insufficient_security")) {
      return Reason.CIPHER_SUITE_NOT_ALLOWED;
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getClass().getSimpleName() + ": " + r.getMessage();
  }
}
