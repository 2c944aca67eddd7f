package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import io.stratus.testkit.finops.CostStoreCompatibilityKit;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cost store kit on PostgreSQL with the COPY stream pipelined on a sender thread, plus writes of many 1 MiB pieces
 * (the kit's batches fit in one) that must store every record exactly once; rows in {@link CostRowLayout#PACKED}
 * layout (a subclass runs it in the other).
 */
class PostgresPipelinedCostStoreTest extends CostStoreCompatibilityKit {
  private final ExecutorService sender = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    sender.shutdown();
  }

  /** The layout of the rows the stores under test write. */
  CostRowLayout layout() {
    return CostRowLayout.PACKED;
  }

  @Override
  protected CostStore createStore() {
    return JdbcStores.open(Databases.postgres()).costStore(layout(), sender);
  }

  private static List<CostRecord> records(BillingPeriod p, int n) {
    List<CostRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigDecimal cost = BigDecimal.valueOf(i % 997, 3);
      out.add(CostRecord.builder().allCosts(cost).billingCurrency(Currency.getInstance("USD"))
          .chargeCategory(ChargeCategory.USAGE).chargePeriod(p.start().plusSeconds(i % 600 * 3600L),
              p.start().plusSeconds(i % 600 * 3600L + 3600)).billingPeriod(p).providerName("AWS")
          .billingAccountId("123456789012").serviceCategory("Compute").serviceName("AmazonEC2")
          .resourceId("i-" + Integer.toHexString(i)).lineItemId("li-" + i).tag("team", "t" + (i % 7))
          .chargeDescription("a description long enough to make this record take a few hundred bytes: " + i)
          .build());
    }
    return out;
  }

  private static Set<String> lineItems(CostStore store) {
    Set<String> ids = new HashSet<>();
    store.scan(CostQuery.builder().build(), (source, r) -> assertThat(ids.add(source + "/" + r.lineItemId())).isTrue());
    return ids;
  }

  @Test
  void manyPieces_pipelined_storeEveryRecordOnce() {
    BillingPeriod p = BillingPeriod.of(YearMonth.of(2025, 5));
    List<CostRecord> records = records(p, 40_000);
    CostStore store = createStore();
    assertThat(store.write("w", p, BillingBatch.Mode.REPLACE_PERIOD, records).added()).isEqualTo(40_000);
    try (CostStore.Appender a = store.appender("a")) {
      records.subList(0, 30_000).forEach(a);
    }
    assertThat(store.size()).isEqualTo(70_000);
    assertThat(lineItems(store)).hasSize(70_000);
  }

  @Test
  void directExecutor_isTheUnpipelinedPath() {
    BillingPeriod p = BillingPeriod.of(YearMonth.of(2025, 6));
    CostStore store = JdbcStores.open(Databases.postgres()).costStore(layout(), Runnable::run);
    assertThat(store.write("w", p, BillingBatch.Mode.REPLACE_PERIOD, records(p, 20_000)).added())
        .isEqualTo(20_000);
    assertThat(store.size()).isEqualTo(20_000);
  }
}
