package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.WriteResult;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A layout rewrite excludes writers of its own billing period only: while a rewrite of March is held inside its
 * transaction (stopped by the test just before its last statement, with its rows already copied and deleted), a write
 * and an appender commit of April complete, and a write of March waits until the rewrite has committed, then applies
 * on top of it. Before schema V14 the rewrite held the global writers' lock (the {@code stratus_cost_count} row), so
 * the April write waited for the whole rewrite (here: failed on its lock timeout).
 */
class CostPeriodLockTest {
  private static final BillingPeriod MARCH = BillingPeriod.of(YearMonth.of(2025, 3));
  private static final BillingPeriod APRIL = BillingPeriod.of(YearMonth.of(2025, 4));
  /** The rewrite's last statement for a source (deleting the batch entries it left empty). */
  private static final String LAST_REWRITE_STATEMENT = "DELETE FROM stratus_cost_batch b";

  private static CostRecord record(BillingPeriod p, int i, String cost) {
    BigDecimal c = new BigDecimal(cost);
    return CostRecord.builder().billedCost(c).effectiveCost(c).listCost(c).contractedCost(c)
        .billingCurrency(Currency.getInstance("USD")).chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED).billingAccountId("acct").serviceCategory("Compute").chargePeriod(p.start().plusSeconds(3600L * i),
            p.start().plusSeconds(3600L * i + 3600)).billingPeriod(p).providerName("AWS").serviceName("svc")
        .lineItemId("li-" + i).tag("team", "t" + (i % 3)).build();
  }

  private static List<CostRecord> records(BillingPeriod p, int from, int n, String cost) {
    List<CostRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(record(p, i, cost));
    }
    return out;
  }

  private static Map<String, BigDecimal> contents(CostStore store) {
    Map<String, BigDecimal> out = new TreeMap<>();
    store.scan(CostQuery.builder().build(), (source, r) -> out.put(source + "/" + r.billingPeriodStart() + "/"
        + r.lineItemId(), r.billedCost()));
    return out;
  }

  private static void put(Map<String, BigDecimal> out, String source, List<CostRecord> rs) {
    rs.forEach(r -> out.put(source + "/" + r.billingPeriodStart() + "/" + r.lineItemId(), r.billedCost()));
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void marchAndApril_haveDifferentLockSlots() {
    assertThat(JdbcCostStore.lockSlot(MARCH)).isNotEqualTo(JdbcCostStore.lockSlot(APRIL));
    assertThat(JdbcCostStore.lockSlot(MARCH)).isBetween(0, JdbcCostStore.PERIOD_LOCK_SLOTS - 1);
  }

  @Test
  void rewriteHeld_writesOfAnotherPeriodComplete_aWriteOfItsPeriodWaits_postgres() throws Exception {
    DataSource ds = Databases.postgres();
    // a writer blocked by the rewrite fails after 60 s instead of hanging the build (old code); it does not wait now
    rewriteHeld(ds, FaultyDataSource.initializing(ds, "SET lock_timeout = '60s'"), true);
  }

  @Test
  void rewriteHeld_writesOfAnotherPeriodComplete_h2() throws Exception {
    DataSource ds = Databases.h2();
    rewriteHeld(ds, FaultyDataSource.initializing(ds, "SET LOCK_TIMEOUT 60000"), false);
  }

  private static void rewriteHeld(DataSource ds, DataSource writers, boolean postgres) throws Exception {
    JdbcStores stores = JdbcStores.open(writers);
    CostStore packed = stores.costStore();
    List<CostRecord> march = records(MARCH, 0, 40, "1.25");
    List<CostRecord> april = records(APRIL, 0, 10, "2.50");
    packed.write("a", MARCH, BillingBatch.Mode.REPLACE_PERIOD, march);
    packed.write("a", APRIL, BillingBatch.Mode.REPLACE_PERIOD, april);
    if (!postgres) {
      // H2 rows are columns rows already: make March's as written before V13, which the rewrite gives their JSON
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE stratus_cost_record SET tags_json = NULL WHERE billing_period_start_s = "
            + MARCH.start().getEpochSecond());
      }
    }

    CompletableFuture<Void> reached = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);
    JdbcStores pausing = JdbcStores.open(FaultyDataSource.pausingAt(ds, LAST_REWRITE_STATEMENT, reached, release));
    ExecutorService threads = Executors.newFixedThreadPool(2);   // the rewrite and the March writer, each its own
    CompletableFuture<CostRowRewrite> rewrite = CompletableFuture.supplyAsync(
        () -> pausing.rewriteCostRows(CostRowLayout.COLUMNS, MARCH), threads);
    rewrite.whenComplete((r, e) -> reached.complete(null));   // a rewrite that fails early does not hang the test
    CompletableFuture<WriteResult> marchWrite;
    List<CostRecord> aprilNew = records(APRIL, 100, 15, "3.75");
    List<CostRecord> aprilBulk = records(APRIL, 200, 5, "0.50");
    CostRecord restated = record(MARCH, 0, "9.99");
    try {
      reached.join();
      assertThat(rewrite).as("the rewrite is held inside its transaction").isNotDone();

      // another period: neither waits for the rewrite
      WriteResult w = packed.write("a", APRIL, BillingBatch.Mode.REPLACE_PERIOD, aprilNew);
      assertThat(w.removed()).isEqualTo(10);
      try (CostStore.Appender appender = packed.appender("b")) {
        aprilBulk.forEach(appender);
      }
      assertThat(packed.size()).isEqualTo(40 + 15 + 5);

      // its own period: waits until the rewrite has committed
      marchWrite = CompletableFuture.supplyAsync(
          () -> packed.write("a", MARCH, BillingBatch.Mode.UPSERT, List.of(restated)), threads);
      if (postgres) {
        while (!marchWrite.isDone() && count(ds, "SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0) {
          Thread.yield();
        }
        assertThat(marchWrite).as("a write of the period being rewritten waits for the rewrite").isNotDone();
      }
    } finally {
      release.countDown();
      threads.shutdown();
    }
    assertThat(rewrite.join()).isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 1, 40));
    WriteResult upsert = marchWrite.join();
    assertThat(upsert.removed()).as("the restatement replaced the rewritten row").isEqualTo(1);
    assertThat(upsert.live()).isEqualTo(60);

    Map<String, BigDecimal> expected = new TreeMap<>();
    List<CostRecord> marchNow = new ArrayList<>(march.subList(1, 40));
    marchNow.add(restated);
    put(expected, "a", marchNow);
    put(expected, "a", aprilNew);
    put(expected, "b", aprilBulk);
    assertThat(contents(packed)).isEqualTo(expected);
    assertThat(packed.size()).isEqualTo(60);
    // March's 39 rewritten rows are columns rows in the view; the April rows and the restated March row are packed
    // on PostgreSQL (every H2 row is a columns row)
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus WHERE \"BillingPeriodStart\" < TIMESTAMP WITH TIME"
        + " ZONE '2025-04-01 00:00:00+00'")).isEqualTo(postgres ? 39 : 40);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NOT NULL"))
        .isEqualTo(postgres ? 21 : 0);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_batch b WHERE NOT EXISTS (SELECT 1 FROM"
        + " stratus_cost_record r WHERE r.batch_id = b.batch_id)")).as("batches left empty").isZero();
  }
}
