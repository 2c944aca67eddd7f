package io.stratus.finops.spi;

import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Issue 10: records handed to an appender that is never closed must not vanish quietly. */
class Issue10AppenderTest {
  private static final CostQuery ALL = CostQuery.builder().build();

  @Test
  void query_onThreadHoldingAnOpenAppender_failsNamingTheAppender() {
    CostStore store = CostStore.inMemory();
    CostStore.Appender appender = store.appender("cur");
    appender.accept(usage("EC2", "i-1", "1.00", at("2025-01-02T00:00:00Z")).build());
    assertThatThrownBy(() -> store.query(ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("source 'cur'")
        .hasMessageContaining("1 uncommitted record")
        .hasMessageContaining("try-with-resources");
    assertThatThrownBy(() -> store.scan(ALL, (s, r) -> {})).isInstanceOf(IllegalStateException.class);
    appender.close();
    assertThat(store.query(ALL).totals().get("USD")).isEqualByComparingTo("1.00");
  }

  @Test
  void query_onAnotherThread_seesTheCommittedStateWhileALoadRuns() {
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender appender = store.appender("cur")) {
      appender.accept(usage("EC2", "i-1", "1.00", at("2025-01-02T00:00:00Z")).build());
      CostQueryResult other = CompletableFuture.supplyAsync(() -> store.query(ALL)).join();
      assertThat(other.rows()).isEmpty();
    }
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void tryWithResources_makesEveryRecordVisible() {
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender appender = store.appender("cur")) {
      for (int i = 0; i < 3; i++) {
        appender.accept(usage("EC2", "i-" + i, "2.50", at("2025-01-02T00:00:00Z")).build());
      }
    }
    assertThat(store.query(ALL).totals().get("USD")).isEqualByComparingTo("7.50");
  }
}
