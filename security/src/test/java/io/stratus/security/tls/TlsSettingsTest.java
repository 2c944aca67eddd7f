package io.stratus.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.stratus.InvalidConfigurationException;
import io.stratus.security.tls.TlsFailureException.Reason;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connects to JDK {@code HttpsServer}s on loopback with certificates generated here by the JDK's {@code keytool}: a
 * server certificate signed by a test CA, a self-signed one, and a TLS 1.1-only server.
 */
class TlsSettingsTest {
  private static final char[] PW = "changeit-test".toCharArray();

  @TempDir static Path dir;
  private static X509Certificate caCert;
  private static X509Certificate serverCert;
  private static KeyStore trust;
  private static final List<HttpsServer> servers = new ArrayList<>();
  private static final List<ServerSocket> rawServers = new ArrayList<>();
  private static URI good;
  private static URI selfSigned;
  private static URI tls11;
  private static URI otherName;

  @BeforeAll
  static void setUp() throws Exception {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Stratus Test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-validity", "2", "-keystore", "server.p12");
    keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
    keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.crt",
        "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-rfc");
    Files.copy(dir.resolve("server.p12"), dir.resolve("other.p12"));
    keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "other.crt",
        "-ext", "san=dns:other.example", "-validity", "2", "-rfc");
    keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt", "-rfc");
    keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "server.p12", "-noprompt");
    keytool("-importcert", "-alias", "server", "-file", "server.crt", "-keystore", "server.p12", "-noprompt");
    keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "other.p12", "-noprompt");
    keytool("-importcert", "-alias", "server", "-file", "other.crt", "-keystore", "other.p12", "-noprompt");
    keytool("-genkeypair", "-alias", "self", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "self.p12");
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
      caCert = (X509Certificate) cf.generateCertificate(in);
    }
    try (InputStream in = Files.newInputStream(dir.resolve("server.crt"))) {
      serverCert = (X509Certificate) cf.generateCertificate(in);
    }
    trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCert);
    good = start("server.p12");
    selfSigned = start("self.p12");
    tls11 = startTls11Only();
    otherName = start("other.p12");
  }

  @AfterAll
  static void tearDown() {
    servers.forEach(s -> s.stop(0));
    for (ServerSocket s : rawServers) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PW)));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
  }

  /**
   * A peer that speaks only TLS 1.1: this JDK cannot enable TLS 1.1 in a server (jdk.tls.disabledAlgorithms), so it
   * answers every ClientHello the way a TLS 1.1-only server does, with a ServerHello selecting version 3.2.
   */
  private static URI startTls11Only() throws IOException {
    ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    rawServers.add(socket);
    Thread t = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket c = socket.accept()) {
          DataInputStream in = new DataInputStream(c.getInputStream());
          byte[] header = new byte[5];
          in.readFully(header);
          in.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
          byte[] hello = new byte[5 + 4 + 38];
          ByteBuffer b = ByteBuffer.wrap(hello);
          b.put((byte) 0x16).put((byte) 3).put((byte) 2).putShort((short) 42);
          b.put((byte) 2).put((byte) 0).putShort((short) 38);
          b.put((byte) 3).put((byte) 2).put(new byte[32]).put((byte) 0).putShort((short) 0xC02B).put((byte) 0);
          c.getOutputStream().write(hello);
          c.getOutputStream().flush();
          c.getInputStream().readAllBytes();
        } catch (IOException e) {
          // the client hung up or the socket closed; serve the next connection
        }
      }
    }, "tls11-only-server");
    t.setDaemon(true);
    t.start();
    return URI.create("https://localhost:" + socket.getLocalPort() + "/");
  }

  private static URI start(String keyStore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(keyStore))) {
      ks.load(in, PW);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PW);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", exchange -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    servers.add(server);
    return URI.create("https://localhost:" + server.getAddress().getPort() + "/");
  }

  private static HttpResponse<String> get(TlsSettings tls, URI uri) throws IOException, InterruptedException {
    HttpClient client = tls.httpClientBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    return TlsSettings.send(client, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static TlsFailureException failureOf(TlsSettings tls, URI uri) {
    try {
      get(tls, uri);
    } catch (TlsFailureException e) {
      assertThat(e.target()).isEqualTo(uri.toString());
      assertThat(e.getMessage()).contains(uri.toString()).contains(e.reason().name());
      return e;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("expected a TlsFailureException, got " + e, e);
    }
    throw new AssertionError("the handshake with " + uri + " was accepted");
  }

  @Test
  void trustedServer_isReachable() throws Exception {
    HttpResponse<String> r = get(TlsSettings.builder().trustStore(trust).build(), good);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
  }

  @Test
  void matchingPin_onLeafOrCa_isAccepted() throws Exception {
    assertThat(get(TlsSettings.builder().trustStore(trust).pin(TlsSettings.spkiPin(serverCert)).build(), good)
        .statusCode()).isEqualTo(200);
    assertThat(get(TlsSettings.builder().trustStore(trust).pin(TlsSettings.spkiPin(caCert)).build(), good)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void selfSignedServer_isUntrusted() {
    TlsFailureException e = failureOf(TlsSettings.builder().trustStore(trust).build(), selfSigned);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void serverSignedByUnknownCa_isUntrustedByJdkDefaults() {
    TlsFailureException e = failureOf(TlsSettings.builder().build(), good);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void wrongPin_isRefusedEvenThoughTheChainIsTrusted() {
    String other = "sha256/" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    TlsFailureException e = failureOf(TlsSettings.builder().trustStore(trust).pin(other).build(), good);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.PIN_MISMATCH);
    assertThat(e.getMessage()).contains(other);
  }

  @Test
  void tls11OnlyServer_isRefused() {
    TlsFailureException e = failureOf(TlsSettings.builder().trustStore(trust).build(), tls11);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.PROTOCOL_NOT_ALLOWED);
  }

  @Test
  void certificateForAnotherHost_isRefused() {
    TlsFailureException e = failureOf(TlsSettings.builder().trustStore(trust).build(), otherName);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.HOSTNAME_MISMATCH);
  }

  @Test
  void parameters_offerOnlyTls12And13AndAeadSuites() {
    TlsSettings tls = TlsSettings.builder().build();
    assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(tls.cipherSuites()).isNotEmpty()
        .allMatch(s -> s.contains("_GCM_") || s.contains("CHACHA20_POLY1305"))
        .allMatch(s -> s.startsWith("TLS_AES") || s.startsWith("TLS_CHACHA") || s.startsWith("TLS_ECDHE_"));
  }

  @Test
  void malformedPin_isRejectedWithTheRule() {
    assertThatThrownBy(() -> TlsSettings.builder().pin("sha1/abc"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("sha1/abc")
        .hasMessageContaining("32-byte SHA-256");
    assertThatThrownBy(() -> TlsSettings.builder().pin("sha256/AAAA"))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void connectionRefused_isNotATlsFailure() {
    assertThat(TlsFailureException.classify(good, new java.net.ConnectException("refused"))).isEmpty();
  }
}
