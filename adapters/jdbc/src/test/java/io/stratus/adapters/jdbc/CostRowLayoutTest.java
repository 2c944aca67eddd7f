package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL cost row layouts: {@link CostRowLayout#COLUMNS} rows hold every FOCUS value in its own SQL column
 * (and in the {@code stratus_cost_focus} view), {@link CostRowLayout#PACKED} rows do not; a table holding both reads
 * back every record whichever layout wrote it, and writes of either layout replace rows of the other.
 */
class CostRowLayoutTest {
  private static final BillingPeriod MARCH = BillingPeriod.of(YearMonth.of(2025, 3));
  private static final BillingPeriod APRIL = BillingPeriod.of(YearMonth.of(2025, 4));

  private static CostRecord record(BillingPeriod p, int i, String cost) {
    return CostRecord.builder().billedCost(new BigDecimal(cost)).effectiveCost(new BigDecimal("0.75"))
        .listCost(new BigDecimal("2.000")).contractedCost(new BigDecimal(cost))
        .billingCurrency(Currency.getInstance("EUR")).chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED).chargePeriod(p.start().plusSeconds(3600L * i),
            p.start().plusSeconds(3600L * i + 3600)).billingPeriod(p).providerName("AWS").billingAccountId("acct")
        .serviceCategory("Compute").serviceName("svc-" + (i % 3)).regionId("eu-west-1").resourceId("i-" + i)
        .pricingQuantity(new BigDecimal("1.0")).lineItemId("li-" + i).tag("team", "t" + (i % 2)).build();
  }

  private static DataSource postgres() {
    return Databases.postgres();
  }

  @Test
  void columnsLayout_sqlColumnsHoldTheRecordsValues() throws SQLException {
    DataSource ds = postgres();
    CostStore store = JdbcStores.open(ds).costStore(CostRowLayout.COLUMNS);
    CostRecord r = record(MARCH, 5, "1.50");
    store.write("src", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of(r));
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT billed_cost, effective_cost, billing_currency,"
            + " service_name, region_id, charge_period_start_s, charge_category, correction, tags, payload,"
            + " decimal_scales FROM stratus_cost_record");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).hasToString("1.50");
      assertThat(rs.getBigDecimal(2)).hasToString("0.75");
      assertThat(rs.getString(3)).isEqualTo("EUR");
      assertThat(rs.getString(4)).isEqualTo("svc-2");
      assertThat(rs.getString(5)).isEqualTo("eu-west-1");
      assertThat(rs.getLong(6)).isEqualTo(r.chargePeriodStart().getEpochSecond());
      assertThat(rs.getString(7)).isEqualTo("USAGE");
      assertThat(rs.getBoolean(8)).isFalse();
      assertThat(Codec.decodeMap(rs.getString(9), "tags")).isEqualTo(r.tags());
      assertThat(rs.getBytes(10)).isNull();
      assertThat(rs.getString(11)).isNull();   // NUMERIC keeps non-negative scales itself
      assertThat(rs.next()).isFalse();
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT \"ServiceName\", sum(\"BilledCost\"), min(\"ChargeCategory\"),"
            + " min(\"ChargeFrequency\"), min(\"ChargePeriodStart\"), count(\"ChargeClass\")"
            + " FROM stratus_cost_focus GROUP BY \"ServiceName\"");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("svc-2");
      assertThat(rs.getBigDecimal(2)).hasToString("1.50");
      assertThat(rs.getString(3)).isEqualTo("Usage");
      assertThat(rs.getString(4)).isEqualTo("Usage-Based");
      assertThat(rs.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(r.chargePeriodStart());
      assertThat(rs.getLong(6)).isZero();
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void packedLayout_leavesTheFocusColumnsNullAndTheViewEmpty() throws SQLException {
    DataSource ds = postgres();
    CostStore store = JdbcStores.open(ds).costStore();
    store.write("src", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of(record(MARCH, 1, "1.50")));
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT billed_cost, service_name, payload IS NOT NULL,"
            + " (SELECT count(*) FROM stratus_cost_focus) FROM stratus_cost_record");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isNull();
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.getLong(4)).isZero();
    }
  }

  @Test
  void columnsLayout_negativeScale_isKeptInDecimalScales() throws SQLException {
    DataSource ds = postgres();
    CostStore store = JdbcStores.open(ds).costStore(CostRowLayout.COLUMNS);
    store.write("src", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of(record(MARCH, 1, "1E+3")));
    List<CostRecord> back = new ArrayList<>();
    store.scan(CostQuery.builder().build(), (s, r) -> back.add(r));
    assertThat(back).singleElement().satisfies(r -> assertThat(r.billedCost()).hasToString("1E+3"));
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT billed_cost, decimal_scales FROM stratus_cost_record");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("1000");
      assertThat(CostColumns.parseScales(rs.getString(2))[0]).isEqualTo(-3);
    }
  }

  private static Set<String> scan(CostStore store) {
    Set<String> out = new HashSet<>();
    store.scan(CostQuery.builder().build(), (source, r) -> out.add(key(source, r)));
    return out;
  }

  /** A record's identity and exact values (decimals as text: scale included). */
  private static String key(String source, CostRecord r) {
    return source + "|" + r.lineItemId() + "|" + r.billedCost() + "|" + r.listCost() + "|" + r.pricingQuantity()
        + "|" + r.serviceName() + "|" + r.chargePeriodStart() + "|" + r.tags();
  }

  @Test
  void mixedLayouts_readBackEveryRecord_andReplaceEachOther() {
    JdbcStores stores = JdbcStores.open(postgres());
    CostStore packed = stores.costStore(CostRowLayout.PACKED);
    CostStore columns = stores.costStore(CostRowLayout.COLUMNS);
    List<CostRecord> a = new ArrayList<>();
    List<CostRecord> b = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      a.add(record(MARCH, i, "1." + i + "0"));
      b.add(record(i % 2 == 0 ? MARCH : APRIL, 100 + i, i + ".000"));
    }
    packed.write("a", MARCH, BillingBatch.Mode.REPLACE_PERIOD, a.subList(0, 10));
    columns.write("a", MARCH, BillingBatch.Mode.UPSERT, a.subList(10, 20));
    try (CostStore.Appender p = packed.appender("b")) {
      b.subList(0, 10).forEach(p);
    }
    try (CostStore.Appender q = columns.appender("b")) {
      b.subList(10, 20).forEach(q);
    }
    assertThat(packed.size()).isEqualTo(40);
    Set<String> expected = new HashSet<>();
    a.forEach(r -> expected.add(key("a", r)));
    b.forEach(r -> expected.add(key("b", r)));
    assertThat(scan(packed)).isEqualTo(expected);
    assertThat(scan(columns)).isEqualTo(expected);
    assertThat(columns.query(CostQuery.builder().groupBy(Dimension.SOURCE).build()).total(Currency.getInstance("EUR")))
        .isEqualByComparingTo(a.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add)
            .add(b.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add)));

    // a columns UPSERT restates packed rows; a packed REPLACE_PERIOD removes columns rows
    CostRecord restated = a.get(3).toBuilder().billedCost(new BigDecimal("9.90")).build();
    assertThat(columns.write("a", MARCH, BillingBatch.Mode.UPSERT, List.of(restated)).removed()).isEqualTo(1);
    expected.remove(key("a", a.get(3)));
    expected.add(key("a", restated));
    assertThat(scan(packed)).isEqualTo(expected);
    List<CostRecord> marchB = List.of(record(MARCH, 500, "5.00"));
    assertThat(packed.write("b", MARCH, BillingBatch.Mode.REPLACE_PERIOD, marchB).removed()).isEqualTo(10);
    b.stream().filter(r -> r.billingPeriodStart().equals(MARCH.start())).forEach(r -> expected.remove(key("b", r)));
    expected.add(key("b", marchB.get(0)));
    assertThat(scan(columns)).isEqualTo(expected);
    assertThat(columns.size()).isEqualTo(expected.size());
  }

  @Test
  void costStore_nullLayoutOrExecutor_isRefusedByName() {
    JdbcStores stores = JdbcStores.open(Databases.h2());
    assertThatThrownBy(() -> stores.costStore((CostRowLayout) null)).hasMessage("layout");
    assertThatThrownBy(() -> stores.costStore(CostRowLayout.COLUMNS, null)).hasMessage("copyExecutor");
  }

  @Test
  void h2_focusView_showsEveryRow() throws SQLException {
    DataSource ds = Databases.h2();
    CostStore store = JdbcStores.open(ds).costStore(CostRowLayout.PACKED);
    CostRecord r = record(MARCH, 2, "3.10");
    store.write("src", MARCH, BillingBatch.Mode.REPLACE_PERIOD, List.of(r));
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT \"BilledCost\", \"ServiceName\", \"ChargeCategory\","
            + " \"ChargePeriodStart\", \"x_SourceId\" FROM stratus_cost_focus");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("3.10");
      assertThat(rs.getString(2)).isEqualTo("svc-2");
      assertThat(rs.getString(3)).isEqualTo("Usage");
      assertThat(rs.getObject(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toInstant())
          .isEqualTo(r.chargePeriodStart());
      assertThat(rs.getString(5)).isEqualTo("src");
      assertThat(rs.next()).isFalse();
    }
  }
}
