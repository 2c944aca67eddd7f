package io.stratus.testkit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.AlertHistoryQuery;
import io.stratus.monitoring.spi.AlertHistoryRecord;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AuditEntry;
import io.stratus.spi.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AlertHistoryStore} must pass: records keyed by fingerprint and instance, replaced on
 * save, queries filtered by state, severity, labels and time and sorted newest first with a limit, and an audit trail
 * per fingerprint in the order it was written. Extend it in a test and return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class AlertHistoryStoreCompatibilityKit {
  private static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract AlertHistoryStore createStore();

  private static AlertHistoryRecord firing(String fp, long instance, String team, Notification.Severity s,
      long minute) {
    return AlertHistoryRecord.firing(fp, instance, Map.of("alertname", "Disk", "team", team), s,
        T0.plusSeconds(60 * minute));
  }

  @Test
  void save_thenFind_returnsTheRecordWithCommentsAndResolution() {
    AlertHistoryStore store = createStore();
    AlertHistoryRecord r = firing("fp1", 1, "db", Notification.Severity.CRITICAL, 0)
        .withAcknowledged("ann", T0.plusSeconds(10))
        .withAssignee("bo")
        .withComment(new AlertHistoryRecord.Comment("ann", T0.plusSeconds(20), "looking: 3:ab"))
        .withComment(new AlertHistoryRecord.Comment("bo", T0.plusSeconds(30), "fixed"))
        .withResolved(T0.plusSeconds(40), "bo", "disk cleaned");
    store.save(r);
    assertThat(store.find("fp1", 1)).contains(r);
    assertThat(store.find("fp1", 2)).isEmpty();
    AlertHistoryRecord again = firing("fp1", 1, "db", Notification.Severity.INFO, 5);
    store.save(again);
    assertThat(store.find("fp1", 1)).contains(again);
  }

  @Test
  void query_filtersSortsNewestFirstAndLimits() {
    AlertHistoryStore store = createStore();
    store.save(firing("a", 1, "db", Notification.Severity.CRITICAL, 1));
    store.save(firing("b", 1, "web", Notification.Severity.WARNING, 2));
    store.save(firing("c", 1, "db", Notification.Severity.INFO, 3));
    store.save(firing("a", 2, "db", Notification.Severity.CRITICAL, 4).withResolved(T0.plusSeconds(300), "x", "y"));
    List<AlertHistoryRecord> db = store.query(AlertHistoryQuery.builder().label("team", "db").build());
    assertThat(db).extracting(AlertHistoryRecord::instance, AlertHistoryRecord::fingerprint)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "a"), org.assertj.core.groups.Tuple.tuple(1L, "c"),
            org.assertj.core.groups.Tuple.tuple(1L, "a"));
    assertThat(store.query(AlertHistoryQuery.builder().state(AlertState.FIRING).limit(2).build()))
        .extracting(AlertHistoryRecord::fingerprint).containsExactly("c", "b");
    assertThat(store.query(AlertHistoryQuery.builder().minSeverity(Notification.Severity.WARNING)
        .between(T0, T0.plusSeconds(150)).build())).extracting(AlertHistoryRecord::fingerprint)
        .containsExactly("b", "a");
  }

  @Test
  void auditTrail_keepsWriteOrderPerFingerprint() {
    AlertHistoryStore store = createStore();
    AuditEntry fired = new AuditEntry(T0.plusSeconds(5), AuditEntry.SYSTEM, AuditEntry.Action.FIRED, "fp", 1, "");
    AuditEntry other = new AuditEntry(T0, "ann", AuditEntry.Action.ACKNOWLEDGED, "other", 1, "mine");
    AuditEntry acked = new AuditEntry(T0, "ann", AuditEntry.Action.ACKNOWLEDGED, "fp", 1, "on it");
    store.audit(fired);
    store.audit(other);
    store.audit(acked);
    assertThat(store.auditTrail("fp")).containsExactly(fired, acked);
    assertThat(store.auditTrail("none")).isEmpty();
  }
}
