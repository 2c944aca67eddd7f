package io.stratus.finops.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.ProviderException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetManagerTest {
  private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");
  private static final CostScope PAYMENTS = CostScope.of(Dimension.tag("team"), "payments");
  private static final Approver FINANCE = new Approver("fiona", Set.of("finance"));

  private CostStore store;
  private BudgetFixtures.Clock clock;
  private BudgetFixtures.Outbox outbox;
  private BudgetManager manager;

  @BeforeEach
  void setUp() {
    store = CostStore.inMemory();
    clock = new BudgetFixtures.Clock(MARCH.plusSeconds(86400L * 20));
    outbox = new BudgetFixtures.Outbox();
    BudgetFixtures.daily(store, "payments", new BigDecimal("100.00"), MARCH, 0, 20);
    BudgetFixtures.daily(store, "search", new BigDecimal("999.00"), MARCH, 0, 20);
    manager = BudgetManager.builder(store, clock).channels(List.of(outbox)).statusTtl(Duration.ZERO).build();
    manager.put(Budget.builder("payments-monthly", PAYMENTS).name("Payments monthly")
        .amount(Money.of("2500", "USD"))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY))
        .threshold(Threshold.of(Threshold.Basis.FORECAST, 100, Threshold.Action.REQUIRE_APPROVAL))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 120, Threshold.Action.DENY_PLACEMENTS))
        .approverRoles(List.of("finance"))
        .build());
  }

  private static SpendRequest placement(String key, String rate) {
    return new SpendRequest(key, Map.of(Dimension.tag("team"), "payments"), Money.of(rate, "USD"), Duration.ZERO,
        "scheduler", "placement of " + key);
  }

  @Test
  void status_actualIsExactAndForecastAddsTheRunRateForTheDaysLeft() {
    BudgetStatus s = manager.status("payments-monthly").orElseThrow();
    assertThat(s.window()).isEqualTo(new BudgetPeriod.Window(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1)));
    assertThat(s.actual().amount()).isEqualByComparingTo("2000.00");
    // 20 days of history (< 21): run rate of the last week, 100 a day, for the 11 days left
    assertThat(s.forecast().amount()).isEqualByComparingTo("3100.00");
    assertThat(s.actualPercent()).isEqualTo(80.0);
    assertThat(s.crossed()).extracting(Threshold::action)
        .containsExactly(Threshold.Action.NOTIFY, Threshold.Action.REQUIRE_APPROVAL);
    assertThat(s.control()).isEqualTo(Threshold.Action.REQUIRE_APPROVAL);
    assertThat(s.summary()).contains("Payments monthly").contains("2000.00 of 2500");
  }

  @Test
  void status_withEnoughHistory_forecastsWithEtsCloseToTheFlatLevel() {
    BudgetFixtures.daily(store, "payments", new BigDecimal("100.00"), MARCH, -30, 0);
    BudgetStatus s = manager.status("payments-monthly").orElseThrow();
    assertThat(s.forecast().amount().doubleValue()).isCloseTo(3100.0, org.assertj.core.data.Offset.offset(60.0));
  }

  @Test
  void evaluate_alertsOncePerCrossing_andNotifiesTheChannel() {
    List<BudgetAlert> first = manager.evaluate();
    assertThat(first).extracting(a -> a.threshold().percent().intValue()).containsExactly(80, 100);
    assertThat(first).allMatch(BudgetAlert::delivered);
    assertThat(outbox.sent).hasSize(2);
    assertThat(outbox.sent.get(0).title()).contains("Payments monthly").contains("80% of actual");
    assertThat(outbox.sent.get(0).labels()).containsEntry("team", "payments").containsEntry("budget",
        "payments-monthly");
    assertThat(outbox.sent.get(1).severity()).isEqualTo(Notification.Severity.CRITICAL);
    clock.advanceHours(1);
    assertThat(manager.evaluate()).isEmpty();
    // a credit takes actual back below 80%: the threshold re-arms, and fires again when crossed again
    BudgetFixtures.spend(store, "payments", "-200", clock.now.minusSeconds(3600));
    assertThat(manager.evaluate()).isEmpty();
    BudgetFixtures.spend(store, "payments", "300", clock.now);
    clock.advanceHours(1);
    assertThat(manager.evaluate()).extracting(a -> a.threshold().percent().intValue()).containsExactly(80);
    // a new month re-arms everything
    clock.now = Instant.parse("2025-04-02T00:00:00Z");
    BudgetFixtures.daily(store, "payments", new BigDecimal("2100"), Instant.parse("2025-04-01T00:00:00Z"), 0, 1);
    assertThat(manager.evaluate()).extracting(a -> a.threshold().percent().intValue()).contains(80);
  }

  @Test
  void evaluate_failingChannel_isLoggedAndReportedUndelivered() {
    NotificationChannel broken = new NotificationChannel() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public void send(Notification n) {
        throw new ProviderException("broken", "down", null);
      }
    };
    BudgetManager m = BudgetManager.builder(store, clock).channels(List.of(broken, outbox)).build();
    m.put(manager.budgets().get(0));
    List<BudgetAlert> alerts = m.evaluate();
    assertThat(alerts).isNotEmpty().noneMatch(BudgetAlert::delivered);
    assertThat(outbox.sent).hasSize(alerts.size());
  }

  @Test
  void check_overForecast_opensOneRequest_thenApprovalLetsTheKeyThrough() {
    SpendDecision held = manager.check(placement("w-1", "0.50"));
    assertThat(held.outcome()).isEqualTo(SpendDecision.Outcome.APPROVAL_REQUIRED);
    assertThat(held.budgets()).containsExactly("Payments monthly");
    assertThat(held.message()).contains("held for approval under budget 'Payments monthly'")
        .contains("100% of forecast: require approval");
    ApprovalRequest r = held.requests().get(0);
    assertThat(r.state()).isEqualTo(ApprovalRequest.State.PENDING);
    assertThat(r.amount().amount().doubleValue()).isCloseTo(0.5 * 24 * 11, org.assertj.core.data.Offset.offset(1e-6));
    // asking again (another candidate) reuses the pending request
    assertThat(manager.check(placement("w-1", "0.90")).requests()).extracting(ApprovalRequest::id)
        .containsExactly(r.id());
    assertThat(manager.requests()).hasSize(1);
    assertThat(outbox.sent).filteredOn(n -> n.title().startsWith("Approval needed")).hasSize(1);

    assertThatThrownBy(() -> manager.approve(r.id(), new Approver("dev", Set.of("engineer")), "ok"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs one of [finance]");
    clock.advanceHours(2);
    ApprovalRequest approved = manager.approve(r.id(), FINANCE, "launch week");
    assertThat(approved.state()).isEqualTo(ApprovalRequest.State.APPROVED);
    assertThat(approved.history()).extracting(ApprovalEvent::to)
        .containsExactly(ApprovalRequest.State.PENDING, ApprovalRequest.State.APPROVED);
    assertThat(approved.history().get(1).actor()).isEqualTo("fiona");
    assertThat(approved.history().get(1).reason()).isEqualTo("launch week");
    assertThat(approved.history().get(1).at()).isEqualTo(clock.now);
    SpendDecision allowed = manager.check(placement("w-1", "0.90"));
    assertThat(allowed.outcome()).isEqualTo(SpendDecision.Outcome.ALLOWED);
    assertThat(allowed.requests()).extracting(ApprovalRequest::id).containsExactly(r.id());
    assertThatThrownBy(() -> manager.reject(r.id(), FINANCE, "changed my mind"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already APPROVED");
  }

  @Test
  void check_concurrentChecksOfOneKey_openExactlyOneRequest_concurrentDecisionsOnlyOneWins() throws Exception {
    int threads = 8;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<SpendDecision>> fs = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        fs.add(pool.submit(() -> {
          go.await();
          return manager.check(placement("w-c", "0.5"));
        }));
      }
      go.countDown();
      Set<String> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<SpendDecision> f : fs) {
        ids.add(f.get().requests().get(0).id());
      }
      assertThat(ids).hasSize(1);
      assertThat(manager.requests()).hasSize(1);
      String id = ids.iterator().next();
      java.util.concurrent.CountDownLatch go2 = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Boolean>> decisions = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        boolean approve = i % 2 == 0;
        decisions.add(pool.submit(() -> {
          go2.await();
          try {
            if (approve) {
              manager.approve(id, FINANCE, "yes");
            } else {
              manager.reject(id, FINANCE, "no");
            }
            return true;
          } catch (IllegalStateException lost) {
            return false;
          }
        }));
      }
      go2.countDown();
      int winners = 0;
      for (java.util.concurrent.Future<Boolean> f : decisions) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
      assertThat(manager.request(id).orElseThrow().history()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void check_rejectedRequest_deniesTheKey_expiredOneIsReplaced() {
    ApprovalRequest r1 = manager.check(placement("w-2", "1")).requests().get(0);
    clock.advanceHours(73);
    assertThat(manager.expireDue()).extracting(ApprovalRequest::id).containsExactly(r1.id());
    assertThat(manager.request(r1.id()).orElseThrow().history()).last()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("system"));
    assertThatThrownBy(() -> manager.approve(r1.id(), FINANCE, "late"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already EXPIRED");
    ApprovalRequest r2 = manager.check(placement("w-2", "5")).requests().get(0);
    assertThat(r2.id()).isNotEqualTo(r1.id());
    manager.reject(r2.id(), FINANCE, "not this month");
    SpendDecision d = manager.check(placement("w-2", "5"));
    assertThat(d.outcome()).isEqualTo(SpendDecision.Outcome.DENIED);
    assertThat(d.message()).contains("was rejected");
  }

  @Test
  void check_approveAfterDeadline_expiresInsteadOfApproving() {
    ApprovalRequest r = manager.check(placement("w-3", "1")).requests().get(0);
    clock.advanceHours(72);
    assertThatThrownBy(() -> manager.approve(r.id(), FINANCE, "late"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
    assertThat(manager.request(r.id()).orElseThrow().state()).isEqualTo(ApprovalRequest.State.EXPIRED);
  }

  @Test
  void check_overHardLimit_isDeniedNamingTheBudget_otherTeamsAndZeroSpendAreNotHeld() {
    SpendRequest search = new SpendRequest("s-1", Map.of(Dimension.tag("team"), "search"), Money.of("5", "USD"),
        Duration.ofHours(3), "scheduler", "batch");
    assertThat(manager.check(search).outcome()).isEqualTo(SpendDecision.Outcome.ALLOWED);
    assertThat(manager.check(placement("w-0", "0")).outcome()).isEqualTo(SpendDecision.Outcome.ALLOWED);
    BudgetFixtures.spend(store, "payments", "1000", MARCH.plusSeconds(3600));
    SpendDecision d = manager.check(placement("w-4", "0.10"));
    assertThat(d.outcome()).isEqualTo(SpendDecision.Outcome.DENIED);
    assertThat(d.message()).contains("denied by budget 'Payments monthly' (120% of actual: deny placements");
    assertThat(manager.check(placement("w-0", "0")).outcome()).isEqualTo(SpendDecision.Outcome.DENIED);
    assertThatThrownBy(() -> manager.check(new SpendRequest("e", Map.of(Dimension.tag("team"), "payments"),
        Money.of("1", "EUR"), Duration.ZERO, "x", "y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR").hasMessageContaining("USD");
  }

  @Test
  void amountFor_plannedQuarterlyAndCustomWindows() {
    Budget planned = Budget.builder("p", PAYMENTS).period(BudgetPeriod.quarterly())
        .planned(Money.USD, Map.of(YearMonth.of(2025, 1), new BigDecimal("100"), YearMonth.of(2025, 2),
            new BigDecimal("200"), YearMonth.of(2025, 3), new BigDecimal("300"), YearMonth.of(2025, 4),
            new BigDecimal("999")))
        .build();
    BudgetPeriod.Window q1 = planned.period().windowAt(Instant.parse("2025-02-14T10:00:00Z")).orElseThrow();
    assertThat(q1).isEqualTo(new BudgetPeriod.Window(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1)));
    assertThat(planned.amountFor(q1).amount()).isEqualByComparingTo("600");
    Budget custom = planned.toBuilder()
        .period(BudgetPeriod.custom(LocalDate.of(2025, 3, 16), LocalDate.of(2025, 4, 16))).build();
    BudgetPeriod.Window w = custom.period().windowAt(Instant.parse("2025-04-01T00:00:00Z")).orElseThrow();
    // 16 of March's 31 days, 15 of April's 30
    assertThat(custom.amountFor(w).amount().doubleValue()).isCloseTo(300.0 * 16 / 31 + 999.0 * 15 / 30,
        org.assertj.core.data.Offset.offset(0.01));
    assertThat(custom.period().windowAt(Instant.parse("2025-04-16T00:00:00Z"))).isEmpty();
    assertThat(BudgetPeriod.annual().windowAt(Instant.parse("2025-07-01T00:00:00Z")).orElseThrow())
        .isEqualTo(new BudgetPeriod.Window(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)));
    assertThatThrownBy(() -> Budget.builder("x", PAYMENTS).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an amount");
    assertThatThrownBy(() -> Threshold.of(Threshold.Basis.ACTUAL, 0, Threshold.Action.NOTIFY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold.percent");
  }
}
