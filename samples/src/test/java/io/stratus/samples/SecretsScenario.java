package io.stratus.samples;

import com.sun.net.httpserver.HttpServer;
import io.stratus.adapters.notifications.EmailChannel;
import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.InMemoryApiKeyStore;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.Permission;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.spi.Notification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link SecretsInLogsTest} with every logger at TRACE: uses a webhook secret, an API key, an SMTP
 * password and a key store passphrase the way a host does, failures included, and logs the secret-bearing objects
 * and the exceptions as a host would. Prints the secrets on standard output (for the test) and nothing else; the logs
 * go to standard error.
 */
public final class SecretsScenario {
  private static final Logger HOST = LoggerFactory.getLogger("host");

  private SecretsScenario() {}

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    InstantSource clock = InstantSource.system();

    // webhook secret: a delivery the receiver refuses, given up at once (the dispatcher logs it)
    WebhookSecret secret = WebhookSecret.generate(random);
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", ex -> {
      ex.sendResponseHeaders(401, -1);
      ex.close();
    });
    receiver.start();
    WebhookDispatcher d = WebhookDispatcher.builder(Outbox.inMemory(), clock).maxAttempts(1).build();
    d.subscribe(Subscription.toAll("sub", URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/"),
        secret));
    d.publish(Events.healthChanged("e-1", URI.create("urn:stratus:test"), Instant.now(), "db", "up", "down", "",
        Map.of()));
    d.deliverDue();
    receiver.stop(0);
    HOST.info("subscription {} with secret {}", d.subscriptions(), secret);

    // API key: issued, used, and a forged one refused
    ApiKeys keys = ApiKeys.create(new InMemoryApiKeyStore(), clock);
    IssuedApiKey issued = keys.issue("alice", Set.of(Permission.parse("costs:read")), Duration.ofDays(1));
    keys.authenticate(issued.token());
    try {
      keys.authenticate(issued.token() + "x");
    } catch (RuntimeException e) {
      HOST.warn("authentication failed", e);
    }
    HOST.info("issued {}", issued);

    // SMTP password: a send to a port nobody listens on
    String smtpPassword = "smtp-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    EmailChannel email = EmailChannel.builder("ops-mail", "127.0.0.1", closed).from("stratus@example.org")
        .to(List.of("ops@example.org")).credentials("stratus", smtpPassword).timeout(Duration.ofSeconds(2))
        .clock(clock).build();
    try {
      email.send(new Notification("k", Notification.Severity.WARNING, "disk full", "90%", Map.of(), Instant.now()));
    } catch (RuntimeException e) {
      HOST.warn("email failed", e);
    }
    HOST.info("channel {}", email);

    // key store passphrase: created, then opened with a wrong one
    Path dir = Files.createTempDirectory("stratus-secrets");
    Path store = dir.resolve("keys.p12");
    char[] passphrase = ("ks-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
        .toCharArray();
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(store, passphrase,
        java.time.InstantSource.fixed(Instant.EPOCH));
    HOST.info("key provider {}", kms);
    try {
      LocalKeyManagementProvider.open(store, "wrong-passphrase-123".toCharArray(),
          java.time.InstantSource.fixed(Instant.EPOCH));
    } catch (RuntimeException e) {
      HOST.warn("key store refused", e);
    }
    try (var files = Files.list(dir)) {   // the key store and its KDF parameters file
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(dir);

    System.out.println(secret.reveal());
    System.out.println(issued.token());
    System.out.println(smtpPassword);
    System.out.println(new String(passphrase));
  }
}
