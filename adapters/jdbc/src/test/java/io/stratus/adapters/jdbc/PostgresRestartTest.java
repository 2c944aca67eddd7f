package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL server is crashed ({@code pg_ctl stop -m immediate}: no checkpoint, WAL recovery on start) and
 * restarted while a writer loads cost batches: the writer sees only retryable {@link JdbcStoreException}s, retries
 * the same idempotent batch, and in the end every batch is stored exactly once.
 */
class PostgresRestartTest {
  private static final int MAX_BATCHES = 200;

  @Test
  void serverCrashUnderLoad_typedRetryableErrorsThenRecoveryWithoutLoss() throws Exception {
    CostStore store = JdbcStores.open(Databases.postgres()).costStore();
    List<JdbcStoreException> errors = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    List<Integer> acked = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch twoAcked = new CountDownLatch(2);
    AtomicBoolean restarted = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      int afterRestart = 0;
      for (int k = 0; k < MAX_BATCHES; k++) {
        if (restarted.get() && afterRestart++ == 2) {
          return;
        }
        List<io.stratus.finops.focus.CostRecord> batch;
        try {
          batch = CrashWriter.batch(k);
        } catch (RuntimeException e) {
          unexpected.add(e);
          return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
          try {
            store.write("src-" + k, CrashWriter.PERIOD, BillingBatch.Mode.REPLACE_PERIOD, batch);
            acked.add(k);
            twoAcked.countDown();
            break;
          } catch (JdbcStoreException e) {
            errors.add(e);
            if (!e.retryable() || System.nanoTime() > deadline) {
              unexpected.add(e);
              return;
            }
            sleep(200);
          } catch (RuntimeException | Error e) {
            unexpected.add(e);
            return;
          }
        }
      }
    }, "restart-test-writer");
    writer.setDaemon(true);
    writer.start();
    assertThat(twoAcked.await(120, TimeUnit.SECONDS)).as("two batches acknowledged; writer failures: %s", unexpected)
        .isTrue();
    PostgresServer server = PostgresServer.get();
    server.stopServer("immediate");
    sleep(1_000);
    server.startServer();
    restarted.set(true);
    writer.join(TimeUnit.SECONDS.toMillis(180));
    assertThat(writer.isAlive()).isFalse();
    assertThat(unexpected).isEmpty();
    int batches = acked.size();
    assertThat(acked).containsExactlyElementsOf(java.util.stream.IntStream.range(0, batches).boxed().toList());
    assertThat(errors).as("the crash was seen as typed, retryable failures").isNotEmpty()
        .allSatisfy(e -> assertThat(e.retryable()).isTrue());
    assertThat(errors.get(0).getMessage()).contains("costStore.write failed", "retry");
    Map<String, CostRow> bySource = new HashMap<>();
    store.query(CostQuery.builder().groupBy(Dimension.SOURCE).build()).rows()
        .forEach(r -> bySource.put(r.key().get(0), r));
    assertThat(bySource).hasSize(batches);
    for (int k = 0; k < batches; k++) {
      assertThat(bySource.get("src-" + k).records()).isEqualTo(CrashWriter.BATCH);
      assertThat(bySource.get("src-" + k).amount()).isEqualByComparingTo(CrashWriter.batchSum(k));
    }
    assertThat(store.size()).isEqualTo((long) batches * CrashWriter.BATCH);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
