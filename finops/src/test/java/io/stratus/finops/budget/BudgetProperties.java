package io.stratus.finops.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BudgetProperties {
  private static final Instant START = Instant.parse("2025-05-10T00:00:00Z");
  private static final CostScope TEAM = CostScope.of(Dimension.tag("team"), "payments");

  /** One step of the approval state machine: op 0 check, 1 approve, 2 reject, 3 advance, 4 expire. */
  record Op(int op, int arg, boolean rightRole) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Arbitraries.integers().between(0, 4)
        .flatMap(op -> Arbitraries.integers().between(0, 5)
            .flatMap(arg -> Arbitraries.of(true, false).map(role -> new Op(op, arg, role))))
        .list().ofMinSize(1).ofMaxSize(40);
  }

  /**
   * Whatever the sequence of checks, decisions, clock moves and expiries: every request a decision mentioned is
   * stored, each history starts PENDING and holds at most one terminal transition ending in the current state, and
   * once every deadline has passed every request is in exactly one terminal state.
   */
  @Property(tries = 150)
  void approvalStateMachine_neverLosesARequest_andEveryRequestEndsInOneTerminalState(
      @ForAll("ops") List<Op> ops) {
    CostStore store = CostStore.inMemory();
    BudgetFixtures.daily(store, "payments", new BigDecimal("100"), START, -9, 0);
    BudgetFixtures.Clock clock = new BudgetFixtures.Clock(START);
    BudgetManager m = BudgetManager.builder(store, clock).statusTtl(Duration.ZERO).build();
    m.put(Budget.builder("b", TEAM).amount(Money.of("100", "USD"))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 50, Threshold.Action.REQUIRE_APPROVAL))
        .approverRoles(List.of("finance")).approvalTimeout(Duration.ofHours(10)).build());
    Set<String> seen = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (Op op : ops) {
      switch (op.op()) {
        case 0:
          SpendDecision d = m.check(new SpendRequest("w-" + op.arg(), Map.of(Dimension.tag("team"), "payments"),
              Money.of("1", "USD"), Duration.ofHours(2), "scheduler", "test"));
          d.requests().forEach(r -> {
            if (seen.add(r.id())) {
              ids.add(r.id());
            }
          });
          break;
        case 1:
        case 2:
          if (!ids.isEmpty()) {
            String id = ids.get(op.arg() % ids.size());
            Approver who = new Approver("a", Set.of(op.rightRole() ? "finance" : "dev"));
            try {
              if (op.op() == 1) {
                m.approve(id, who, "ok");
              } else {
                m.reject(id, who, "no");
              }
            } catch (IllegalArgumentException | IllegalStateException expected) {
              // wrong role, already decided or expired: the request must be unchanged or expired, checked below
            }
          }
          break;
        case 3:
          clock.advanceHours(op.arg() * 3L);
          break;
        default:
          m.expireDue();
      }
      List<ApprovalRequest> all = m.requests();
      assertThat(all).extracting(ApprovalRequest::id).containsAll(seen);
      all.forEach(BudgetProperties::checkHistory);
    }
    clock.advanceHours(11);
    m.expireDue();
    List<ApprovalRequest> all = m.requests();
    assertThat(all).extracting(ApprovalRequest::id).containsExactlyInAnyOrderElementsOf(seen);
    assertThat(all).allSatisfy(r -> {
      assertThat(r.state().isTerminal()).isTrue();
      checkHistory(r);
      assertThat(r.history().stream().filter(e -> e.to().isTerminal())).hasSize(1);
    });
  }

  private static void checkHistory(ApprovalRequest r) {
    List<ApprovalEvent> h = r.history();
    assertThat(h.get(0).from()).isNull();
    assertThat(h.get(0).to()).isEqualTo(ApprovalRequest.State.PENDING);
    assertThat(h.get(h.size() - 1).to()).isEqualTo(r.state());
    assertThat(h.stream().filter(e -> e.to().isTerminal()).count()).isLessThanOrEqualTo(1);
    for (int i = 1; i < h.size(); i++) {
      assertThat(h.get(i).from()).isEqualTo(h.get(i - 1).to());
      assertThat(h.get(i).at()).isAfterOrEqualTo(h.get(i - 1).at());
    }
  }

  /**
   * A sequence of charges and credits, evaluated after each: each threshold alerts exactly as often as actual spend
   * goes from below its line to at or above it.
   */
  @Property(tries = 80)
  void thresholds_fireOncePerUpwardCrossing(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = -300, max = 400) Integer> deltas) {
    CostStore store = CostStore.inMemory();
    BudgetFixtures.Clock clock = new BudgetFixtures.Clock(START.plusSeconds(3600));
    BudgetManager m = BudgetManager.builder(store, clock).statusTtl(Duration.ZERO).build();
    int[] lines = {50, 100};
    m.put(Budget.builder("b", TEAM).amount(Money.of("1000", "USD"))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, lines[0], Threshold.Action.NOTIFY))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, lines[1], Threshold.Action.NOTIFY)).build());
    long total = 0;
    int[] expected = new int[2];
    int[] fired = new int[2];
    for (int delta : deltas) {
      long before = total;
      total += delta;
      BudgetFixtures.spend(store, "payments", Integer.toString(delta), clock.now.minusSeconds(3600));
      for (int i = 0; i < 2; i++) {
        long line = lines[i] * 10L;
        if (before < line && total >= line) {
          expected[i]++;
        }
      }
      for (BudgetAlert a : m.evaluate()) {
        fired[a.threshold().percent().intValue() == lines[0] ? 0 : 1]++;
      }
      clock.advanceHours(1);
    }
    assertThat(fired).containsExactly(expected);
  }
}
