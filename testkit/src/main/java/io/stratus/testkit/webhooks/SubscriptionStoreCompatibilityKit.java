package io.stratus.testkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.adapters.webhooks.EventType;
import io.stratus.adapters.webhooks.StoredSubscription;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.SubscriptionConflictException;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.adapters.webhooks.WebhookSecret;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every webhook {@link SubscriptionStore} must pass: a subscription comes back equal to what was stored
 * (endpoint, event types, label selector and both secrets of a rotation), versions start at 1 and grow by one per
 * change, {@link SubscriptionStore#update} is a compare-and-set that refuses a stale version without writing (also
 * under concurrent read-modify-write loops: no update is lost), deletes free the id, and lists are ordered by id.
 *
 * <p>Extend it in a test and return a new, empty store; the kit closes it after each test. Not thread-safe; JUnit
 * creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class SubscriptionStoreCompatibilityKit {
  private final List<SubscriptionStore> opened = new ArrayList<>();

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract SubscriptionStore createStore();

  private SubscriptionStore store() {
    SubscriptionStore s = createStore();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(SubscriptionStore::close);
  }

  private static WebhookSecret secret(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return WebhookSecret.ofBytes(key);
  }

  private static Subscription sub(String id, Map<String, String> labels) {
    return new Subscription(id, URI.create("https://hooks.example.com/" + id + "?q=a%20b"),
        Set.of(EventType.BUDGET_THRESHOLD, EventType.ANOMALY_DETECTED), labels, List.of(secret(id.length())));
  }

  @Test
  void save_addsAtVersionOne_andEachSaveAddsOne() {
    SubscriptionStore store = store();
    Subscription s = sub("s-1", Map.of("team", "data-é"));
    assertThat(store.save(s)).isEqualTo(new StoredSubscription(s, 1));
    Subscription rotated = s.rotate(secret(99));
    assertThat(store.save(rotated).version()).isEqualTo(2);
    StoredSubscription found = store.find("s-1").orElseThrow();
    assertThat(found.version()).isEqualTo(2);
    assertThat(found.subscription()).isEqualTo(rotated);
    assertThat(found.subscription().secrets()).containsExactly(secret(3), secret(99));
    assertThat(store.find("other")).isEmpty();
  }

  @Test
  void roundTrip_keepsEveryField() {
    SubscriptionStore store = store();
    Subscription all = Subscription.toAll("all", URI.create("http://127.0.0.1:8080/x"), secret(7));
    Subscription some = sub("some", Map.of("env", "prod", "cost-center", "42 / ü"));
    store.save(all);
    store.save(some);
    assertThat(store.find("all").orElseThrow().subscription()).isEqualTo(all);
    assertThat(store.find("some").orElseThrow().subscription()).isEqualTo(some);
  }

  @Test
  void update_isCompareAndSet_onTheVersion() {
    SubscriptionStore store = store();
    Subscription v1 = sub("s", Map.of());
    assertThat(store.update(v1, 0).version()).as("0 creates").isEqualTo(1);
    assertThatThrownBy(() -> store.update(v1, 0)).as("0 refuses to overwrite")
        .isInstanceOfSatisfying(SubscriptionConflictException.class, e -> {
          assertThat(e.subscriptionId()).isEqualTo("s");
          assertThat(e.expectedVersion()).isZero();
          assertThat(e.actualVersion()).isEqualTo(1);
        });
    Subscription v2 = sub("s", Map.of("k", "v"));
    assertThat(store.update(v2, 1)).isEqualTo(new StoredSubscription(v2, 2));
    assertThatThrownBy(() -> store.update(sub("s", Map.of("stale", "yes")), 1))
        .isInstanceOf(SubscriptionConflictException.class);
    assertThat(store.find("s").orElseThrow()).as("a refused update writes nothing")
        .isEqualTo(new StoredSubscription(v2, 2));
    assertThatThrownBy(() -> store.update(sub("absent", Map.of()), 3))
        .isInstanceOfSatisfying(SubscriptionConflictException.class, e -> assertThat(e.actualVersion()).isZero());
    assertThat(store.find("absent")).isEmpty();
    assertThatThrownBy(() -> store.update(v2, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
  }

  @Test
  void delete_removes_andFreesTheId() {
    SubscriptionStore store = store();
    store.save(sub("s", Map.of()));
    store.save(sub("s", Map.of()));
    assertThat(store.delete("s")).isTrue();
    assertThat(store.delete("s")).isFalse();
    assertThat(store.find("s")).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.update(sub("s", Map.of()), 0).version()).as("a deleted id starts again at 1").isEqualTo(1);
  }

  @Test
  void list_isOrderedById_andASnapshot() {
    SubscriptionStore store = store();
    for (String id : List.of("c", "a", "b-2", "b-10")) {
      store.save(sub(id, Map.of()));
    }
    List<StoredSubscription> list = store.list();
    assertThat(list).extracting(StoredSubscription::id).containsExactly("a", "b-10", "b-2", "c");
    store.delete("a");
    assertThat(list).hasSize(4);
    assertThat(store.list()).hasSize(3);
  }

  @Test
  void concurrentReadModifyWrite_losesNoUpdate() throws Exception {
    SubscriptionStore store = store();
    store.save(sub("counter", Map.of("n", "0")));
    int threads = 4;
    int perThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(() -> {
          int conflicts = 0;
          for (int i = 0; i < perThread; i++) {
            while (true) {
              StoredSubscription cur = store.find("counter").orElseThrow();
              Map<String, String> labels = new HashMap<>(cur.subscription().labelSelector());
              labels.put("n", Integer.toString(Integer.parseInt(labels.get("n")) + 1));
              try {
                store.update(sub("counter", labels), cur.version());
                break;
              } catch (SubscriptionConflictException e) {
                conflicts++;
              }
            }
          }
          return conflicts;
        });
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
    StoredSubscription end = store.find("counter").orElseThrow();
    assertThat(end.subscription().labelSelector()).containsEntry("n", Integer.toString(threads * perThread));
    assertThat(end.version()).isEqualTo(1 + threads * perThread);
  }
}
