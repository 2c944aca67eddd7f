package io.stratus.samples;

import io.stratus.adapters.jdbc.JdbcStores;
import io.stratus.finops.budget.ApprovalEvent;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.Watermark;
import io.stratus.model.Money;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Keeps Stratus's state in a database instead of memory: opens the JDBC stores over an H2 database (any JDBC {@link
 * DataSource} works; PostgreSQL is the production choice), which applies the shipped schema migrations, then loads a
 * month of cost records, queries cost by service, records the billing watermark, moves an approval request with a
 * compare-and-set, and appends to the hash-chained audit log and verifies it.
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
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(int schemaVersion, Map<String, BigDecimal> costByService, long records, String watermark,
      ApprovalRequest.State approval, boolean auditIntact) {}

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
    CostStore costs = stores.costStore();
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
    return new Result(stores.schemaVersion(), byService, costs.size(),
        stores.watermarkStore().get("cur", march).orElseThrow().token(),
        approvals.find(request.id()).orElseThrow().state(), intact);
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
  }
}
