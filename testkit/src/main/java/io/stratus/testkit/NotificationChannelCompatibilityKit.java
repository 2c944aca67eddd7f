package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.ProviderRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link NotificationChannel} must meet. Extend it and return a fresh channel from {@link
 * #createProvider()}, wired to a local sink (a stub server, an in-memory outbox).
 * Not thread-safe itself (JUnit creates one instance per test method).
 *
 * <p>It checks the id, that every severity, empty bodies, non-ASCII text and many labels are delivered without
 * error, that {@code send(null)} is refused, and that concurrent sends are safe. Two optional hooks make it stricter:
 * {@link #delivered()} lets the kit verify that what was sent arrived exactly once, unchanged; {@link
 * #createFailingProvider()} lets it verify that a failed delivery surfaces as a {@link ProviderException}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class NotificationChannelCompatibilityKit {
  private static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");

  /** The channel under test, created before each test. */
  protected NotificationChannel provider;

  /** Creates the kit. */
  protected NotificationChannelCompatibilityKit() {}

  /**
   * Creates the channel under test; called before every test.
   *
   * @return a working channel; never null
   */
  protected abstract NotificationChannel createProvider();

  /**
   * What the channel created last by {@link #createProvider()} has delivered so far, in delivery order, as read from
   * its sink. Override when the sink can be read back.
   *
   * @return the delivered notifications, or empty when the sink cannot be inspected (the default)
   */
  protected Optional<List<Notification>> delivered() {
    return Optional.empty();
  }

  /**
   * A channel whose deliveries fail (for example, pointed at a stub that answers with errors). Override to test
   * failure reporting.
   *
   * @return the failing channel, or empty to skip that test (the default)
   */
  protected Optional<NotificationChannel> createFailingProvider() {
    return Optional.empty();
  }

  /** Creates {@link #provider}. */
  @BeforeEach
  void createProviderUnderTest() {
    provider = createProvider();
    assertThat(provider).as("createProvider()").isNotNull();
  }

  /**
   * A sample notification.
   *
   * @param key its key
   * @param severity its severity
   * @return the notification; never null
   */
  protected static Notification notification(String key, Notification.Severity severity) {
    return new Notification(
        key, severity, "Budget 'team-a' at 92%", "Spend reached 9,200 USD of 10,000 USD.",
        Map.of("team", "a", "provider", "aws"), AT);
  }

  @Test
  void id_isNonBlankAndRegistrable() {
    assertThat(provider.id()).as("id()").isNotBlank();
    assertThat(provider.description()).as("description()").isNotNull();
    assertThat(ProviderRegistry.empty(NotificationChannel.class).register(provider).require(provider.id()))
        .isSameAs(provider);
  }

  @Test
  void send_everySeverity_isDeliveredOnceUnchanged() {
    List<Notification> sent = new ArrayList<>();
    for (Notification.Severity severity : Notification.Severity.values()) {
      Notification n = notification("kit-" + severity, severity);
      provider.send(n);
      sent.add(n);
    }
    delivered().ifPresent(d -> assertThat(d).as("delivered()").containsExactlyElementsOf(sent));
  }

  @Test
  void send_unusualContent_isDelivered() {
    Notification empty = new Notification("kit-empty", Notification.Severity.INFO, "t", "", Map.of(), AT);
    Notification unicode =
        new Notification(
            "kit-ünïcødé", Notification.Severity.WARNING, "Coût élevé — 東京 ✓", "Zeile 1\nZeile 2\t\"quoted\" <b>",
            Map.of("région", "eu-west-3"), AT);
    java.util.Map<String, String> many = new java.util.TreeMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("label-" + i, "value-" + i);
    }
    Notification labelled =
        new Notification("kit-labels", Notification.Severity.CRITICAL, "many labels", "x".repeat(10_000), many, AT);
    provider.send(empty);
    provider.send(unicode);
    provider.send(labelled);
    delivered().ifPresent(d -> assertThat(d).as("delivered()").containsExactly(empty, unicode, labelled));
  }

  @Test
  void send_null_isRejected() {
    assertThatThrownBy(() -> provider.send(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void send_concurrently_deliversEverything() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Notification> sent = new ArrayList<>();
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Notification n = notification("kit-concurrent-" + i, Notification.Severity.INFO);
        sent.add(n);
        tasks.add(
            () -> {
              provider.send(n);
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    delivered().ifPresent(d -> assertThat(d).as("delivered()").containsExactlyInAnyOrderElementsOf(sent));
  }

  @Test
  void send_failure_isReportedAsProviderException() {
    Optional<NotificationChannel> failing = createFailingProvider();
    assumeTrue(failing.isPresent(), "createFailingProvider() not overridden");
    NotificationChannel channel = failing.get();
    assertThatThrownBy(() -> channel.send(notification("kit-fail", Notification.Severity.CRITICAL)))
        .isInstanceOf(ProviderException.class)
        .satisfies(e -> assertThat(((ProviderException) e).providerId()).isEqualTo(channel.id()));
  }
}
