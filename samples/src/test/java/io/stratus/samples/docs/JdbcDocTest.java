package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.jdbc.CostRowLayout;
import io.stratus.adapters.jdbc.CostRowRewrite;
import io.stratus.adapters.jdbc.JdbcStores;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.finops.budget.BudgetStore;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.simulation.store.ScenarioResultStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/jdbc.md, run on an in-memory H2 database. */
class JdbcDocTest {

  @Test
  void openEveryStore() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:jdbc-doc;DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    byte[] checkpointKey = "a checkpoint key of 32 bytes ...".getBytes(StandardCharsets.US_ASCII);
    java.util.concurrent.Executor copyExecutor = Runnable::run;
    java.nio.file.Path keyDir = java.nio.file.Files.createTempDirectory("jdbc-doc-keys");
    io.stratus.security.crypto.EnvelopeCipher cipher = io.stratus.security.crypto.EnvelopeCipher.of(
        io.stratus.security.crypto.LocalKeyManagementProvider.open(keyDir.resolve("keys.p12"),
            "doc test passphrase".toCharArray(), java.time.InstantSource.fixed(java.time.Instant.EPOCH)));
    // tag::open[]
    JdbcStores stores = JdbcStores.open(dataSource);   // applies the shipped migrations first
    CostStore costs = stores.costStore();               // COPY on PostgreSQL, JDBC batches on H2
    WatermarkStore watermarks = stores.watermarkStore();
    ApprovalStore approvals = stores.approvalStore();
    AlertStore alerts = stores.alertStore();
    AlertHistoryStore history = stores.alertHistoryStore();
    ApiKeyStore apiKeys = stores.apiKeyStore();
    AuditLog audit = stores.auditLog(checkpointKey, 1000);
    BudgetStore budgets = stores.budgetStore();
    Outbox outbox = stores.webhookOutbox(Duration.ofMinutes(5));   // claims leased for 5 minutes
    MetricStore metrics = stores.metricStore(Duration.ofMinutes(10));   // out-of-order window
    SubscriptionStore subscriptions = stores.subscriptionStore(cipher);   // signing secrets encrypted at rest
    ScenarioResultStore scenarios = stores.scenarioResultStore();
    CostStore pipelined = stores.costStore(copyExecutor);   // COPY pieces sent while the next is encoded
    CostStore queryable = stores.costStore(CostRowLayout.COLUMNS);   // every FOCUS column in its own SQL column
    // end::open[]
    assertThat(costs.query(CostQuery.builder().build()).rows()).isEmpty();
    assertThat(audit.verify().intact()).isTrue();
    assertThat(java.util.List.of(watermarks, approvals, alerts, history, apiKeys, metrics, budgets)).doesNotContainNull();
    assertThat(outbox.nextDue()).isEmpty();
    assertThat(subscriptions.list()).isEmpty();
    assertThat(scenarios.runIds()).isEmpty();
    assertThat(pipelined.size()).isZero();
    assertThat(queryable.size()).isZero();
    audit.close();
    outbox.close();
  }

  @Test
  void switchLayouts() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:jdbc-doc-rewrite;DB_CLOSE_DELAY=-1");
    JdbcStores stores = JdbcStores.open(h2);
    // tag::rewrite[]
    CostStore costs = stores.costStore(CostRowLayout.COLUMNS);   // 1. new rows go in as columns
    CostRowRewrite done = stores.rewriteCostRows(CostRowLayout.COLUMNS,   // 2. then move the stored ones
        Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    // done.periods() billing periods, one transaction each; done.rewritten() rows moved. Idempotent: after a
    // failure, call it again.
    // end::rewrite[]
    assertThat(done).isEqualTo(new CostRowRewrite(CostRowLayout.COLUMNS, 0, 0));
    assertThat(costs.size()).isZero();
  }
}
