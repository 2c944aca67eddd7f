package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Text holding U+0000 (NUL), which PostgreSQL's {@code text} and {@code jsonb} cannot store, is refused by the cost
 * store in every layout and on both databases, before anything is written, with an {@link IllegalArgumentException}
 * that names the field, shows the value escaped and states the rule. Before, PostgreSQL {@code COLUMNS} writes failed
 * with the server's encoding error, {@code PACKED} writes stored it in the payload when the record had a line item id
 * (and failed on the dedup key when it had none), H2 stored it, and a packed period holding one could not be rewritten
 * into columns. A packed row stored before the refusal fails the rewrite with a permanent error naming it, and the
 * period stays as it was.
 */
class CostNulRefusalTest {
  private static final BillingPeriod MARCH = BillingPeriod.of(YearMonth.of(2025, 3));

  private static CostRecord.Builder base(int i) {
    BigDecimal cost = new BigDecimal("1.50");
    return CostRecord.builder().billedCost(cost).effectiveCost(cost).listCost(cost).contractedCost(cost)
        .billingCurrency(Currency.getInstance("EUR")).chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED).billingAccountId("acct").serviceCategory("Compute").chargePeriod(MARCH.start().plusSeconds(3600L * i),
            MARCH.start().plusSeconds(3600L * i + 3600)).billingPeriod(MARCH).providerName("AWS")
        .serviceName("svc").lineItemId("li-" + i).tag("team", "search");
  }

  private static CostRecord good(int i) {
    return base(i).build();
  }

  /** Each way a record can hold a NUL, with the field and the escaped value the message must show. */
  private record Case(UnaryOperator<CostRecord.Builder> nul, String field, String shown) {}

  private static final List<Case> CASES = List.of(
      new Case(b -> b.tag("env", "pr\u0000od"), "value of tag \"env\"", "\"pr\\u0000od\" (U+0000 at index 2)"),
      new Case(b -> b.tag("e\u0000nv", "prod"), "tag key", "\"e\\u0000nv\" (U+0000 at index 1)"),
      new Case(b -> b.serviceName("\u0000svc"), "service_name", "\"\\u0000svc\" (U+0000 at index 0)"),
      new Case(b -> b.lineItemId(null).resourceId("i-1\u0000"), "resource_id", "\"i-1\\u0000\" (U+0000 at index 3)"));

  private static final String RULE = "must not contain U+0000 (NUL): PostgreSQL text and jsonb cannot hold it, so the"
      + " JDBC cost store refuses it in every layout and on every database";

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void nothingStored(DataSource ds, CostStore store) throws SQLException {
    assertThat(store.size()).isZero();
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record")).isZero();
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_batch")).isZero();
  }

  private static void refusesEverywhere(DataSource ds, CostStore store) throws SQLException {
    for (Case k : CASES) {
      CostRecord bad = k.nul().apply(base(1)).build();
      String at = bad.lineItemId() == null ? "record 1 of the batch: " : "record 1 of the batch (line_item_id \"li-1\"): ";
      assertThatThrownBy(() -> store.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of(good(0), bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(at + k.field() + " " + RULE + ", got " + k.shown());
      nothingStored(ds, store);

      // the appender refuses the record before encoding any of it, and goes on with the others
      CostStore.Appender appender = store.appender("s");
      appender.accept(good(0));
      assertThatThrownBy(() -> appender.accept(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("record 1 of the appender").hasMessageContaining(k.field() + " " + RULE);
      appender.accept(good(2));
      assertThat(appender.commit()).isEqualTo(2);
      assertThat(store.size()).isEqualTo(2);
      store.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of());
      nothingStored(ds, store);
    }
    assertThatThrownBy(() -> store.write("s\u0000", MARCH, BillingBatch.Mode.UPSERT, List.of(good(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sourceId " + RULE + ", got \"s\\u0000\" (U+0000 at index 1)");
    assertThatThrownBy(() -> store.appender("\u0000")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sourceId " + RULE);
    nothingStored(ds, store);
  }

  @Test
  void nul_isRefusedBeforeAnythingIsWritten_postgresPacked() throws SQLException {
    DataSource ds = Databases.postgres();
    refusesEverywhere(ds, JdbcStores.open(ds).costStore(CostRowLayout.PACKED));
  }

  @Test
  void nul_isRefusedBeforeAnythingIsWritten_postgresColumns() throws SQLException {
    DataSource ds = Databases.postgres();
    refusesEverywhere(ds, JdbcStores.open(ds).costStore(CostRowLayout.COLUMNS));
  }

  @Test
  void nul_isRefusedBeforeAnythingIsWritten_h2() throws SQLException {
    DataSource ds = Databases.h2();
    refusesEverywhere(ds, JdbcStores.open(ds).costStore());
  }

  @Test
  void postgresJsonbAndText_cannotHoldNul_whichIsWhyTheStoreRefusesIt() throws SQLException {
    DataSource ds = Databases.postgres();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery("SELECT '{\"env\":\"pr\\u0000od\"}'::jsonb"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Unicode escape");
      try (PreparedStatement ps = c.prepareStatement("SELECT ?::text")) {
        ps.setString(1, "pr\u0000od");
        assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class);
      }
    }
  }

  @Test
  void packedRowStoredBeforeTheRefusal_failsTheRewriteByName_andThePeriodStaysPackedAndReadable() throws Exception {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore packed = stores.costStore();
    List<CostRecord> rs = new ArrayList<>(List.of(good(0), good(1), good(2)));
    packed.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, rs);
    // as an earlier store version wrote it: the record in the payload with a NUL in a tag value (the dedup key, from
    // the line item id, has none)
    CostRecord legacy = base(1).tag("env", "pr\u0000od").build();
    CopyBinary buf = new CopyBinary(CostRowLayout.PACKED, 64);
    CostPayload.encode(legacy, buf);
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE stratus_cost_record SET payload = ? WHERE dedup_key = ?")) {
      ps.setBytes(1, Arrays.copyOf(buf.bytes(), buf.length()));
      ps.setString(2, legacy.dedupKey());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    assertThatThrownBy(() -> stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("billing period " + MARCH + " of source \"s\" holds a record (line_item_id \"li-1\")"
            + " that no layout can store: value of tag \"env\" " + RULE + ", got \"pr\\u0000od\" (U+0000 at index 2)");
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NOT NULL")).isEqualTo(3);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isZero();
    Map<String, Map<String, String>> tags = new TreeMap<>();
    packed.scan(CostQuery.builder().build(), (source, r) -> tags.put(r.lineItemId(), r.tags()));
    assertThat(tags.get("li-1")).isEqualTo(Map.of("team", "search", "env", "pr\u0000od"));
    assertThat(tags).hasSize(3);
  }
}
