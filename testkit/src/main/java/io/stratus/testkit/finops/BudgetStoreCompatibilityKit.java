package io.stratus.testkit.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.budget.AlertState;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetPeriod;
import io.stratus.finops.budget.BudgetStore;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BudgetStore} must pass: a stored budget reads back with every part of its definition
 * (scope, period, fixed or planned amounts with their scale, thresholds, approver roles, approval timeout), budgets
 * list in insertion order, replacing a budget keeps its place and its alert state, removing it drops both, and alert
 * states round-trip. Extend it in a test and return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class BudgetStoreCompatibilityKit {
  private static final Currency EUR = Currency.getInstance("EUR");

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract BudgetStore createStore();

  private static Budget fixed(String id) {
    return Budget.builder(id, CostScope.of(Dimension.SUB_ACCOUNT, "acct-1").and(Dimension.tag("team"), "search"))
        .name("Search team " + id)
        .amount(Money.of("1200.50", "USD"))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY))
        .threshold(new Threshold(Threshold.Basis.FORECAST, new BigDecimal("100.5"), Threshold.Action.REQUIRE_APPROVAL))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 120, Threshold.Action.DENY_PLACEMENTS))
        .approverRoles(List.of("finance", "budget-owner"))
        .approvalTimeout(Duration.ofHours(36).plusNanos(5))
        .build();
  }

  private static Budget planned(String id) {
    Map<YearMonth, BigDecimal> plans = new TreeMap<>();
    plans.put(YearMonth.of(2025, 1), new BigDecimal("100.00"));
    plans.put(YearMonth.of(2025, 2), new BigDecimal("250.125"));
    plans.put(YearMonth.of(2025, 4), new BigDecimal("0"));
    return Budget.builder(id, CostScope.total())
        .period(BudgetPeriod.quarterly())
        .planned(EUR, plans)
        .build();
  }

  private static Budget custom(String id) {
    return Budget.builder(id, CostScope.of(Dimension.SERVICE, "Amazon EC2 (a \"quoted\" name, with: colons)"))
        .period(BudgetPeriod.custom(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 6, 1)))
        .amount(Money.of("5000", "JPY"))
        .build();
  }

  /** Compares every part of two budgets' definitions (Budget has no equals). */
  private static void assertSameDefinition(Budget actual, Budget expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.scope()).isEqualTo(expected.scope());
    assertThat(List.copyOf(actual.scope().filters().keySet()))
        .isEqualTo(List.copyOf(expected.scope().filters().keySet()));
    assertThat(actual.currency()).isEqualTo(expected.currency());
    assertThat(actual.period()).isEqualTo(expected.period());
    assertThat(actual.fixedAmount()).isEqualTo(expected.fixedAmount());
    assertThat(actual.plannedAmounts()).isEqualTo(expected.plannedAmounts());
    actual.fixedAmount().ifPresent(m -> assertThat(m.amount().scale())
        .isEqualTo(expected.fixedAmount().orElseThrow().amount().scale()));
    assertThat(actual.thresholds()).isEqualTo(expected.thresholds());
    assertThat(actual.approverRoles()).isEqualTo(expected.approverRoles());
    assertThat(actual.approvalTimeout()).isEqualTo(expected.approvalTimeout());
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  @Test
  void put_thenFind_returnsEveryPartOfTheDefinition() {
    BudgetStore store = createStore();
    for (Budget b : List.of(fixed("b-fixed"), planned("b-planned"), custom("b-custom"))) {
      store.put(b);
      assertSameDefinition(store.find(b.id()).orElseThrow(), b);
    }
    Budget p = store.find("b-planned").orElseThrow();
    BudgetPeriod.Window q1 = BudgetPeriod.quarterly().windowAt(Instant.parse("2025-02-10T00:00:00Z")).orElseThrow();
    assertThat(p.amountFor(q1)).isEqualTo(planned("x").amountFor(q1));
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void all_isInInsertionOrder_andReplacingKeepsThePlace() {
    BudgetStore store = createStore();
    store.put(custom("c"));
    store.put(fixed("a"));
    store.put(planned("b"));
    store.put(fixed("c"));
    List<Budget> all = store.all();
    assertThat(all).extracting(Budget::id).containsExactly("c", "a", "b");
    assertSameDefinition(all.get(0), fixed("c"));
  }

  @Test
  void alertState_isEmptyBeforeTheFirstSave_thenRoundTrips_andIsOverwritten() {
    BudgetStore store = createStore();
    store.put(fixed("a"));
    assertThat(store.alertState("a")).isEmpty();
    AlertState first = new AlertState(new BudgetPeriod.Window(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)),
        Set.of(0, 2));
    store.saveAlertState("a", first);
    assertThat(store.alertState("a")).contains(first);
    AlertState next = new AlertState(new BudgetPeriod.Window(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 5, 1)),
        Set.of());
    store.saveAlertState("a", next);
    assertThat(store.alertState("a")).contains(next);
  }

  @Test
  void put_ofAnExistingBudget_keepsItsAlertState() {
    BudgetStore store = createStore();
    store.put(fixed("a"));
    AlertState s = new AlertState(new BudgetPeriod.Window(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)),
        Set.of(1));
    store.saveAlertState("a", s);
    store.put(fixed("a").toBuilder().amount(Money.of("99.99", "USD")).build());
    assertThat(store.alertState("a")).contains(s);
    assertThat(store.find("a").orElseThrow().fixedAmount()).contains(Money.of("99.99", "USD"));
  }

  @Test
  void remove_dropsTheBudgetAndItsAlertState() {
    BudgetStore store = createStore();
    store.put(fixed("a"));
    store.put(planned("b"));
    store.saveAlertState("a", new AlertState(
        new BudgetPeriod.Window(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)), Set.of(0)));
    assertThat(store.remove("a")).isTrue();
    assertThat(store.remove("a")).isFalse();
    assertThat(store.find("a")).isEmpty();
    assertThat(store.alertState("a")).isEmpty();
    assertThat(store.all()).extracting(Budget::id).containsExactly("b");
    store.put(fixed("a"));
    assertThat(store.alertState("a")).isEmpty();
    assertThat(store.all()).extracting(Budget::id).containsExactly("b", "a");
  }

  @Test
  void nullArguments_areRejected() {
    BudgetStore store = createStore();
    assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.alertState(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.saveAlertState("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void concurrentPuts_ofDistinctBudgets_areAllStored() throws Exception {
    BudgetStore store = createStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            store.put(fixed("t" + thread + "-" + i));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.all()).hasSize(40);
  }
}
