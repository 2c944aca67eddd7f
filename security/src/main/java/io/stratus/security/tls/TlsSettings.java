package io.stratus.security.tls;

import io.stratus.InvalidConfigurationException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apiguardian.api.API;

/**
 * Strict client TLS settings: protocols TLS 1.3 and TLS 1.2 only, forward-secret AEAD cipher suites only (AES-GCM and
 * ChaCha20-Poly1305 with ECDHE), host-name verification on, trust anchors from a given trust store (or the JDK's), and
 * optional public-key pins. A pin is {@code sha256/} followed by the Base64 SHA-256 of a certificate's DER
 * SubjectPublicKeyInfo (the RFC 7469 {@code pin-sha256} value); when pins are set, the validated chain must contain a
 * pinned key (pin the issuing CA's key and a backup key to survive certificate renewal).
 *
 * <p>Immutable and thread-safe; the {@code SSLContext} is built once in {@link Builder#build()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TlsSettings {
  /** The protocols offered, strongest first. */
  static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** AEAD, forward-secret suites, strongest first; TLS 1.3 suites are all AEAD. */
  static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

  private static final String PIN_PREFIX = "sha256/";

  private final SSLContext context;
  private final List<String> cipherSuites;
  private final Set<String> pins;

  private TlsSettings(SSLContext context, List<String> cipherSuites, Set<String> pins) {
    this.context = context;
    this.cipherSuites = cipherSuites;
    this.pins = pins;
  }

  /**
   * A builder with the JDK's trust anchors and no pins.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The RFC 7469 pin of a certificate's public key: {@code sha256/} and the Base64 SHA-256 of its DER
   * SubjectPublicKeyInfo.
   *
   * @param certificate the certificate; never null
   * @return the pin; never null
   */
  public static String spkiPin(X509Certificate certificate) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
      return PIN_PREFIX + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * The SSL context: its trust manager validates the chain and host name with the JDK's PKIX rules and then checks the
   * pins.
   *
   * @return the shared context; never null
   */
  public SSLContext sslContext() {
    return context;
  }

  /**
   * Parameters restricting a socket, engine or {@code HttpClient} to the protocols and suites above, with HTTPS
   * host-name verification.
   *
   * @return a new parameters object (mutable, so a fresh one per call); never null
   */
  public SSLParameters sslParameters() {
    SSLParameters p = new SSLParameters(cipherSuites.toArray(String[]::new), PROTOCOLS.toArray(String[]::new));
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setUseCipherSuitesOrder(true);
    return p;
  }

  /** @return the protocols offered, strongest first; never null */
  public List<String> protocols() {
    return PROTOCOLS;
  }

  /** @return the cipher suites offered (those of the AEAD list the JDK supports), strongest first; never null */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** @return the configured pins; empty when pinning is off; never null */
  public Set<String> pins() {
    return pins;
  }

  /**
   * An {@code HttpClient} builder with this context and these parameters set; the caller adds timeouts, proxy and
   * executor.
   *
   * @return a new builder; never null
   */
  public HttpClient.Builder httpClientBuilder() {
    return HttpClient.newBuilder().sslContext(context).sslParameters(sslParameters());
  }

  /**
   * Sends a request and turns a refused handshake into a {@link TlsFailureException}.
   *
   * @param client a client from {@link #httpClientBuilder()}; never null
   * @param request the request; never null
   * @param handler the body handler; never null
   * @param <T> the body type
   * @return the response; never null
   * @throws TlsFailureException if the TLS handshake was refused, with the reason
   * @throws IOException for other I/O failures
   * @throws InterruptedException if interrupted while waiting
   */
  public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      Optional<TlsFailureException> tls = TlsFailureException.classify(request.uri(), e);
      if (tls.isPresent()) {
        throw tls.get();
      }
      throw e;
    }
  }

  /**
   * Builds {@link TlsSettings}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private KeyStore trustStore;
    private final Set<String> pins = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Trusts exactly the certificates in this key store instead of the JDK's default anchors.
     *
     * @param trustStore a loaded key store with trusted certificate entries; never null
     * @return this builder
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    /**
     * Adds a public-key pin.
     *
     * @param pin {@code sha256/} and the Base64 of a 32-byte SHA-256 digest; never null
     * @return this builder
     * @throws InvalidConfigurationException if the pin is malformed
     */
    public Builder pin(String pin) {
      Objects.requireNonNull(pin, "pin");
      byte[] digest = null;
      if (pin.startsWith(PIN_PREFIX)) {
        try {
          digest = Base64.getDecoder().decode(pin.substring(PIN_PREFIX.length()));
        } catch (IllegalArgumentException e) {
          digest = null;
        }
      }
      if (digest == null || digest.length != 32) {
        throw new InvalidConfigurationException("tls pin '" + pin
            + "' must be 'sha256/' followed by the Base64 of a 32-byte SHA-256 digest of the SubjectPublicKeyInfo");
      }
      pins.add(pin);
      return this;
    }

    /**
     * Adds several pins.
     *
     * @param pins pins as for {@link #pin(String)}; never null
     * @return this builder
     * @throws InvalidConfigurationException if a pin is malformed
     */
    public Builder pins(Collection<String> pins) {
      pins.forEach(this::pin);
      return this;
    }

    /**
     * Builds the settings and their SSL context.
     *
     * @return the settings; never null
     * @throws InvalidConfigurationException if the trust store cannot be used or the JDK supports none of the suites
     */
    public TlsSettings build() {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        X509ExtendedTrustManager jdk = Arrays.stream(tmf.getTrustManagers())
            .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
            .findFirst().orElseThrow(() -> new InvalidConfigurationException(
                "tls trust store: the JDK trust manager factory offers no X509ExtendedTrustManager"));
        Set<String> pinCopy = Set.copyOf(pins);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new PinningTrustManager(jdk, pinCopy)}, null);
        Set<String> supported = Set.of(ctx.getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (String s : CIPHER_SUITES) {
          if (supported.contains(s)) {
            suites.add(s);
          }
        }
        if (suites.isEmpty()) {
          throw new InvalidConfigurationException("tls: the JDK supports none of the AEAD cipher suites "
              + CIPHER_SUITES);
        }
        return new TlsSettings(ctx, List.copyOf(suites), pinCopy);
      } catch (GeneralSecurityException e) {
        throw new InvalidConfigurationException("tls trust store cannot be used: " + e.getMessage());
      }
    }
  }
}
