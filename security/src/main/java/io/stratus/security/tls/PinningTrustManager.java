package io.stratus.security.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Delegates path validation and host-name checks to the JDK's trust manager, then requires that one certificate of
 * the chain carries a pinned public key (RFC 7469: SHA-256 of the DER SubjectPublicKeyInfo). With no pins it only
 * delegates. Thread-safe (immutable).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private final Set<String> pins;

  PinningTrustManager(X509ExtendedTrustManager delegate, Set<String> pins) {
    this.delegate = delegate;
    this.pins = pins;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    checkPins(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    checkPins(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    checkPins(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
    checkPins(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
    checkPins(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
    checkPins(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private void checkPins(X509Certificate[] chain) throws PinMismatchException {
    if (pins.isEmpty()) {
      return;
    }
    StringBuilder seen = new StringBuilder();
    for (X509Certificate c : chain) {
      String pin = TlsSettings.spkiPin(c);
      if (pins.contains(pin)) {
        return;
      }
      seen.append(seen.length() == 0 ? "" : ", ").append(pin);
    }
    throw new PinMismatchException("no certificate in the chain matches a configured pin; chain pins: [" + seen
        + "], configured: " + pins);
  }
}
