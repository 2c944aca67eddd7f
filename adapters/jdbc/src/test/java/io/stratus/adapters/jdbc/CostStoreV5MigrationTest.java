package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database that holds cost records written at schema V5 (before batch ids, V6, and packed rows, V11): every
 * row survives the data migration, reads back equal, counts, and is replaced by a later REPLACE_PERIOD write of its
 * source and period like a row written today.
 */
class CostStoreV5MigrationTest {
  private static final BillingPeriod MARCH = BillingPeriod.of(YearMonth.of(2025, 3));
  private static final BillingPeriod APRIL = BillingPeriod.of(YearMonth.of(2025, 4));

  private static CostRecord record(BillingPeriod p, int i) {
    BigDecimal cost = new BigDecimal("1.2500").add(BigDecimal.valueOf(i, 2));
    return CostRecord.builder().allCosts(cost).billingCurrency(Currency.getInstance("USD"))
        .chargeCategory(ChargeCategory.USAGE).chargePeriod(p.start().plusSeconds(3600L * i),
            p.start().plusSeconds(3600L * i + 3600)).billingPeriod(p).providerName("AWS").billingAccountId("acct")
        .serviceCategory("Compute").serviceName("svc-" + (i % 3)).lineItemId("li-" + i).tag("team", "t" + (i % 2))
        .build();
  }

  /** Writes rows as the V5 store did: its columns (no batch id, no payload), and the live count. */
  private static void writeAtV5(DataSource ds, String source, List<CostRecord> records) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_cost_record (" + CostColumns.ROW_COLUMNS
            + ") VALUES (" + "?, ".repeat(CostColumns.FOCUS.size() + 4) + "?)");
        PreparedStatement count = c.prepareStatement("UPDATE stratus_cost_count SET live = live + ? WHERE id = 1")) {
      for (CostRecord r : records) {
        int i = 1;
        ps.setString(i++, source);
        ps.setString(i++, r.dedupKey());
        ps.setLong(i++, CostColumns.dedupHash(r.dedupKey()));
        for (CostColumns.Col col : CostColumns.FOCUS) {
          ps.setObject(i++, col.get().apply(r));
        }
        ps.setBoolean(i++, r.correction());
        ps.setString(i, Codec.encodeMap(r.tags()));
        ps.executeUpdate();
      }
      count.setLong(1, records.size());
      count.executeUpdate();
    }
  }

  /** A record's identity and values; decimals by value (H2's DECFLOAT columns do not keep trailing zeros). */
  private static String key(String source, CostRecord r) {
    return source + "|" + r.lineItemId() + "|" + r.dedupKey() + "|" + r.billedCost().stripTrailingZeros() + "|"
        + r.effectiveCost().stripTrailingZeros() + "|" + r.listCost().stripTrailingZeros() + "|"
        + r.contractedCost().stripTrailingZeros() + "|" + r.billingCurrency() + "|" + r.chargePeriodStart() + "|"
        + r.chargePeriodEnd() + "|" + r.billingPeriodStart() + "|" + r.serviceName() + "|" + r.serviceCategory()
        + "|" + r.providerName() + "|" + r.billingAccountId() + "|" + r.chargeCategory() + "|" + r.tags() + "|"
        + r.correction();
  }

  private static Set<String> scan(CostStore store) {
    Set<String> out = new HashSet<>();
    store.scan(CostQuery.builder().build(), (source, r) -> out.add(key(source, r)));
    return out;
  }

  private static void migratesPopulatedV5(DataSource ds) throws SQLException {
    Db db;
    try (Connection c = ds.getConnection()) {
      db = new Db(ds, Dialect.detect(c));
    }
    Migrations.migrate(db, 5);
    List<CostRecord> a = new ArrayList<>();
    List<CostRecord> b = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      a.add(record(MARCH, i));
      b.add(record(i % 2 == 0 ? MARCH : APRIL, 100 + i));
    }
    writeAtV5(ds, "src-a", a);
    writeAtV5(ds, "src-b", b);

    JdbcStores stores = JdbcStores.open(ds);
    assertThat(stores.migrationsApplied()).isEqualTo(stores.schemaVersion() - 5);
    CostStore store = stores.costStore();
    assertThat(store.size()).isEqualTo(60);
    Set<String> expected = new HashSet<>();
    a.forEach(r -> expected.add(key("src-a", r)));
    b.forEach(r -> expected.add(key("src-b", r)));
    assertThat(scan(store)).isEqualTo(expected);

    // the migrated batches of (src-b, MARCH) are replaced like batches written today; (src-b, APRIL) stays
    List<CostRecord> restated = List.of(record(MARCH, 500), record(MARCH, 501));
    assertThat(store.write("src-b", MARCH, BillingBatch.Mode.REPLACE_PERIOD, restated).removed()).isEqualTo(15);
    assertThat(store.size()).isEqualTo(60 - 15 + 2);
    Set<String> after = new HashSet<>(expected);
    b.stream().filter(r -> r.billingPeriodStart().equals(MARCH.start())).forEach(r -> after.remove(key("src-b", r)));
    restated.forEach(r -> after.add(key("src-b", r)));
    assertThat(scan(store)).isEqualTo(after);
  }

  @Test
  void populatedV5Database_migratesWithEveryRow_h2() throws SQLException {
    migratesPopulatedV5(Databases.h2());
  }

  @Test
  void populatedV5Database_migratesWithEveryRow_postgres() throws SQLException {
    migratesPopulatedV5(Databases.postgres());
  }
}
