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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A decimal's scale is part of its value (FOCUS exports carry 1.50, not 1.5): every cost store path gives back each
 * decimal column with the exact scale it was written with, trailing zeros, negative scales and 38-digit values
 * included. H2's {@code DECFLOAT} columns drop trailing zeros, so before schema V12 an H2 store read 1.50 back as 1.5.
 */
class CostDecimalScaleTest {
  private static final BillingPeriod MAY = BillingPeriod.of(YearMonth.of(2025, 5));
  private static final String[] COSTS = {"1.50", "0.10000", "1E+3", "0.00", "-2.500", "7",
      "12345678901234567890.123456789012345678", "4.2E-17"};

  private static List<CostRecord> records() {
    List<CostRecord> out = new ArrayList<>();
    for (int i = 0; i < COSTS.length; i++) {
      BigDecimal cost = new BigDecimal(COSTS[i]);
      out.add(CostRecord.builder().billedCost(cost).effectiveCost(new BigDecimal("0.960"))
          .listCost(new BigDecimal("1.2000")).contractedCost(cost).billingCurrency(Currency.getInstance("USD"))
          .chargeCategory(ChargeCategory.USAGE).chargePeriod(MAY.start().plusSeconds(3600L * i),
              MAY.start().plusSeconds(3600L * i + 3600)).billingPeriod(MAY).providerName("AWS")
          .billingAccountId("acct").serviceCategory("Compute").serviceName("EC2").lineItemId("li-" + i)
          .pricingQuantity(new BigDecimal("24.000")).consumedQuantity(new BigDecimal("3E+2")).build());
    }
    return out;
  }

  /** Every decimal column of a record as its exact text (BigDecimal.toString shows the scale). */
  private static List<String> decimals(CostRecord r) {
    List<String> out = new ArrayList<>();
    for (CostColumns.Col c : CostColumns.DECIMALS) {
      Object v = c.get().apply(r);
      out.add(c.name() + "=" + v);
    }
    return out;
  }

  private static void keepsScale(CostStore store) {
    List<CostRecord> written = records();
    store.write("s", MAY, BillingBatch.Mode.REPLACE_PERIOD, written.subList(0, 4));
    try (CostStore.Appender a = store.appender("s")) {
      written.subList(4, written.size()).forEach(a);
    }
    Map<String, List<String>> back = new HashMap<>();
    store.scan(CostQuery.builder().build(), (source, r) -> back.put(r.lineItemId(), decimals(r)));
    assertThat(back).hasSize(written.size());
    for (CostRecord r : written) {
      assertThat(back.get(r.lineItemId())).as(r.lineItemId()).isEqualTo(decimals(r));
    }
  }

  @Test
  void write_h2_readsBackEveryDecimalWithItsScale() {
    keepsScale(JdbcStores.open(Databases.h2()).costStore());
  }

  @Test
  void write_postgresPacked_readsBackEveryDecimalWithItsScale() {
    keepsScale(JdbcStores.open(Databases.postgres()).costStore(CostRowLayout.PACKED));
  }

  @Test
  void write_postgresColumns_readsBackEveryDecimalWithItsScale() {
    keepsScale(JdbcStores.open(Databases.postgres()).costStore(CostRowLayout.COLUMNS));
  }

  @Test
  void h2Rows_withoutScales_stillReadWithTheirValues() throws SQLException {
    DataSource ds = Databases.h2();
    List<CostRecord> written = records();
    CostStore store = JdbcStores.open(ds).costStore();
    store.write("s", MAY, BillingBatch.Mode.REPLACE_PERIOD, written);
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE stratus_cost_record SET decimal_scales = NULL");   // as H2 rows written before V12
    }
    Map<String, CostRecord> back = new HashMap<>();
    store.scan(CostQuery.builder().build(), (source, r) -> back.put(r.lineItemId(), r));
    for (CostRecord r : written) {
      assertThat(back.get(r.lineItemId())).isEqualTo(r);   // equal values (CostRecord compares decimals by value)
    }
  }
}
