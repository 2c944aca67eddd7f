package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.model.Money;
import org.junit.jupiter.api.Test;

class JdbcStoresSampleTest {
  @Test
  void run_storesAndReadsBackFromTheDatabase() {
    JdbcStoresSample.Result r = JdbcStoresSample.run();
    assertThat(r.schemaVersion()).isPositive();
    assertThat(r.records()).isEqualTo(93);
    assertThat(r.costByService()).containsOnlyKeys("AmazonEC2", "AmazonRDS", "AmazonS3");
    assertThat(r.costByService().get("AmazonEC2")).isEqualByComparingTo("317.75");
    assertThat(r.watermark()).isEqualTo("etag-2025-03-v1");
    assertThat(r.approval()).isEqualTo(ApprovalRequest.State.APPROVED);
    assertThat(r.auditIntact()).isTrue();
    assertThat(r.budget().name()).isEqualTo("Search, monthly");
    assertThat(r.budget().fixedAmount()).contains(Money.of("2500.00", "USD"));
    assertThat(r.subscriptionVersion()).isEqualTo(2);
    assertThat(r.pendingDeliveries()).isEqualTo(1);
    assertThat(r.scenarioSeeds()).containsExactly(1000L, 1001L, 1002L);
    assertThat(r.scenarioOutputs()).containsExactly("runs.csv", "sweep.csv", "sweep.json");
  }
}
