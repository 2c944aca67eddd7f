package io.stratus.security.tls;

import java.security.cert.CertificateException;

/** Thrown by {@link PinningTrustManager} inside the handshake; {@link TlsFailureException} recognises it. */
final class PinMismatchException extends CertificateException {
  private static final long serialVersionUID = 1L;

  PinMismatchException(String message) {
    super(message);
  }
}
