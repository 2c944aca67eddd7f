package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.budget.BudgetStatus;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/finops.md, run on the bundled slice of the FOCUS 1.0 sample data. */
class FinOpsTutorialTest {

  @Test
  void ingestQueryAndBudget() throws IOException {
    // tag::ingest[]
    CostStore store = CostStore.inMemory();
    ReadReport report;
    try (InputStream in = FinOpsTutorialTest.class.getResourceAsStream(
            "/io/stratus/samples/billing/focus-1.0-sample-slice.csv");
        CostStore.Appender appender = store.appender("focus")) {
      report = BillingReaders.detect().read(in, "focus-1.0-sample-slice.csv", appender);
    }
    boolean everyRowAccountedFor = report.isComplete();
    // end::ingest[]
    assertThat(report.recordsEmitted()).isEqualTo(report.rowsRead());
    assertThat(everyRowAccountedFor).isTrue();

    // tag::query[]
    CostQuery topServices = CostQuery.builder()
        .groupBy(Dimension.SERVICE)
        .top(5)
        .build();
    List<CostRow> rows = store.query(topServices).rows();
    CostQuery byProvider = CostQuery.builder()
        .between(Instant.parse("2024-09-01T00:00:00Z"), Instant.parse("2024-10-01T00:00:00Z"))
        .groupBy(Dimension.PROVIDER)
        .build();
    List<CostRow> september = store.query(byProvider).rows();
    // end::query[]
    assertThat(rows).hasSizeLessThanOrEqualTo(5).isNotEmpty();
    assertThat(september).isNotEmpty();

    // tag::budget[]
    InstantSource clock = InstantSource.fixed(Instant.parse("2024-09-20T00:00:00Z"));
    BudgetManager budgets = BudgetManager.builder(store, clock).build();
    budgets.put(Budget.builder("cloud-monthly", CostScope.total())
        .name("All clouds, monthly")
        .amount(Money.of("2.00", "USD"))    // the sample slice is tiny: 1.86 USD by 2024-09-20
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY))
        .threshold(Threshold.of(Threshold.Basis.FORECAST, 100, Threshold.Action.REQUIRE_APPROVAL))
        .approverRoles(List.of("finance"))
        .build());
    BudgetStatus status = budgets.status("cloud-monthly").orElseThrow();
    String line = status.summary();   // actual and forecast against the amount, and the thresholds crossed
    // end::budget[]
    assertThat(status.actual().amount().signum()).isPositive();
    assertThat(line).contains("All clouds, monthly");
    assertThat(status.crossed()).hasSize(2);
    assertThat(status.control()).isEqualTo(Threshold.Action.REQUIRE_APPROVAL);
  }
}
