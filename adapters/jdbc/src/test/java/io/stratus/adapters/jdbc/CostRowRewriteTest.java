package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcStores#rewriteCostRows}: stored rows move into the chosen layout exactly (decimal scales, tags), the
 * rewritten rows show in the {@code stratus_cost_focus} view with FOCUS {@code Tags} JSON, a second call does nothing,
 * a killed connection or an injected failure leaves the period wholly in its old layout and readable, a concurrent
 * writer of the period never interleaves with it, and bad arguments are refused by name. Before this, a host that
 * switched to {@link CostRowLayout#COLUMNS} had no way to bring its packed rows into SQL.
 */
class CostRowRewriteTest {
  private static final BillingPeriod MARCH = BillingPeriod.of(YearMonth.of(2025, 3));
  private static final BillingPeriod APRIL = BillingPeriod.of(YearMonth.of(2025, 4));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] COSTS = {"1.50", "0.10000", "1E+3", "0.00", "-2.500", "7",
      "12345678901234567890.123456789012345678", "4.2E-17"};

  /** Tags whose JSON needs escapes: quotes, backslashes, control characters, non-ASCII and astral characters. */
  private static Map<String, String> tags(int i) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("team", "t" + (i % 3));
    t.put("quote\"key", "say \"hi\"");
    t.put("back\\slash", "C:\\dir\\" + i);
    t.put("ctrl", "line1\nline2\ttab\u0001\u001f");
    t.put("unicode", "café 中文 🙂 " + i);
    t.put("empty", "");
    return t;
  }

  private static CostRecord record(BillingPeriod p, int i, String cost, boolean tagged) {
    CostRecord.Builder b = CostRecord.builder().billedCost(new BigDecimal(cost)).effectiveCost(new BigDecimal("0.960"))
        .listCost(new BigDecimal("1.2000")).contractedCost(new BigDecimal(cost))
        .billingCurrency(Currency.getInstance("EUR")).chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED).chargePeriod(p.start().plusSeconds(3600L * (i % 600)),
            p.start().plusSeconds(3600L * (i % 600) + 3600)).billingPeriod(p).providerName("AWS")
        .billingAccountId("acct").serviceCategory("Compute").serviceName("svc-" + (i % 3)).regionId("eu-west-1")
        .resourceId("i-" + i).pricingQuantity(new BigDecimal("24.000")).consumedQuantity(new BigDecimal("3E+2"))
        .correction(i % 5 == 0).lineItemId("li-" + i);
    if (tagged) {
      tags(i).forEach(b::tag);
    }
    return b.build();
  }

  private static List<CostRecord> records(BillingPeriod p, int from, int n) {
    List<CostRecord> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(record(p, i, COSTS[i % COSTS.length], i % 4 != 3));
    }
    return out;
  }

  /** Every record as exact text (decimals with their scale), by source and line item id. */
  private static Map<String, String> contents(CostStore store) {
    Map<String, String> out = new TreeMap<>();
    store.scan(CostQuery.builder().build(), (source, r) -> out.put(source + "/" + r.lineItemId(), exact(r)));
    return out;
  }

  private static String exact(CostRecord r) {
    StringBuilder sb = new StringBuilder(r.toString());
    for (CostColumns.Col c : CostColumns.DECIMALS) {
      sb.append('|').append(c.get().apply(r));
    }
    return sb.append('|').append(new TreeMap<>(r.tags())).toString();
  }

  private static Map<String, String> expected(Map<String, List<CostRecord>> bySource) {
    Map<String, String> out = new TreeMap<>();
    bySource.forEach((s, rs) -> rs.forEach(r -> out.put(s + "/" + r.lineItemId(), exact(r))));
    return out;
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, String> parseJson(String json) {
    try {
      return JSON.readerForMapOf(String.class).readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The view's rows by line item id: the values a SQL reader sees. */
  private static Map<String, Map<String, Object>> view(DataSource ds) throws SQLException {
    Map<String, Map<String, Object>> out = new HashMap<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"x_LineItemId\", \"x_SourceId\", \"BilledCost\", \"ListCost\","
            + " \"PricingQuantity\", \"ServiceName\", \"ChargePeriodStart\", \"ChargeCategory\", \"ChargeClass\","
            + " \"Tags\" FROM stratus_cost_focus")) {
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        row.put("source", rs.getString(2));
        row.put("billed", rs.getBigDecimal(3));
        row.put("list", rs.getBigDecimal(4));
        row.put("quantity", rs.getBigDecimal(5));
        row.put("service", rs.getString(6));
        row.put("chargeStart", rs.getObject(7, OffsetDateTime.class).toInstant());
        row.put("category", rs.getString(8));
        row.put("class", String.valueOf(rs.getString(9)));
        String tags = rs.getString(10);
        row.put("tags", tags == null ? Map.of() : parseJson(tags));
        out.put(rs.getString(1), row);
      }
    }
    return out;
  }

  /** Asserts that a SQL reader of the view sees exactly these records, FOCUS Tags JSON included. */
  private static void viewShows(DataSource ds, String source, List<CostRecord> records) throws SQLException {
    Map<String, Map<String, Object>> rows = view(ds);
    assertThat(rows).hasSize(records.size());
    for (CostRecord r : records) {
      Map<String, Object> row = rows.get(r.lineItemId());
      assertThat(row).as(r.lineItemId()).isNotNull();
      assertThat(row.get("source")).isEqualTo(source);
      assertThat((BigDecimal) row.get("billed")).isEqualByComparingTo(r.billedCost());
      assertThat((BigDecimal) row.get("list")).isEqualByComparingTo(r.listCost());
      assertThat((BigDecimal) row.get("quantity")).isEqualByComparingTo(r.pricingQuantity());
      assertThat(row.get("service")).isEqualTo(r.serviceName());
      assertThat(row.get("chargeStart")).isEqualTo(r.chargePeriodStart());
      assertThat(row.get("category")).isEqualTo("Usage");
      assertThat(row.get("class")).isEqualTo(r.correction() ? "Correction" : "null");
      assertThat(row.get("tags")).as("Tags of %s", r.lineItemId()).isEqualTo(r.tags());
    }
  }

  @Test
  void rewriteToColumns_packedRowsAppearInTheViewWithTheSameValues_andTheStoreReadsThemExactly() throws SQLException {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore packed = stores.costStore();
    List<CostRecord> a = records(MARCH, 0, 40);
    List<CostRecord> b = records(MARCH, 100, 20);
    packed.write("a", MARCH, BillingBatch.Mode.REPLACE_PERIOD, a);
    try (CostStore.Appender appender = packed.appender("b")) {
      b.forEach(appender);
    }
    Map<String, String> before = contents(packed);
    assertThat(before).isEqualTo(expected(Map.of("a", a, "b", b)));
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isZero();

    CostRowRewrite result = stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH);

    assertThat(result).isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 1, 60));
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NOT NULL")).isZero();
    Map<String, Map<String, Object>> rows = view(ds);
    assertThat(rows).hasSize(60);
    List<CostRecord> all = new ArrayList<>(a);
    all.addAll(b);
    for (CostRecord r : all) {
      Map<String, Object> row = rows.get(r.lineItemId());
      assertThat(row.get("tags")).as("Tags of %s", r.lineItemId()).isEqualTo(r.tags());
      assertThat((BigDecimal) row.get("billed")).isEqualByComparingTo(r.billedCost());
      assertThat(row.get("service")).isEqualTo(r.serviceName());
      assertThat(row.get("chargeStart")).isEqualTo(r.chargePeriodStart());
      assertThat(row.get("class")).isEqualTo(r.correction() ? "Correction" : "null");
    }
    // NUMERIC keeps the written scale for a SQL reader too
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus WHERE \"BilledCost\"::text = '1.50'")).isEqualTo(7);
    assertThat(contents(packed)).isEqualTo(before);
    assertThat(packed.size()).isEqualTo(60);
    // one batch per source now, none left empty
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_batch")).isEqualTo(2);

    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH).rewritten()).as("idempotent").isZero();
    assertThat(contents(packed)).isEqualTo(before);
  }

  @Test
  void roundTrip_columnsToPackedToColumns_isExact_scaleIncluded() throws SQLException {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore columns = stores.costStore(CostRowLayout.COLUMNS);
    List<CostRecord> march = records(MARCH, 0, 30);
    List<CostRecord> april = records(APRIL, 30, 10);
    columns.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, march);
    columns.write("s", APRIL, BillingBatch.Mode.REPLACE_PERIOD, april);
    Map<String, String> before = contents(columns);
    List<String> sqlBefore = sqlRows(ds);

    CostRowRewrite toPacked = stores.rewriteCostRows(CostRowLayout.PACKED, MARCH.start(), APRIL.end());
    assertThat(toPacked).isEqualTo(new CostRowRewrite(CostRowLayout.PACKED, 2, 40));
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NULL")).isZero();
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isZero();
    assertThat(contents(columns)).isEqualTo(before);

    CostRowRewrite back = stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH.start(), APRIL.end());
    assertThat(back).isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 2, 40));
    assertThat(contents(columns)).isEqualTo(before);
    assertThat(sqlRows(ds)).as("every SQL column as it was, decimal_scales and tags_json included")
        .isEqualTo(sqlBefore);
    assertThat(columns.size()).isEqualTo(40);
  }

  /** Every row's columns but the batch id, as text, sorted: what a SQL reader of the table sees. */
  private static List<String> sqlRows(DataSource ds) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + CostColumns.INSERT_COLUMNS.replace("batch_id, ", "")
            + ", payload FROM stratus_cost_record")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
        }
        out.add(sb.toString());
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void rewriteOnePeriod_leavesTheOthersInTheirLayout() throws SQLException {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore packed = stores.costStore();
    packed.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, records(MARCH, 0, 10));
    packed.write("s", APRIL, BillingBatch.Mode.REPLACE_PERIOD, records(APRIL, 10, 7));
    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, APRIL).rewritten()).isEqualTo(7);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isEqualTo(7);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NOT NULL")).isEqualTo(10);
    // a range that starts inside March's first second takes April only
    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH.start().plusNanos(1), Instant.MAX))
        .isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 1, 0));
    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH.start(), MARCH.start()).periods()).isZero();
  }

  @Test
  void connectionKilledMidRewrite_periodStaysWhollyPackedAndReadable_andARepeatFinishes() throws SQLException {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore packed = stores.costStore();
    // 10,500 rows: rewritten in chunks of 5,000, so the second COPY is killed after the first went in
    List<CostRecord> big = records(MARCH, 0, 10_500);
    packed.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, big);
    Map<String, String> before = contents(packed);

    JdbcStores killing = JdbcStores.open(FaultyDataSource.killingAtCopy(ds, 2));
    assertThatThrownBy(() -> killing.rewriteCostRows(CostRowLayout.COLUMNS, MARCH))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> assertThat(e.retryable()).isTrue());

    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE payload IS NOT NULL")).isEqualTo(10_500);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record")).isEqualTo(10_500);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isZero();
    assertThat(contents(packed)).isEqualTo(before);
    assertThat(packed.size()).isEqualTo(10_500);

    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH).rewritten()).isEqualTo(10_500);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isEqualTo(10_500);
    assertThat(contents(packed)).isEqualTo(before);
  }

  @Test
  void concurrentWriterOfThePeriod_neverInterleaves_readersSeeWholeBatches() throws Exception {
    DataSource ds = Databases.postgres();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore packed = stores.costStore();
    List<CostRecord> a = records(MARCH, 0, 300);
    List<CostRecord> b = records(MARCH, 1000, 200);
    BigDecimal sumA = a.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal sumB = b.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    packed.write("w", MARCH, BillingBatch.Mode.REPLACE_PERIOD, a);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < 10; i++) {
          packed.write("w", MARCH, BillingBatch.Mode.REPLACE_PERIOD, i % 2 == 0 ? b : a);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "period-writer");
    Thread reader = new Thread(() -> {
      try {
        while (writer.isAlive()) {
          CostQueryResult q = packed.query(CostQuery.builder().groupBy(Dimension.SOURCE).build());
          assertThat(q.rows()).singleElement().satisfies(row -> assertThat(List.of(row.records(), row.amount()))
              .isIn(List.of(300L, sumA), List.of(200L, sumB)));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }, "period-reader");
    writer.start();
    reader.start();
    int rewrites = 0;
    while (writer.isAlive()) {
      stores.rewriteCostRows(rewrites % 2 == 0 ? CostRowLayout.COLUMNS : CostRowLayout.PACKED, MARCH);
      rewrites++;
    }
    writer.join();
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(rewrites).isPositive();
    stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH);
    assertThat(contents(packed)).isEqualTo(expected(Map.of("w", a)));
    assertThat(packed.size()).isEqualTo(300);
    viewShows(ds, "w", a);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_batch b WHERE NOT EXISTS (SELECT 1 FROM"
        + " stratus_cost_record r WHERE r.batch_id = b.batch_id)")).as("batches left empty").isZero();
  }

  @Test
  void columnsWrites_viewTagsAreFocusJson_onPostgres() throws SQLException {
    DataSource ds = Databases.postgres();
    List<CostRecord> rs = records(MARCH, 0, 12);
    JdbcStores.open(ds).costStore(CostRowLayout.COLUMNS).write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, rs);
    viewShows(ds, "s", rs);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus WHERE \"Tags\"->>'quote\"key' = 'say \"hi\"'"))
        .as("jsonb: SQL reads one tag").isEqualTo(9);
  }

  @Test
  void h2Writes_viewTagsAreFocusJson() throws SQLException {
    DataSource ds = Databases.h2();
    List<CostRecord> rs = records(MARCH, 0, 12);
    JdbcStores.open(ds).costStore().write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, rs);
    viewShows(ds, "s", rs);
  }

  @Test
  void h2RowsWrittenBeforeV13_getTheirTagsJson_andAnInjectedFailureLeavesThePeriodAsItWas() throws SQLException {
    DataSource ds = Databases.h2();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore store = stores.costStore();
    List<CostRecord> rs = records(MARCH, 0, 7_000);
    store.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, rs);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE stratus_cost_record SET tags_json = NULL");   // as rows written before V13
    }
    Map<String, String> before = contents(store);
    long stale = count(ds, "SELECT count(*) FROM stratus_cost_record WHERE tags IS NOT NULL");
    assertThat(stale).isEqualTo(5_250);   // every tagged row; untagged rows need no JSON

    // JDBC batches of 2,000 in chunks of 5,000: the fourth batch is in the second chunk
    JdbcStores failing = JdbcStores.open(FaultyDataSource.failingAtBatch(ds, 4));
    assertThatThrownBy(() -> failing.rewriteCostRows(CostRowLayout.COLUMNS, MARCH))
        .isInstanceOf(JdbcStoreException.class).hasMessageContaining("injected failure");
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record WHERE tags_json IS NOT NULL")).isZero();
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_record")).isEqualTo(7_000);
    assertThat(contents(store)).isEqualTo(before);

    // on H2 rows are columns whatever layout is asked; the stale ones get their JSON
    assertThat(stores.rewriteCostRows(CostRowLayout.PACKED, MARCH).rewritten()).isEqualTo(stale);
    assertThat(contents(store)).isEqualTo(before);
    viewShows(ds, "s", rs);
    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, MARCH).rewritten()).isZero();
    assertThat(store.size()).isEqualTo(7_000);
  }

  @Test
  void h2PackedRows_asCopiedFromPostgres_areRewrittenIntoColumns() throws SQLException {
    DataSource ds = Databases.h2();
    JdbcStores stores = JdbcStores.open(ds);
    CostStore store = stores.costStore();
    List<CostRecord> rs = records(MARCH, 0, 20);
    store.write("s", MARCH, BillingBatch.Mode.REPLACE_PERIOD, rs);
    Map<String, String> before = contents(store);
    pack(ds);
    assertThat(count(ds, "SELECT count(*) FROM stratus_cost_focus")).isZero();
    assertThat(contents(store)).isEqualTo(before);

    assertThat(stores.rewriteCostRows(CostRowLayout.COLUMNS, Instant.EPOCH, Instant.MAX))
        .isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 1, 20));
    viewShows(ds, "s", rs);
    assertThat(contents(store)).isEqualTo(before);
  }

  /** Turns every row into a packed row as the PostgreSQL COPY path writes them: payload, FOCUS columns NULL. */
  private static void pack(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement read = c.prepareStatement("SELECT " + CostRows.SELECT_COLUMNS + " FROM stratus_cost_record");
        ResultSet rs = read.executeQuery()) {
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        CopyBinary buf = new CopyBinary(CostRowLayout.PACKED, 64);
        CostPayload.encode(CostRows.decode(rs), buf);
        rows.add(new Object[] {rs.getString(2), Arrays.copyOf(buf.bytes(), buf.length())});
      }
      StringBuilder nulls = new StringBuilder();
      for (CostColumns.Col col : CostColumns.FOCUS) {
        if (!Set.of("billing_period_start_s", "billing_period_end_s", "charge_period_start_s").contains(col.name())) {
          nulls.append(col.name()).append(" = NULL, ");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_cost_record SET " + nulls
          + "tags = NULL, tags_json = NULL, decimal_scales = NULL, payload = ? WHERE dedup_key = ?")) {
        for (Object[] row : rows) {
          ps.setBytes(1, (byte[]) row[1]);
          ps.setString(2, (String) row[0]);
          assertThat(ps.executeUpdate()).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void badArguments_areRefusedByName() {
    JdbcStores stores = JdbcStores.open(Databases.h2());
    Instant t = MARCH.start();
    assertThatThrownBy(() -> stores.rewriteCostRows(null, MARCH)).isInstanceOf(NullPointerException.class)
        .hasMessage("layout");
    assertThatThrownBy(() -> stores.rewriteCostRows(null, t, t)).hasMessage("layout");
    assertThatThrownBy(() -> stores.rewriteCostRows(CostRowLayout.COLUMNS, null)).hasMessage("period");
    assertThatThrownBy(() -> stores.rewriteCostRows(CostRowLayout.COLUMNS, null, t)).hasMessage("from");
    assertThatThrownBy(() -> stores.rewriteCostRows(CostRowLayout.COLUMNS, t, null)).hasMessage("to");
    assertThatThrownBy(() -> stores.rewriteCostRows(CostRowLayout.COLUMNS, APRIL.start(), MARCH.start()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("to must not be before from (the range is [from, to)), got from=2025-04-01T00:00:00Z,"
            + " to=2025-03-01T00:00:00Z");
  }
}
