package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.adapters.webhooks.DeliveryAttempt;
import io.stratus.adapters.webhooks.DeliveryKey;
import io.stratus.adapters.webhooks.LeaseExpiredException;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The JDBC outbox shared by several dispatchers (each its own {@link JdbcStores}, as on separate hosts): a claim hides
 * a delivery from the others until its outcome is recorded or the lease runs out; concurrent claimers never get the
 * same delivery; a dispatcher that lost its claim to an expired lease cannot record over the other's outcome.
 */
class OutboxHandOffTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static List<OutboxEntry> events(int n) {
    List<OutboxEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(OutboxEntry.pending(new DeliveryKey("e-" + i, "sub"), ("{\"n\":" + i + "}").getBytes(
          StandardCharsets.UTF_8), T0));
    }
    return out;
  }

  private static DeliveryAttempt delivered(DeliveryKey key, Instant at) {
    return new DeliveryAttempt(key, 1, at, DeliveryAttempt.Outcome.DELIVERED, 200, "", at);
  }

  @Test
  void claim_hidesDeliveriesFromOtherDispatchers_untilTheLeaseRunsOut_postgres() {
    claimHidesUntilLeaseRunsOut(Databases.postgres());
  }

  @Test
  void claim_hidesDeliveriesFromOtherDispatchers_untilTheLeaseRunsOut_h2() {
    claimHidesUntilLeaseRunsOut(Databases.h2());
  }

  private static void claimHidesUntilLeaseRunsOut(DataSource ds) {
    Outbox a = JdbcStores.open(ds).webhookOutbox(LEASE);
    Outbox b = JdbcStores.open(ds).webhookOutbox(LEASE);
    a.enqueue(events(3));
    assertThat(a.due(T0, 2)).extracting(e -> e.key().eventId()).containsExactly("e-0", "e-1");
    assertThat(b.due(T0, 10)).as("a holds e-0 and e-1").extracting(e -> e.key().eventId()).containsExactly("e-2");
    assertThat(b.due(T0.plusSeconds(10), 10)).as("everything is claimed").isEmpty();
    assertThat(b.nextDue()).as("the earliest claim runs out").contains(T0.plus(LEASE));

    a.record(delivered(new DeliveryKey("e-0", "sub"), T0.plusSeconds(1)));
    // a dies holding e-1: after the lease it is due again for b (at least once)
    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(b.due(later, 10)).extracting(e -> e.key().eventId()).containsExactly("e-1", "e-2");
    b.record(delivered(new DeliveryKey("e-1", "sub"), later));
    assertThatThrownBy(() -> a.record(delivered(new DeliveryKey("e-1", "sub"), later)))
        .as("a's claim expired and b recorded the outcome").isInstanceOfSatisfying(LeaseExpiredException.class,
            e -> assertThat(e.key()).isEqualTo(new DeliveryKey("e-1", "sub")))
        .hasMessageContaining("lease");
    assertThat(a.attempts(new DeliveryKey("e-1", "sub"))).hasSize(1);
  }

  @Test
  void record_afterTheLeaseWasClaimedAgain_isLeaseExpired_andWritesNothing_h2() {
    leaseClaimedAgain(Databases.h2());
  }

  @Test
  void record_afterTheLeaseWasClaimedAgain_isLeaseExpired_andWritesNothing_postgres() {
    leaseClaimedAgain(Databases.postgres());
  }

  private static void leaseClaimedAgain(DataSource ds) {
    Outbox a = JdbcStores.open(ds).webhookOutbox(LEASE);
    Outbox b = JdbcStores.open(ds).webhookOutbox(LEASE);
    a.enqueue(events(1));
    DeliveryKey key = new DeliveryKey("e-0", "sub");
    assertThat(a.due(T0, 1)).hasSize(1);
    Instant later = T0.plus(LEASE).plusSeconds(1);
    assertThat(b.due(later, 1)).as("a's lease ran out").hasSize(1);
    assertThatThrownBy(() -> a.record(delivered(key, later))).isInstanceOf(LeaseExpiredException.class)
        .hasMessageContaining("claimed again");
    assertThat(a.attempts(key)).isEmpty();
    assertThat(a.entries("e-0").get(0).state()).isEqualTo(OutboxEntry.State.PENDING);
    b.record(delivered(key, later));
    assertThat(b.entries("e-0").get(0).state()).isEqualTo(OutboxEntry.State.DELIVERED);
  }

  @Test
  void record_lateButNotTakenOver_isStillRecorded_h2() {
    Outbox a = JdbcStores.open(Databases.h2()).webhookOutbox(LEASE);
    a.enqueue(events(1));
    assertThat(a.due(T0, 1)).hasSize(1);
    a.record(delivered(new DeliveryKey("e-0", "sub"), T0.plus(LEASE).plusSeconds(5)));
    assertThat(a.entries("e-0").get(0).state()).isEqualTo(OutboxEntry.State.DELIVERED);
  }

  @Test
  void due_skipsRowsLockedByAnotherTransaction_h2() throws Exception {
    DataSource ds = Databases.h2();
    Outbox box = JdbcStores.open(ds).webhookOutbox(LEASE);
    box.enqueue(events(3));
    try (Connection other = ds.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement ps = other.prepareStatement("SELECT event_id FROM stratus_webhook_outbox"
          + " WHERE event_id = 'e-0' FOR UPDATE")) {
        ps.executeQuery().close();
      }
      // with plain FOR UPDATE this waited for the lock and failed with H2's lock timeout
      assertThat(box.due(T0, 10)).extracting(e -> e.key().eventId()).containsExactly("e-1", "e-2");
      other.rollback();
    }
    assertThat(box.due(T0, 10)).extracting(e -> e.key().eventId()).containsExactly("e-0");
  }

  @Test
  void concurrentDispatchers_claimEveryDeliveryExactlyOnce_postgres() throws Exception {
    concurrentClaims(Databases.postgres());
  }

  @Test
  void concurrentDispatchers_claimEveryDeliveryExactlyOnce_h2() throws Exception {
    concurrentClaims(Databases.h2());
  }

  private static void concurrentClaims(DataSource ds) throws Exception {
    int n = 60;
    JdbcStores.open(ds).webhookOutbox(LEASE).enqueue(events(n));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<DeliveryKey>>> dispatchers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Outbox box = JdbcStores.open(ds).webhookOutbox(LEASE);
        dispatchers.add(() -> {
          List<DeliveryKey> mine = new ArrayList<>();
          for (List<OutboxEntry> due = box.due(T0, 4); !due.isEmpty(); due = box.due(T0, 4)) {
            due.forEach(e -> mine.add(e.key()));
          }
          return mine;
        });
      }
      List<DeliveryKey> all = new ArrayList<>();
      for (Future<List<DeliveryKey>> f : pool.invokeAll(dispatchers, 120, TimeUnit.SECONDS)) {
        all.addAll(f.get());
      }
      Set<DeliveryKey> distinct = new HashSet<>(all);
      assertThat(all).as("no delivery claimed twice").hasSize(distinct.size());
      assertThat(distinct).hasSize(n);
    } finally {
      pool.shutdownNow();
    }
  }
}
