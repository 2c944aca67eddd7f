package io.stratus.samples;

import io.stratus.adapters.jdbc.CostRowLayout;
import io.stratus.adapters.jdbc.JdbcStores;
import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.adapters.webhooks.StoredSubscription;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.finops.budget.ApprovalEvent;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetStore;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.Watermark;
import io.stratus.model.Money;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.simulation.store.ScenarioResultRecord;
import io.stratus.simulation.store.ScenarioResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Keeps Stratus's state in a database instead of memory: opens the JDBC stores over an H2 database (any JDBC {@link
 * DataSource} works; PostgreSQL is the production choice), which applies the shipped schema migrations, then loads a
 * month of cost records, queries cost by service, records the billing watermark, moves an approval request with a
 * compare-and-set, appends to the hash-chained audit log and verifies it, keeps a budget, keeps a webhook subscription
 * (its signing secret encrypted at rest) and publishes an event into the database outbox through a {@link
 * WebhookDispatcher}, and stores a scenario result with its seeds and CSV/JSON outputs.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.JdbcStoresSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JdbcStoresSample {

  private JdbcStoresSample() {}

  /**
   * What the sample stored and read back.
   *
   * @param schemaVersion the schema version the migrations brought the database to
   * @param costByService billed cost per service for the month, from the database
   * @param records how many cost records the database holds
   * @param watermark the billing watermark read back
   * @param approval the approval request's state after the decision
   * @param auditIntact whether the audit log verified
   * @param budget the budget read back from the budget store
   * @param subscriptionVersion the webhook subscription's version after its secret rotation (2)
   * @param pendingDeliveries deliveries waiting in the database outbox after the publish
   * @param scenarioSeeds the replication seeds of the scenario result read back
   * @param scenarioOutputs the names of the scenario result's stored outputs
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(int schemaVersion, Map<String, BigDecimal> costByService, long records, String watermark,
      ApprovalRequest.State approval, boolean auditIntact, Budget budget, long subscriptionVersion,
      int pendingDeliveries, List<Long> scenarioSeeds, Set<String> scenarioOutputs) {}

  /**
   * Runs the sample against a new in-memory H2 database.
   *
   * @return what was stored and read back; never null
   */
  public static Result run() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:stratus-sample-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return run(h2);
  }

  /**
   * Runs the sample against a database the host provides (it creates or upgrades the {@code stratus_*} tables).
   *
   * @param dataSource the database; never null
   * @return what was stored and read back; never null
   */
  public static Result run(DataSource dataSource) {
    JdbcStores stores = JdbcStores.open(dataSource);

    BillingPeriod march = BillingPeriod.of(YearMonth.of(2025, 3));
    List<CostRecord> lines = new ArrayList<>();
    String[] services = {"AmazonEC2", "AmazonS3", "AmazonRDS"};
    for (int day = 0; day < 31; day++) {
      for (int s = 0; s < services.length; s++) {
        Instant start = march.start().plusSeconds(86_400L * day);
        lines.add(CostRecord.builder().allCosts(new BigDecimal((s + 1) * 10 + ".25"))
            .billingCurrency(Currency.getInstance("USD")).chargeCategory(ChargeCategory.USAGE)
            .chargePeriod(start, start.plusSeconds(86_400)).billingPeriod(march).providerName("AWS")
            .billingAccountId("123456789012").serviceName(services[s]).serviceCategory("Compute")
            .resourceId("res-" + s).build());
      }
    }
    // COLUMNS: every FOCUS column in its own SQL column, so the host's SQL/BI tools can read the stratus_cost_focus
    // view; costStore() (PACKED) writes faster on PostgreSQL but only the store can read those rows
    CostStore costs = stores.costStore(CostRowLayout.COLUMNS);
    costs.write("cur", march, BillingBatch.Mode.REPLACE_PERIOD, lines); // one transaction: all or nothing
    Map<String, BigDecimal> byService = new LinkedHashMap<>();
    for (CostRow row : costs.query(CostQuery.builder().groupBy(Dimension.SERVICE).build()).rows()) {
      byService.put(row.key().get(0), row.amount());
    }
    stores.watermarkStore().put("cur", march, Watermark.of("etag-2025-03-v1"));

    ApprovalStore approvals = stores.approvalStore();
    Instant now = Instant.parse("2025-03-15T09:00:00Z");
    ApprovalRequest request = new ApprovalRequest(approvals.nextId(), "team-search", "gpu-training",
        Money.of("1800.00", "USD"), "alice", "quarterly retrain", now, now.plusSeconds(86_400),
        ApprovalRequest.State.PENDING,
        List.of(new ApprovalEvent(now, "alice", null, ApprovalRequest.State.PENDING, "quarterly retrain")));
    approvals.insert(request);
    ApprovalRequest approved =
        request.transition(ApprovalRequest.State.APPROVED, now.plusSeconds(600), "bob", "within budget");
    approvals.replace(request, approved); // compare-and-set: a second decider would get false

    boolean intact;
    byte[] key = "sample-checkpoint-key-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    try (AuditLog audit = stores.auditLog(key, 100)) {
      audit.append(AuditEvent.builder().at(now.plusSeconds(600)).actor("bob").action("approval.decide")
          .resource("approval/" + request.id()).origin("10.0.0.7").outcome(AuditEvent.Outcome.SUCCESS).build());
      intact = audit.verify().intact();
    }

    BudgetStore budgets = stores.budgetStore();
    budgets.put(Budget.builder("search-monthly", CostScope.total()).name("Search, monthly")
        .amount(Money.of("2500.00", "USD")).threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY))
        .build());

    int pending;
    long subscriptionVersion;
    @Nullable Path keyDir = null;
    try {
      // the subscription store encrypts signing secrets with the host's key provider (here a local key store file)
      keyDir = Files.createTempDirectory("stratus-sample-keys");
      EnvelopeCipher cipher = EnvelopeCipher.of(LocalKeyManagementProvider.open(keyDir.resolve("keys.p12"),
          "sample passphrase, keep it in a vault".toCharArray(), InstantSource.fixed(now)));
      SubscriptionStore subscriptions = stores.subscriptionStore(cipher);
      Outbox outbox = stores.webhookOutbox(Duration.ofMinutes(5));
      WebhookDispatcher dispatcher = WebhookDispatcher.builder(outbox, InstantSource.fixed(now))
          .subscriptionStore(subscriptions).build();
      SecureRandom random = new SecureRandom();
      StoredSubscription stored = dispatcher.subscribe(Subscription.toAll("finance-hook",
          URI.create("https://hooks.example.com/stratus"), WebhookSecret.generate(random)));
      // a secret rotation as a compare-and-set on the version: a host that raced us would get a conflict
      subscriptionVersion = subscriptions.update(stored.subscription().rotate(WebhookSecret.generate(random)),
          stored.version()).version();
      dispatcher.publish(Events.budgetThreshold("evt-1", URI.create("/stratus/sample"), now, "search-monthly", 80,
          "actual", Money.of("2000.00", "USD"), Money.of("2500.00", "USD"), Map.of("team", "search")));
      pending = (int) outbox.entries("evt-1").stream().filter(e -> e.state() == OutboxEntry.State.PENDING).count();
      outbox.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sample's key store folder", e);
    } finally {
      deleteQuietly(keyDir);
    }

    ScenarioResultStore scenarios = stores.scenarioResultStore();
    List<RunResult> runs = new ArrayList<>();
    for (int replication = 0; replication < 3; replication++) {
      runs.add(new RunResult("sample", SchedulerKind.COST_AWARE, replication, 1000L + replication, 10, 9, 0, 1, 1, 0,
          0, 0, 0, new BigDecimal("41.50").add(BigDecimal.valueOf(replication)), Map.of("aws",
              new BigDecimal("41.50").add(BigDecimal.valueOf(replication)))));
    }
    scenarios.store(ScenarioResultRecord.of("sample-run", new ScenarioEngine.SweepResult(0, Map.of("jobs", "10"),
        runs, ScenarioEngine.compare(runs, 0.95))));
    ScenarioResultRecord result = scenarios.load("sample-run", 0).orElseThrow();

    return new Result(stores.schemaVersion(), byService, costs.size(),
        stores.watermarkStore().get("cur", march).orElseThrow().token(),
        approvals.find(request.id()).orElseThrow().state(), intact, budgets.find("search-monthly").orElseThrow(),
        subscriptionVersion, pending, result.result().runs().stream().map(RunResult::seed).toList(),
        result.outputs().keySet());
  }

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder; the OS cleans it up
    }
  }

  /**
   * Prints the result.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Result r = run();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("schema version " + r.schemaVersion() + ", " + r.records() + " cost records in the database");
    r.costByService().forEach((service, cost) -> out.println("  " + service + ": " + cost + " USD"));
    out.println("watermark " + r.watermark() + ", approval " + r.approval() + ", audit log intact: "
        + r.auditIntact());
    out.println("budget " + r.budget().id() + " " + r.budget().fixedAmount().orElseThrow() + "; webhook subscription at version "
        + r.subscriptionVersion() + ", " + r.pendingDeliveries() + " delivery pending in the database outbox");
    out.println("scenario result seeds " + r.scenarioSeeds() + ", outputs " + r.scenarioOutputs());
  }
}
