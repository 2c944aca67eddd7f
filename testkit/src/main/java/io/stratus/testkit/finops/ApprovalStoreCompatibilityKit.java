package io.stratus.testkit.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.budget.ApprovalEvent;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.model.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ApprovalStore} must pass: unique ids, inserts that reject a stored id, reads that return
 * what was stored (amount scale and history included), and a compare-and-set {@link ApprovalStore#replace} that
 * never lets two deciders both move one request, also when they race on several threads. Extend it in a test and
 * return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class ApprovalStoreCompatibilityKit {
  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract ApprovalStore createStore();

  private static ApprovalRequest pending(String id, String amount) {
    return new ApprovalRequest(id, "budget-1", "job-" + id, Money.of(amount, "EUR"), "alice", "needs GPUs", T0,
        T0.plusSeconds(3600), ApprovalRequest.State.PENDING,
        List.of(new ApprovalEvent(T0, "alice", null, ApprovalRequest.State.PENDING, "needs GPUs")));
  }

  @Test
  void nextId_isUniqueInTheStore() {
    ApprovalStore store = createStore();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(store.nextId());
    }
    assertThat(ids).hasSize(20);
  }

  @Test
  void insert_thenFindAndAll_returnWhatWasStoredInInsertionOrder() {
    ApprovalStore store = createStore();
    ApprovalRequest a = pending(store.nextId(), "120.50");
    ApprovalRequest b = pending(store.nextId(), "7.000");
    store.insert(b);
    store.insert(a);
    assertThat(store.find(a.id())).contains(a);
    assertThat(store.find(b.id()).orElseThrow().amount()).isEqualTo(Money.of("7.000", "EUR"));
    assertThat(store.find("missing")).isEmpty();
    assertThat(store.all()).containsExactly(b, a);
  }

  @Test
  void insert_storedId_isRejected() {
    ApprovalStore store = createStore();
    ApprovalRequest a = pending(store.nextId(), "1");
    store.insert(a);
    assertThatThrownBy(() -> store.insert(pending(a.id(), "2"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(a.id());
    assertThat(store.find(a.id())).contains(a);
  }

  @Test
  void replace_asRead_movesTheRequestAndKeepsItsHistory() {
    ApprovalStore store = createStore();
    ApprovalRequest a = pending(store.nextId(), "10");
    store.insert(a);
    ApprovalRequest approved = a.transition(ApprovalRequest.State.APPROVED, T0.plusSeconds(60), "bob", "ok");
    assertThat(store.replace(a, approved)).isTrue();
    assertThat(store.find(a.id())).contains(approved);
    assertThat(store.find(a.id()).orElseThrow().history()).hasSize(2);
  }

  @Test
  void replace_staleExpectation_returnsFalseAndKeepsTheStoredRequest() {
    ApprovalStore store = createStore();
    ApprovalRequest a = pending(store.nextId(), "10");
    store.insert(a);
    ApprovalRequest approved = a.transition(ApprovalRequest.State.APPROVED, T0.plusSeconds(60), "bob", "ok");
    ApprovalRequest rejected = a.transition(ApprovalRequest.State.REJECTED, T0.plusSeconds(61), "carol", "no");
    assertThat(store.replace(a, approved)).isTrue();
    assertThat(store.replace(a, rejected)).isFalse();
    assertThat(store.find(a.id())).contains(approved);
  }

  @Test
  void replace_unknownOrMismatchedIds_areRejected() {
    ApprovalStore store = createStore();
    ApprovalRequest a = pending("apr-x", "10");
    ApprovalRequest approved = a.transition(ApprovalRequest.State.APPROVED, T0.plusSeconds(60), "bob", "ok");
    assertThatThrownBy(() -> store.replace(a, approved)).isInstanceOf(IllegalArgumentException.class);
    store.insert(a);
    assertThatThrownBy(() -> store.replace(a, pending("apr-y", "10"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replace_racingDeciders_exactlyOneWins() throws Exception {
    ApprovalStore store = createStore();
    int deciders = 6;
    ExecutorService pool = Executors.newFixedThreadPool(deciders);
    try {
      for (int round = 0; round < 5; round++) {
        ApprovalRequest a = pending(store.nextId(), "10");
        store.insert(a);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int d = 0; d < deciders; d++) {
          ApprovalRequest mine = a.transition(d % 2 == 0 ? ApprovalRequest.State.APPROVED
              : ApprovalRequest.State.REJECTED, T0.plusSeconds(60 + d), "decider-" + d, "decision " + d);
          results.add(pool.submit(() -> {
            go.await();
            return store.replace(a, mine);
          }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
          if (f.get(60, TimeUnit.SECONDS)) {
            wins++;
          }
        }
        assertThat(wins).as("deciders that moved request %s", a.id()).isEqualTo(1);
        assertThat(store.find(a.id()).orElseThrow().history()).hasSize(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
