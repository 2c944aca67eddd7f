package io.stratus.testkit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.spi.AlertRecord;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AlertStore} must pass: a save replaces the record of its fingerprint, load returns every
 * saved record exactly (labels, optional instants and durations included), remove forgets one. Extend it in a test
 * and return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AlertStoreCompatibilityKit {
  private static final Instant T0 = Instant.parse("2025-05-01T08:00:00.000000123Z");

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract AlertStore createStore();

  private static AlertRecord pending(String host, double value) {
    TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "HighCpu", "host", host, "note", "a:b 1:2"));
    return new AlertRecord(Alert.fingerprint(labels), 1, labels, AlertState.PENDING, Notification.Severity.WARNING,
        Duration.ofMinutes(5), Duration.ofSeconds(30), value, T0, Optional.empty(), Optional.empty(),
        Optional.empty(), false, 0);
  }

  @Test
  void save_thenLoad_returnsTheRecordsExactly() {
    AlertStore store = createStore();
    AlertRecord a = pending("a", 0.93);
    AlertRecord b = new AlertRecord(Alert.fingerprint(pending("b", 1).labels()), 3, pending("b", 1).labels(),
        AlertState.FIRING, Notification.Severity.CRITICAL, Duration.ZERO, Duration.ofMillis(1500), Double.NaN,
        T0, Optional.of(T0.plusSeconds(300)), Optional.of(T0.plusSeconds(400)), Optional.of("oncall"), true, 2);
    store.save(a);
    store.save(b);
    assertThat(store.load()).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void save_sameFingerprint_replaces() {
    AlertStore store = createStore();
    AlertRecord a = pending("a", 0.93);
    store.save(a);
    AlertRecord fired = new AlertRecord(a.fingerprint(), 1, a.labels(), AlertState.FIRING, a.severity(),
        a.forDuration(), a.keepFiringFor(), 0.97, a.activeSince(), Optional.of(T0.plusSeconds(300)),
        Optional.empty(), Optional.empty(), true, 0);
    store.save(fired);
    assertThat(store.load()).containsExactly(fired);
  }

  @Test
  void remove_forgetsOnlyThatFingerprint() {
    AlertStore store = createStore();
    AlertRecord a = pending("a", 1);
    AlertRecord b = pending("b", 2);
    store.save(a);
    store.save(b);
    store.remove(a.fingerprint());
    store.remove("no-such-fingerprint");
    assertThat(store.load()).containsExactly(b);
  }
}
