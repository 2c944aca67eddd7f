package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.webhooks.DeliveryAttempt;
import io.stratus.adapters.webhooks.DeliveryKey;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Crash safety against a real PostgreSQL: a writer JVM is killed with SIGKILL in the middle of a COPY batch, a bulk
 * load, a layout rewrite, an approval transaction, or a webhook outbox hand-off; a fresh {@link JdbcStores} then finds every
 * acknowledged write complete and no partial one (each batch is wholly present or wholly absent).
 */
class CrashSafetyTest {

  /** Runs the writer until it has acknowledged {@code acks} operations and begun the next, then kills it. */
  private static List<String> runAndKill(PGSimpleDataSource ds, String mode, int acks) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
        PostgresServer.url(ds), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("ACK")) {
          seen++;
        }
        if (seen >= acks && line.startsWith("BEGIN")) {
          // in the middle of the next operation: its COPY or transaction is under way
          Thread.sleep(mode.equals("approvals") || mode.equals("outbox") ? 0 : 150);
          p.destroyForcibly(); // SIGKILL on Linux
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lines).as("writer output (did it start?)").anyMatch(l -> l.startsWith("ACK"));
    return lines;
  }

  private static Set<Integer> acked(List<String> lines) {
    Set<Integer> out = new HashSet<>();
    for (String l : lines) {
      if (l.startsWith("ACK ")) {
        out.add(Integer.parseInt(l.substring(4)));
      }
    }
    return out;
  }

  private static void assertBatchesWhole(CostStore store, String prefix, Set<Integer> acked) {
    CostQueryResult bySource = store.query(CostQuery.builder().groupBy(Dimension.SOURCE).build());
    Map<String, CostRow> rows = new HashMap<>();
    bySource.rows().forEach(r -> rows.put(r.key().get(0), r));
    long total = 0;
    for (CostRow row : bySource.rows()) {
      int k = Integer.parseInt(row.key().get(0).substring(prefix.length()));
      assertThat(row.records()).as("records of batch %d (all or nothing)", k).isEqualTo(CrashWriter.BATCH);
      assertThat(row.amount()).as("billed cost of batch %d", k).isEqualByComparingTo(CrashWriter.batchSum(k));
      total += row.records();
    }
    for (int k : acked) {
      assertThat(rows).as("acknowledged batch %d survived the crash", k).containsKey(prefix + k);
    }
    assertThat(rows.size()).as("at most the acknowledged batches and the one in flight").isLessThanOrEqualTo(
        acked.size() + 1);
    assertThat(store.size()).as("live count matches the rows").isEqualTo(total);
  }

  @Test
  void killedMidCopyBatch_acknowledgedBatchesSurviveWholeAndTheInFlightOneIsAllOrNothing() throws Exception {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    List<String> lines = runAndKill(ds, "costs", 3);
    JdbcStores restarted = JdbcStores.open(ds);
    assertThat(restarted.migrationsApplied()).isZero();
    assertBatchesWhole(restarted.costStore(), "src-", acked(lines));
  }

  @Test
  void killedMidBulkLoad_committedLoadsSurviveAndTheOpenOneIsInvisible() throws Exception {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    List<String> lines = runAndKill(ds, "appender", 2);
    assertBatchesWhole(JdbcStores.open(ds).costStore(), "bulk-", acked(lines));
  }

  @Test
  void killedMidLayoutRewrite_thePeriodIsWhollyInOneLayoutAndReadsBackWhole() throws Exception {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    runAndKill(ds, "rewrite", 2);
    JdbcStores stores = JdbcStores.open(ds);
    assertBatchesWhole(stores.costStore(), "src-", Set.of(0));
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(payload), (SELECT count(*) FROM stratus_cost_focus),"
            + " (SELECT count(*) FROM stratus_cost_batch) FROM stratus_cost_record")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(CrashWriter.BATCH);
      assertThat(rs.getLong(2)).as("packed rows: all or none").isIn(0L, (long) CrashWriter.BATCH);
      assertThat(rs.getLong(3)).as("rows in the FOCUS view").isEqualTo(CrashWriter.BATCH - rs.getLong(2));
      assertThat(rs.getLong(4)).as("one batch, none left empty").isEqualTo(1);
    }
    // the interrupted rewrite can simply be repeated
    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, CrashWriter.PERIOD).periods()).isEqualTo(1);
    assertBatchesWhole(stores.costStore(), "src-", Set.of(0));
  }

  @Test
  void killedMidApprovalTransactions_acknowledgedDecisionsSurviveAndNoRequestIsHalfWritten() throws Exception {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    List<String> lines = runAndKill(ds, "approvals", 40);
    Set<String> inserted = new HashSet<>();
    Set<String> approved = new HashSet<>();
    for (String l : lines) {
      if (l.startsWith("ACK insert ")) {
        inserted.add(l.substring(11));
      } else if (l.startsWith("ACK approve ")) {
        approved.add(l.substring(12));
      }
    }
    // all() decodes every row with its history: a request whose state and history disagree would fail to load
    List<ApprovalRequest> all = JdbcStores.open(ds).approvalStore().all();
    Map<String, ApprovalRequest> byId = new HashMap<>();
    all.forEach(r -> byId.put(r.id(), r));
    assertThat(byId.keySet()).containsAll(inserted);
    for (String id : approved) {
      assertThat(byId.get(id).state()).isEqualTo(ApprovalRequest.State.APPROVED);
      assertThat(byId.get(id).history()).hasSize(2);
    }
    for (ApprovalRequest r : all) {
      assertThat(r.history()).hasSize(r.state() == ApprovalRequest.State.PENDING ? 1 : 2);
    }
  }

  @Test
  void killedMidOutboxHandOff_acceptedEventsSurviveWhole_recordedOutcomesStick_andClaimsComeBackAfterTheLease()
      throws Exception {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    List<String> lines = runAndKill(ds, "outbox", 60);
    Set<String> enqueued = new HashSet<>();
    Set<String> recorded = new HashSet<>();
    int begun = -1;
    for (String l : lines) {
      if (l.startsWith("ACK enqueue ")) {
        enqueued.add("e-" + l.substring(12));
      } else if (l.startsWith("ACK record ")) {
        recorded.add(l.substring(11));
      } else if (l.startsWith("BEGIN enqueue ")) {
        begun = Integer.parseInt(l.substring(14));
      }
    }
    Outbox box = JdbcStores.open(ds).webhookOutbox(CrashWriter.LEASE);
    List<DeliveryKey> pending = new ArrayList<>();
    for (int k = 0; k <= begun; k++) {
      List<OutboxEntry> entries = box.entries("e-" + k);
      assertThat(entries.size()).as("deliveries of e-%d (an enqueue is all or nothing)", k)
          .isIn(0, CrashWriter.SUBSCRIPTIONS);
      if (enqueued.contains("e-" + k)) {
        assertThat(entries).as("acknowledged enqueue of e-%d survived", k).hasSize(CrashWriter.SUBSCRIPTIONS);
      }
      for (OutboxEntry e : entries) {
        List<DeliveryAttempt> log = box.attempts(e.key());
        if (recorded.contains(e.key().toString())) {
          assertThat(e.state()).as("acknowledged outcome of %s", e.key()).isEqualTo(OutboxEntry.State.DELIVERED);
        }
        // state and log change in one transaction: never one without the other
        assertThat(log).as("log of %s in state %s", e.key(), e.state())
            .hasSize(e.state() == OutboxEntry.State.DELIVERED ? 1 : 0);
        if (e.state() == OutboxEntry.State.PENDING) {
          pending.add(e.key());
        }
      }
    }
    // claims of the killed dispatcher hide its deliveries until the lease runs out; then they are due again
    Instant afterLease = CrashWriter.OUTBOX_T0.plus(CrashWriter.LEASE).plusSeconds(1);
    assertThat(box.due(afterLease, 1000)).extracting(OutboxEntry::key).containsExactlyInAnyOrderElementsOf(pending);
  }
}
