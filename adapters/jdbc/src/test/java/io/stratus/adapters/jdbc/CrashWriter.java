package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.DeliveryAttempt;
import io.stratus.adapters.webhooks.DeliveryKey;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The writer JVM of {@link CrashSafetyTest}: writes forever until killed, printing "BEGIN" before each operation and
 * "ACK" only after the store returned (i.e. after the commit). Modes: {@code costs} (write(REPLACE_PERIOD) batches
 * of a new source each), {@code appender} (bulk loads), {@code rewrite} (one
 * packed batch, then rewritten into columns, packed, columns, ... one transaction each), {@code approvals} (insert, then approve, per request),
 * {@code outbox} (enqueue an event to {@value #SUBSCRIPTIONS} subscriptions, claim it, record each delivery).
 */
final class CrashWriter {
  static final BillingPeriod PERIOD = BillingPeriod.of(YearMonth.of(2025, 4));
  static final int BATCH = 20_000;
  static final int SUBSCRIPTIONS = 5;
  static final Instant OUTBOX_T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofHours(1);

  private CrashWriter() {}

  /** The deterministic batch number k: {@link #BATCH} records whose billed costs are 0.01 * (1..BATCH) + k. */
  static List<CostRecord> batch(int k) {
    Random rnd = new Random(k);
    List<CostRecord> out = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      Instant start = PERIOD.start().plusSeconds(3600L * rnd.nextInt(24 * 29));
      out.add(CostRecord.builder().allCosts(BigDecimal.valueOf(i + 1, 2).add(BigDecimal.valueOf(k)))
          .billingCurrency(Currency.getInstance("USD")).chargeCategory(ChargeCategory.USAGE)
          .chargePeriod(start, start.plusSeconds(3600)).billingPeriod(PERIOD).providerName("Crash")
          .billingAccountId("acct").serviceCategory("Compute").serviceName("svc-" + (i % 7)).resourceId("r-" + i).lineItemId(k + "-" + i)
          .build());
    }
    return out;
  }

  static BigDecimal batchSum(int k) {
    // sum of 0.01 * (1..n) + n * k
    long n = BATCH;
    return BigDecimal.valueOf(n * (n + 1) / 2, 2).add(BigDecimal.valueOf(n * k));
  }

  public static void main(String[] args) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(args[0]);
    String mode = args[1];
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcStores stores = JdbcStores.open(ds);
    switch (mode) {
      case "costs" -> {
        CostStore store = stores.costStore();
        for (int k = 0; ; k++) {
          List<CostRecord> b = batch(k);
          out.println("BEGIN " + k);
          store.write("src-" + k, PERIOD, BillingBatch.Mode.REPLACE_PERIOD, b);
          out.println("ACK " + k);
        }
      }
      case "appender" -> {
        CostStore store = stores.costStore();
        for (int k = 0; ; k++) {
          List<CostRecord> b = batch(k);
          out.println("BEGIN " + k);
          try (CostStore.Appender a = store.appender("bulk-" + k)) {
            b.forEach(a);
          }
          out.println("ACK " + k);
        }
      }
      case "rewrite" -> {
        stores.costStore().write("src-0", PERIOD, BillingBatch.Mode.REPLACE_PERIOD, batch(0));
        for (int k = 0; ; k++) {
          CostRowLayout layout = k % 2 == 0 ? CostRowLayout.COLUMNS : CostRowLayout.PACKED;
          out.println("BEGIN " + k);
          stores.rewriteCostRows(layout, PERIOD);
          out.println("ACK " + k);
        }
      }
      case "approvals" -> {
        ApprovalStore store = stores.approvalStore();
        Instant t0 = Instant.parse("2025-04-01T00:00:00Z");
        for (int k = 0; ; k++) {
          String id = store.nextId();
          ApprovalRequest r = new ApprovalRequest(id, "b", "k" + k, Money.of("12.50", "USD"), "alice", "why", t0,
              t0.plusSeconds(3600), ApprovalRequest.State.PENDING,
              List.of(new io.stratus.finops.budget.ApprovalEvent(t0, "alice", null, ApprovalRequest.State.PENDING,
                  "why")));
          out.println("BEGIN insert " + id);
          store.insert(r);
          out.println("ACK insert " + id);
          ApprovalRequest approved = r.transition(ApprovalRequest.State.APPROVED, t0.plusSeconds(5), "bob", "ok");
          out.println("BEGIN approve " + id);
          if (!store.replace(r, approved)) {
            throw new IllegalStateException("nobody else decides " + id);
          }
          out.println("ACK approve " + id);
        }
      }
      case "outbox" -> {
        Outbox box = stores.webhookOutbox(LEASE);
        for (int k = 0; ; k++) {
          List<OutboxEntry> entries = new ArrayList<>();
          for (int s = 0; s < SUBSCRIPTIONS; s++) {
            entries.add(OutboxEntry.pending(new DeliveryKey("e-" + k, "s" + s),
                ("{\"id\":\"e-" + k + "\"}").getBytes(StandardCharsets.UTF_8), OUTBOX_T0));
          }
          out.println("BEGIN enqueue " + k);
          box.enqueue(entries);
          out.println("ACK enqueue " + k);
          List<OutboxEntry> claimed = box.due(OUTBOX_T0, SUBSCRIPTIONS);
          if (claimed.size() != SUBSCRIPTIONS) {
            throw new IllegalStateException("claimed " + claimed + " for event e-" + k);
          }
          for (OutboxEntry e : claimed) {
            out.println("BEGIN record " + e.key());
            box.record(new DeliveryAttempt(e.key(), 1, OUTBOX_T0, DeliveryAttempt.Outcome.DELIVERED, 200, "", OUTBOX_T0));
            out.println("ACK record " + e.key());
          }
        }
      }
      default -> throw new IllegalArgumentException("mode must be costs, appender, rewrite, approvals or outbox, got "
          + mode);
    }
  }
}
