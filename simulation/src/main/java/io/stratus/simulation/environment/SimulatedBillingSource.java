package io.stratus.simulation.environment;

import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A finops {@link BillingSource} over a simulation's exact usage ({@link EnvironmentSimulator#usage()}): one FOCUS
 * {@link CostRecord} per machine and calendar month (UTC) it ran in. ProviderName is the cloud, ServiceName and
 * ServiceCategory {@code Compute}, ResourceId the machine, SkuId the instance type, PricingCategory {@code Standard} or
 * {@code Dynamic} (spot), ChargeCategory Usage, PricingUnit {@code Hours}, tags the machine's labels (team,
 * workload...). Billed, effective, list and contracted cost are the simulator's cost after the provider's {@link
 * BillingRule}: a machine that spans months is split in proportion to its running time in each, the rounding or
 * minimum charge falls in its last month, and the parts add up exactly to {@link UsageRecord#cost()}. The charge
 * period is the running interval of the month, widened to whole seconds (FOCUS date/times are whole seconds).
 *
 * <p>Commitments ({@link #of(String, EnvironmentSimulator)}, {@link CommitmentCharge}) are billed the way FOCUS 1.2
 * describes provider-amortized data: upfront and recurring fees are ChargeCategory {@code Purchase} records (billed
 * cost the fee, effective cost 0); usage a commitment covered is a {@code Usage} record with PricingCategory {@code
 * Committed}, CommitmentDiscountStatus {@code Used}, billed cost 0 and effective cost its share of the amortized
 * commitment (list cost: what it would have cost on demand), and the machine's on-demand record keeps only the rest;
 * the commitment no usage consumed is a {@code Usage} record with status {@code Unused}, billed cost 0. Every
 * commitment record carries CommitmentDiscountId, Name, Category ({@code Usage} or {@code Spend}), Type, Quantity and
 * Unit ({@code Hours} or {@code USD}). So total effective cost = amortized commitment + on-demand usage, and total
 * billed cost = fees + on-demand usage; finops' {@code Amortizer} leaves these records as they are.
 *
 * <p>Batches are {@link BillingBatch.Mode#REPLACE_PERIOD}: each fetch returns the whole month as billed so far, and the
 * watermark is a fingerprint of that content, so a fetch with the returned watermark is empty until the simulation
 * moves on (a running machine keeps accruing cost).
 *
 * <p>Thread-safe if the usage supplier is (the simulator's is).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SimulatedBillingSource implements BillingSource {
  private static final Currency USD = Currency.getInstance("USD");
  private static final int SCALE = 10;

  private final String id;
  private final Supplier<List<UsageRecord>> usage;
  private final Supplier<List<CommitmentCharge>> charges;

  private SimulatedBillingSource(String id, Supplier<List<UsageRecord>> usage,
      Supplier<List<CommitmentCharge>> charges) {
    this.id = id;
    this.usage = usage;
    this.charges = charges;
  }

  /**
   * The {@code simulated} source found through {@link java.util.ServiceLoader}: the billing of the shared demo
   * environment (the same one the ServiceLoader-registered simulated pricing and inventory providers show), built on
   * the first fetch. {@link io.stratus.spi.ProviderRegistry#load} holds it back until the host opts in ({@link
   * #isSimulated()}). Hosts that drive their own simulation use {@link #of}.
   */
  public SimulatedBillingSource() {
    this("simulated", () -> DemoEnvironment.get().usage(), List::of);
  }

  /**
   * A source over a simulator's usage.
   *
   * @param id the source id, e.g. {@code simulated}; never blank
   * @param usage what to bill, usually {@code simulator::usage}; never null, must not return null
   * @return the source; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static SimulatedBillingSource of(String id, Supplier<List<UsageRecord>> usage) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(usage, "usage");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
    }
    return new SimulatedBillingSource(id, usage, List::of);
  }

  /**
   * A source over a simulator's usage and commitments ({@link EnvironmentSimulator#usage()} and {@link
   * EnvironmentSimulator#commitmentCharges()}).
   *
   * @param id the source id, e.g. {@code simulated}; never blank
   * @param environment the simulator; never null
   * @return the source; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static SimulatedBillingSource of(String id, EnvironmentSimulator environment) {
    Objects.requireNonNull(environment, "environment");
    return of(id, environment::usage, environment::commitmentCharges);
  }

  /**
   * A source over usage and commitment charges. Covered usage ({@link CommitmentCharge.Kind#USED}) is taken off the
   * machine's on-demand record of the month.
   *
   * @param id the source id; never blank
   * @param usage what to bill; never null, must not return null
   * @param charges the commitment charges; never null, must not return null
   * @return the source; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static SimulatedBillingSource of(String id, Supplier<List<UsageRecord>> usage,
      Supplier<List<CommitmentCharge>> charges) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(charges, "charges");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
    }
    return new SimulatedBillingSource(id, usage, charges);
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Always true: the data comes from a simulation, so {@link io.stratus.spi.ProviderRegistry#load} holds the
   * ServiceLoader-registered instance back until the host opts in.
   *
   * @return true
   */
  @Override
  public boolean isSimulated() {
    return true;
  }

  @Override
  public String description() {
    return "FOCUS billing of simulated machines (exact cost after each provider's billing rule)";
  }

  @Override
  public List<BillingPeriod> billingPeriods(Instant asOf) {
    Objects.requireNonNull(asOf, "asOf");
    TreeSet<BillingPeriod> periods = new TreeSet<>();
    for (CostRecord r : allRecords()) {
      BillingPeriod p = BillingPeriod.of(r);
      if (p.start().isBefore(asOf)) {
        periods.add(p);
      }
    }
    return List.copyOf(periods);
  }

  @Override
  public BillingBatch fetch(BillingPeriod period, Watermark since) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(since, "since");
    List<CostRecord> out = new ArrayList<>();
    for (CostRecord r : allRecords()) {
      if (BillingPeriod.of(r).equals(period)) {
        out.add(r);
      }
    }
    Watermark mark = Watermark.of(fingerprint(out));
    if (mark.equals(since)) {
      return new BillingBatch(period, BillingBatch.Mode.UPSERT, List.of(), mark);
    }
    return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, out, mark);
  }

  /**
   * The FOCUS records of all usage, every period, in usage order.
   *
   * @return the records; never null
   * @throws ProviderException if the usage supplier fails
   */
  public List<CostRecord> allRecords() {
    List<CommitmentCharge> cs = commitmentCharges();
    Map<String, Map<BillingPeriod, BigDecimal>> coveredOnDemand = new HashMap<>();
    for (CommitmentCharge c : cs) {
      if (c.kind() == CommitmentCharge.Kind.USED) {
        coveredOnDemand.computeIfAbsent(c.vmId(), k -> new HashMap<>())
            .merge(periodOf(c.start()), c.onDemandCost(), BigDecimal::add);
      }
    }
    List<CostRecord> out = new ArrayList<>();
    for (UsageRecord u : records()) {
      Map<BillingPeriod, BigDecimal> covered = coveredOnDemand.get(u.vmId());
      BigDecimal carry = BigDecimal.ZERO;
      for (Slice s : slices(u)) {
        if (covered == null) {
          out.add(toRecord(u, s));
          continue;
        }
        // on-demand part: the slice less the covered time's on-demand cost (a rounding excess moves to the next month)
        BigDecimal take = covered.getOrDefault(s.period, BigDecimal.ZERO).add(carry);
        BigDecimal left = s.cost.subtract(take);
        carry = left.signum() < 0 ? left.negate() : BigDecimal.ZERO;
        left = left.max(BigDecimal.ZERO);
        if (left.signum() > 0) {
          BigDecimal hours = s.cost.signum() == 0 ? s.hours
              : s.hours.multiply(left).divide(s.cost, SCALE, RoundingMode.HALF_EVEN);
          out.add(toRecord(u, new Slice(s.period, s.start, s.end, left, hours)));
        }
      }
    }
    for (CommitmentCharge c : cs) {
      out.add(toRecord(c));
    }
    return out;
  }

  private List<CommitmentCharge> commitmentCharges() {
    List<CommitmentCharge> r;
    try {
      r = charges.get();
    } catch (RuntimeException e) {
      throw new ProviderException(id, "reading simulated commitment charges failed: " + e.getMessage(), e);
    }
    if (r == null) {
      throw new ProviderException(id, "the commitment charges supplier returned null", null);
    }
    return r;
  }

  private static BillingPeriod periodOf(Instant t) {
    return BillingPeriod.of(YearMonth.from(t.atZone(ZoneOffset.UTC)));
  }

  private static Instant ceilSeconds(Instant t) {
    Instant s = t.truncatedTo(ChronoUnit.SECONDS);
    return s.isBefore(t) ? s.plusSeconds(1) : s;
  }

  private CostRecord toRecord(CommitmentCharge c) {
    Commitment m = c.commitment();
    String provider = m.provider().id();
    boolean ri = m.type() == Commitment.Type.RESERVED_INSTANCES;
    boolean fee = c.kind() == CommitmentCharge.Kind.UPFRONT_FEE || c.kind() == CommitmentCharge.Kind.RECURRING_FEE;
    BigDecimal list = fee ? c.billedCost() : c.onDemandCost();
    CostRecord.Builder b = CostRecord.builder()
        .billedCost(c.billedCost())
        .effectiveCost(c.effectiveCost())
        .listCost(list)
        .contractedCost(list)
        .billingCurrency(USD)
        .chargeCategory(fee ? ChargeCategory.PURCHASE : ChargeCategory.USAGE)
        .chargeFrequency(switch (c.kind()) {
          case UPFRONT_FEE -> ChargeFrequency.ONE_TIME;
          case RECURRING_FEE -> ChargeFrequency.RECURRING;
          default -> ChargeFrequency.USAGE_BASED;
        })
        .chargeDescription(switch (c.kind()) {
          case UPFRONT_FEE -> "Upfront fee of " + m.id();
          case RECURRING_FEE -> "Recurring fee of " + m.id();
          case USED -> c.instanceTypeId() + " covered by " + m.id() + " in " + c.regionId();
          case UNUSED -> "Unused commitment " + m.id();
        })
        .chargePeriod(c.start().truncatedTo(ChronoUnit.SECONDS), ceilSeconds(c.end()))
        .billingPeriod(periodOf(c.start()))
        .providerName(provider)
        .publisherName(provider)
        .invoiceIssuerName(provider)
        .billingAccountId(id + ":" + provider)
        .serviceName("Compute")
        .serviceCategory("Compute")
        .pricingCategory(fee ? "Standard" : "Committed")
        .commitmentDiscountId(m.id())
        .commitmentDiscountName(m.id())
        .commitmentDiscountCategory(ri ? "Usage" : "Spend")
        .commitmentDiscountType(commitmentType(m))
        .commitmentDiscountQuantity(c.quantity())
        .commitmentDiscountUnit(c.unit())
        .lineItemId(m.id() + "/" + c.kind() + (c.vmId().isEmpty() ? "" : "/" + c.vmId()) + "/" + c.start());
    if (!c.regionId().isEmpty()) {
      b.regionId(c.regionId());
    }
    if (!c.instanceTypeId().isEmpty()) {
      b.skuId(c.instanceTypeId());
    }
    if (c.kind() == CommitmentCharge.Kind.USED) {
      b.commitmentDiscountStatus("Used")
          .availabilityZone(c.zone())
          .resourceId(c.vmId())
          .resourceName(c.vmId())
          .resourceType("VirtualMachine")
          .skuPriceId(c.instanceTypeId() + ":" + c.regionId() + ":" + m.id())
          .pricingQuantity(c.usageHours())
          .pricingUnit("Hours")
          .consumedQuantity(c.usageHours())
          .consumedUnit("Hours")
          .tags(new TreeMap<>(c.labels()));
    } else {
      if (c.kind() == CommitmentCharge.Kind.UNUSED) {
        b.commitmentDiscountStatus("Unused");
      }
      b.resourceId(m.id()).resourceName(m.id()).resourceType(ri ? "Reserved Instances" : "Savings Plan");
    }
    return b.build();
  }

  private static String commitmentType(Commitment m) {
    boolean ri = m.type() == Commitment.Type.RESERVED_INSTANCES;
    String p = m.provider().id();
    if (p.equals("gcp")) {
      return ri ? "Resource-based Committed Use Discount" : "Spend-based Committed Use Discount";
    }
    if (p.equals("azure")) {
      return ri ? "Reservation" : "Savings Plan";
    }
    return ri ? "Reserved Instance" : "Savings Plan";
  }

  private List<UsageRecord> records() {
    List<UsageRecord> r;
    try {
      r = usage.get();
    } catch (RuntimeException e) {
      throw new ProviderException(id, "reading simulated usage failed: " + e.getMessage(), e);
    }
    if (r == null) {
      throw new ProviderException(id, "the usage supplier returned null", null);
    }
    return r;
  }

  private record Slice(BillingPeriod period, Instant start, Instant end, BigDecimal cost, BigDecimal hours) {}

  /** Splits a machine's usage by calendar month; the parts' costs and hours add up exactly. */
  private static List<Slice> slices(UsageRecord u) {
    Instant start = u.start().truncatedTo(ChronoUnit.SECONDS);
    Instant end = u.end().truncatedTo(ChronoUnit.SECONDS);
    if (end.isBefore(u.end())) {
      end = end.plusSeconds(1);
    }
    BigDecimal totalHours = BigDecimal.valueOf(u.billedSeconds()).divide(BigDecimal.valueOf(3600), SCALE,
        RoundingMode.HALF_EVEN);
    long runningSeconds = end.getEpochSecond() - start.getEpochSecond();
    List<Slice> out = new ArrayList<>();
    YearMonth month = YearMonth.from(start.atZone(ZoneOffset.UTC));
    BigDecimal costLeft = u.cost();
    BigDecimal hoursLeft = totalHours;
    while (true) {
      BillingPeriod p = BillingPeriod.of(month);
      Instant sliceEnd = end.isAfter(p.end()) ? p.end() : end;
      boolean last = !end.isAfter(p.end());
      Instant sliceStart = start.isAfter(p.start()) ? start : p.start();
      if (last) {
        out.add(new Slice(p, sliceStart, sliceEnd, costLeft, hoursLeft));
        return out;
      }
      BigDecimal share = BigDecimal.valueOf(sliceEnd.getEpochSecond() - sliceStart.getEpochSecond())
          .divide(BigDecimal.valueOf(Math.max(1, runningSeconds)), 20, RoundingMode.HALF_EVEN);
      BigDecimal cost = u.cost().multiply(share).setScale(SCALE, RoundingMode.HALF_EVEN).min(costLeft);
      BigDecimal hours = totalHours.multiply(share).setScale(SCALE, RoundingMode.HALF_EVEN).min(hoursLeft);
      out.add(new Slice(p, sliceStart, sliceEnd, cost, hours));
      costLeft = costLeft.subtract(cost);
      hoursLeft = hoursLeft.subtract(hours);
      month = month.plusMonths(1);
    }
  }

  private CostRecord toRecord(UsageRecord u, Slice s) {
    String provider = u.provider().id();
    boolean spot = u.purchaseOption().name().equals("SPOT");
    Map<String, String> tags = new TreeMap<>(u.labels());
    BigDecimal unitPrice = s.hours.signum() == 0 ? BigDecimal.ZERO
        : s.cost.divide(s.hours, SCALE, RoundingMode.HALF_EVEN);
    return CostRecord.builder()
        .allCosts(s.cost)
        .billingCurrency(USD)
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargeDescription(u.instanceTypeId() + " " + u.purchaseOption() + " in " + u.regionId())
        .chargePeriod(s.start, s.end)
        .billingPeriod(s.period)
        .providerName(provider)
        .publisherName(provider)
        .invoiceIssuerName(provider)
        .billingAccountId(id + ":" + provider)
        .regionId(u.regionId())
        .availabilityZone(u.zone())
        .serviceName("Compute")
        .serviceCategory("Compute")
        .resourceId(u.vmId())
        .resourceName(u.vmId())
        .resourceType("VirtualMachine")
        .skuId(u.instanceTypeId())
        .skuPriceId(u.instanceTypeId() + ":" + u.regionId() + ":" + u.purchaseOption())
        .pricingCategory(spot ? "Dynamic" : "Standard")
        .pricingQuantity(s.hours)
        .pricingUnit("Hours")
        .listUnitPrice(unitPrice)
        .contractedUnitPrice(unitPrice)
        .consumedQuantity(s.hours)
        .consumedUnit("Hours")
        .tags(tags)
        .lineItemId(u.vmId() + "/" + s.period.start())
        .build();
  }

  private static String fingerprint(List<CostRecord> records) {
    BigDecimal total = BigDecimal.ZERO;
    long hash = 1125899906842597L;
    for (CostRecord r : records) {
      total = total.add(r.billedCost());
      hash = 31 * hash + r.hashCode();
    }
    return records.size() + ":" + total.stripTrailingZeros().toPlainString() + ":" + Long.toHexString(hash);
  }
}
