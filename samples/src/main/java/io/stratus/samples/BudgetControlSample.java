package io.stratus.samples;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.anomaly.RootCause;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.Approver;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.budget.BudgetPlacementFilter;
import io.stratus.finops.budget.BudgetStatus;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Budgets and spend controls with cost anomalies: two teams' daily cost in an in-memory cost store, a monthly budget
 * per team, the payments team over its budget, its next placement held for approval by the scheduler's budget filter
 * and placed once finance approves, and one cost anomaly with its root cause down team → account → service.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.BudgetControlSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BudgetControlSample {
  /** The sample's "now": every run prints the same report. */
  static final Instant NOW = Instant.parse("2026-06-21T09:00:00Z");
  static final Instant HISTORY = Instant.parse("2026-02-01T00:00:00Z");
  /** The day of the injected anomaly: a SageMaker burst in the search team's ML account. */
  static final Instant SPIKE = Instant.parse("2026-06-14T00:00:00Z");

  private BudgetControlSample() {}

  /**
   * What the sample produced, for tests and the main demo.
   *
   * @param statuses every budget's status before the placement
   * @param held the placement refused while approval is pending
   * @param request the approval request after its decision
   * @param placed the same placement after approval
   * @param anomaly the largest cost anomaly found
   */
  public record Result(List<BudgetStatus> statuses, Decision held, ApprovalRequest request, Decision placed,
      CostAnomaly anomaly) {}

  /**
   * Runs the sample and prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where the report goes; never null
   * @return what it produced; never null
   */
  public static Result run(PrintStream out) {
    // 1. Cost history: the host's billing data, here generated (see costs()).
    CostStore costs = costs();
    Clock clock = new Clock(NOW);

    // 2. Budgets per team with thresholds and controls; alerts go to a channel (here: printed).
    NotificationChannel printed = new NotificationChannel() {
      @Override
      public String id() {
        return "console";
      }

      @Override
      public void send(Notification n) {
        out.printf(Locale.ROOT, "  [%s] %s%n", n.severity(), n.title());
      }
    };
    BudgetManager budgets = BudgetManager.builder(costs, clock).channels(List.of(printed)).build();
    budgets.put(Budget.builder("payments-monthly", CostScope.of(Dimension.tag("team"), "payments"))
        .name("Payments monthly").amount(Money.of("1800", "USD"))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY))
        .threshold(Threshold.of(Threshold.Basis.FORECAST, 100, Threshold.Action.NOTIFY))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 100, Threshold.Action.REQUIRE_APPROVAL))
        .threshold(Threshold.of(Threshold.Basis.ACTUAL, 150, Threshold.Action.DENY_PLACEMENTS))
        .approverRoles(List.of("finance")).build());
    budgets.put(Budget.builder("search-monthly", CostScope.of(Dimension.tag("team"), "search"))
        .name("Search monthly").amount(Money.of("12000", "USD"))
        .threshold(Threshold.of(Threshold.Basis.FORECAST, 100, Threshold.Action.NOTIFY)).build());

    out.println("== Budgets on " + NOW + " ==");
    out.println("alerts:");
    budgets.evaluate();
    List<BudgetStatus> statuses = budgets.statuses();
    statuses.forEach(s -> out.println("  " + s.summary()));

    // 3. The scheduler consults the budgets through a filter plugin.
    EnhancedScheduler scheduler = EnhancedScheduler.builder()
        .pricing(BundledCatalog.load())
        .clock(clock)
        .filter(BudgetPlacementFilter.of(budgets, "scheduler"))
        .build();
    Workload worker = Workload.builder("payments-worker")
        .label(Workload.LABEL_TEAM, "payments")
        .demand(ResourceDemand.of(2, 8))
        .expectedDuration(Duration.ofDays(5))
        .build();
    out.println();
    out.println("== Placement of payments-worker ==");
    out.println("notifications:");
    Decision held = scheduler.schedule(worker);
    out.println("first attempt: " + (held.isPlaced() ? "placed" : "not placed") + "; why: "
        + held.explanation().rejectionSummary());
    ApprovalRequest pending = budgets.requests().get(0);
    clock.now = NOW.plus(Duration.ofHours(2));
    out.println("notifications:");
    ApprovalRequest approved = budgets.approve(pending.id(), new Approver("fiona", Set.of("finance")),
        "checkout launch; over-run agreed with the CFO");
    approved.history().forEach(e -> out.printf(Locale.ROOT, "  history: %s %s %s -> %s (%s)%n", e.at(), e.actor(),
        e.from() == null ? "-" : e.from(), e.to(), e.reason()));
    Decision placed = scheduler.schedule(worker);
    out.println("after approval: " + (placed.isPlaced()
        ? "placed on " + placed.candidate().orElseThrow().id() + " at "
            + placed.hourlyCost().orElseThrow().amount().setScale(4, RoundingMode.HALF_EVEN) + " USD/h"
        : "not placed: " + placed.reasons()));

    // 4. Cost anomalies of the whole bill, with root causes down team -> account -> service.
    CostAnomalyMonitor monitor = CostAnomalyMonitor.builder("total", CostScope.total())
        .drillDown(List.of(Dimension.tag("team"), Dimension.SUB_ACCOUNT, Dimension.SERVICE))
        .minImpact(new BigDecimal("100"))
        .historyStart(HISTORY)
        .build();
    List<CostAnomaly> found = monitor.evaluate(costs, NOW);
    CostAnomaly top = found.stream().max(Comparator.comparing(a -> a.impact().amount().abs())).orElseThrow();
    out.println();
    out.println("== Cost anomalies (" + found.size() + " found; the largest) ==");
    out.println(top.summary());
    top.points().forEach(p -> out.printf(Locale.ROOT, "  %s actual %s, expected %s, band [%s, %s]%n",
        p.bucketStart().atZone(ZoneOffset.UTC).toLocalDate(), p.actual().setScale(2, RoundingMode.HALF_EVEN),
        p.expected(), p.lower(), p.upper()));
    for (RootCause c : top.rootCauses()) {
      out.printf(Locale.ROOT, "  root cause %s: %.0f%% of the deviation (actual %s, expected %s)%n", c.label(),
          100 * c.share(), c.actual().setScale(2, RoundingMode.HALF_EVEN), c.expected());
    }
    return new Result(statuses, held, approved, placed, top);
  }

  /**
   * Daily cost of two teams from {@link #HISTORY} to the day before {@link #NOW}: payments (EC2 and RDS in one
   * account) grows from 70 to 130 a day on 2026-06-08 (a launch), search (EC2 in one account, SageMaker in another)
   * has a SageMaker burst on {@link #SPIKE}; weekends cost less; 3% noise, seeded.
   */
  static CostStore costs() {
    CostStore store = CostStore.inMemory();
    Random rnd = new Random(2026);
    Instant launch = Instant.parse("2026-06-08T00:00:00Z");
    Instant end = NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    try (CostStore.Appender a = store.appender("billing")) {
      for (Instant day = HISTORY; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
        int dow = day.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
        double week = dow >= 6 ? 0.75 : 1.0;
        double payments = day.isBefore(launch) ? 70 : 130;
        a.accept(record(day, "payments", "111111111111", "Amazon EC2", 0.7 * payments * week, rnd));
        a.accept(record(day, "payments", "111111111111", "Amazon RDS", 0.3 * payments * week, rnd));
        a.accept(record(day, "search", "222222222222", "Amazon EC2", 260 * week, rnd));
        a.accept(record(day, "search", "333333333333", "Amazon SageMaker",
            120 * week + (day.equals(SPIKE) ? 900 : 0), rnd));
      }
    }
    return store;
  }

  private static CostRecord record(Instant day, String team, String account, String service, double cost,
      Random rnd) {
    BigDecimal amount = BigDecimal.valueOf(cost * (1 + 0.03 * rnd.nextGaussian())).setScale(2, RoundingMode.HALF_EVEN);
    return CostRecord.builder()
        .allCosts(amount)
        .billingCurrency(Money.USD)
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(day, day.plus(Duration.ofDays(1)))
        .billingPeriod(BillingPeriod.of(YearMonth.from(day.atZone(ZoneOffset.UTC))))
        .providerName("AWS")
        .billingAccountId("999999999999")
        .subAccountId(account)
        .serviceName(service)
        .serviceCategory("Compute")
        .resourceId(team + "-" + service)
        .tag("team", team)
        .build();
  }

  /** A settable clock: the sample moves time forward for the approval. */
  private static final class Clock implements InstantSource {
    private Instant now;

    Clock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
