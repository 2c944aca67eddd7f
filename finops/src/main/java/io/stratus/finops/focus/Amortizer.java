package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Amortizes commitment discounts (reservations, savings plans, committed use discounts) in cost data that carries
 * them unamortized (e.g. an Azure actual-cost export): the fees of each commitment are spread, as effective cost, over
 * the usage the commitment covered, and the part of the fee the usage did not consume is emitted as its own charge.
 *
 * <p>Per commitment (by {@code CommitmentDiscountId}) and billing period present in the input:
 * <ul>
 *   <li>the fee is the billed cost of the commitment's {@code Purchase} records, each pro-rated by how much of its
 *       charge period falls in the billing period (a one-year upfront fee contributes 1/12-ish per month; pass every
 *       billing period of the term to amortize all of it);
 *   <li>the used fraction is the commitment quantity the usage records report used over the quantity the purchases
 *       provide, when both are given in the same unit; else 1 when any usage is covered, 0 when none is;
 *   <li>covered {@code Usage} records get effective cost = their billed cost + their share of fee × used fraction,
 *       weighted by list cost (else pricing quantity, else evenly), exactly (shares sum to the amount);
 *   <li>the remainder, fee × (1 − used fraction), becomes a new {@code Usage} record with
 *       {@code CommitmentDiscountStatus = Unused}, billed cost 0, over the whole billing period;
 *   <li>purchase records get effective cost 0, so total effective cost equals total billed cost.
 * </ul>
 * Commitments whose purchase records already have effective cost 0 are taken as amortized by the provider and left
 * unchanged.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Amortizer {
  private Amortizer() {}

  /**
   * The utilization of one commitment in one billing period.
   *
   * @param commitmentDiscountId the commitment
   * @param period the billing period
   * @param fee the fee attributable to the period
   * @param usedFraction the used share of the commitment, in [0, 1]
   * @param amortized the part of the fee spread over covered usage
   * @param unused the part emitted as an unused-commitment charge
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Utilization(
      String commitmentDiscountId,
      BillingPeriod period,
      BigDecimal fee,
      BigDecimal usedFraction,
      BigDecimal amortized,
      BigDecimal unused) {}

  /**
   * The amortized records and the utilization of each commitment.
   *
   * @param records the input records, amortized, in input order, followed by the unused-commitment charges
   * @param utilization per commitment and billing period
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(List<CostRecord> records, List<Utilization> utilization) {
    /**
     * Copies.
     *
     * @throws NullPointerException if a component is null
     */
    public Result {
      records = List.copyOf(records);
      utilization = List.copyOf(utilization);
    }
  }

  /**
   * Amortizes.
   *
   * @param records the records, typically several billing periods of one account; never null
   * @return the amortized records and utilization; never null
   */
  public static Result amortize(List<CostRecord> records) {
    return amortize(records, List.of());
  }

  /**
   * Amortizes part of the records: all the records of some commitments (every record with their
   * {@code CommitmentDiscountId}), over the billing periods of the whole input. The result for those commitments
   * equals the one of {@link #amortize(List)} over the whole input, so a large input can be amortized one commitment
   * group at a time (the Spark adapter does, one task per group); records without a commitment pass through.
   *
   * @param records the records of the commitments, in input order; never null
   * @param inputPeriods the billing periods of the whole input (the records' own are added); never null
   * @return the amortized records and utilization; never null
   */
  public static Result amortize(List<CostRecord> records, Collection<BillingPeriod> inputPeriods) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(inputPeriods, "inputPeriods");
    List<CostRecord> out = new ArrayList<>(records);
    Set<BillingPeriod> periods = new LinkedHashSet<>(inputPeriods);
    Map<String, List<Integer>> purchases = new LinkedHashMap<>();
    Map<String, List<Integer>> usage = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      CostRecord r = records.get(i);
      periods.add(BillingPeriod.of(r));
      String id = r.commitmentDiscountId();
      if (id == null) {
        continue;
      }
      if (r.chargeCategory() == ChargeCategory.PURCHASE) {
        purchases.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
      } else if (r.chargeCategory() == ChargeCategory.USAGE && !"Unused".equalsIgnoreCase(r.commitmentDiscountStatus())) {
        usage.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
      }
    }
    List<Utilization> utilization = new ArrayList<>();
    List<CostRecord> unusedCharges = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : purchases.entrySet()) {
      String id = e.getKey();
      List<CostRecord> fees = new ArrayList<>();
      boolean alreadyAmortized = true;
      for (int i : e.getValue()) {
        fees.add(records.get(i));
        alreadyAmortized &= records.get(i).effectiveCost().signum() == 0 && records.get(i).billedCost().signum() != 0;
      }
      if (alreadyAmortized) {
        continue;
      }
      for (int i : e.getValue()) {
        out.set(i, records.get(i).toBuilder().effectiveCost(BigDecimal.ZERO).build());
      }
      for (BillingPeriod p : periods) {
        BigDecimal fee = BigDecimal.ZERO;
        BigDecimal capacity = BigDecimal.ZERO;
        String capacityUnit = null;
        boolean capacityKnown = true;
        for (CostRecord f : fees) {
          BigDecimal part = overlapFraction(f, p);
          if (part.signum() == 0) {
            continue;
          }
          fee = fee.add(f.billedCost().multiply(part)).stripTrailingZeros();
          if (f.commitmentDiscountQuantity() != null && f.commitmentDiscountUnit() != null) {
            capacity = capacity.add(f.commitmentDiscountQuantity().multiply(part));
            capacityUnit = f.commitmentDiscountUnit();
          } else {
            capacityKnown = false;
          }
        }
        if (fee.signum() == 0) {
          continue;
        }
        fee = fee.setScale(Math.min(Math.max(fee.scale(), 2), 12), RoundingMode.HALF_EVEN);
        List<Integer> covered = new ArrayList<>();
        BigDecimal used = BigDecimal.ZERO;
        boolean usedKnown = capacityKnown && capacity.signum() > 0;
        for (int i : usage.getOrDefault(id, List.of())) {
          CostRecord u = records.get(i);
          if (!BillingPeriod.of(u).equals(p)) {
            continue;
          }
          covered.add(i);
          if (u.commitmentDiscountQuantity() != null && Objects.equals(u.commitmentDiscountUnit(), capacityUnit)) {
            used = used.add(u.commitmentDiscountQuantity());
          } else {
            usedKnown = false;
          }
        }
        BigDecimal usedFraction;
        if (covered.isEmpty()) {
          usedFraction = BigDecimal.ZERO;
        } else if (usedKnown) {
          usedFraction = used.divide(capacity, MathContext.DECIMAL64).min(BigDecimal.ONE);
        } else {
          usedFraction = BigDecimal.ONE;
        }
        BigDecimal amortized = fee.multiply(usedFraction).setScale(fee.scale(), RoundingMode.HALF_EVEN);
        BigDecimal unused = fee.subtract(amortized);
        spread(out, records, covered, amortized);
        if (unused.signum() != 0) {
          CostRecord template = fees.get(0);
          unusedCharges.add(
              template.toBuilder()
                  .billedCost(BigDecimal.ZERO)
                  .effectiveCost(unused)
                  .listCost(BigDecimal.ZERO)
                  .contractedCost(BigDecimal.ZERO)
                  .chargeCategory(ChargeCategory.USAGE)
                  .chargeFrequency(ChargeFrequency.USAGE_BASED)
                  .chargeDescription("Unused commitment " + id)
                  .chargePeriod(p.start(), p.end())
                  .billingPeriod(p)
                  .resourceId(template.resourceId() != null ? template.resourceId() : id)
                  .commitmentDiscountStatus("Unused")
                  .pricingCategory("Committed")
                  .pricingQuantity((BigDecimal) null)
                  .consumedQuantity((BigDecimal) null)
                  .consumedUnit(null)
                  .commitmentDiscountQuantity(usedKnown ? capacity.subtract(used).max(BigDecimal.ZERO) : null)
                  .lineItemId(null)
                  .build());
        }
        utilization.add(new Utilization(id, p, fee, usedFraction, amortized, unused));
      }
    }
    out.addAll(unusedCharges);
    return new Result(out, utilization);
  }

  /** Spreads an amount over covered usage records by list cost (else pricing quantity, else evenly), exactly. */
  private static void spread(List<CostRecord> out, List<CostRecord> in, List<Integer> covered, BigDecimal amount) {
    if (covered.isEmpty() || amount.signum() == 0) {
      return;
    }
    BigDecimal[] weights = new BigDecimal[covered.size()];
    BigDecimal total = BigDecimal.ZERO;
    for (int k = 0; k < weights.length; k++) {
      weights[k] = in.get(covered.get(k)).listCost().max(BigDecimal.ZERO);
      total = total.add(weights[k]);
    }
    if (total.signum() == 0) {
      total = BigDecimal.ZERO;
      for (int k = 0; k < weights.length; k++) {
        BigDecimal q = in.get(covered.get(k)).pricingQuantity();
        weights[k] = q == null ? BigDecimal.ZERO : q.max(BigDecimal.ZERO);
        total = total.add(weights[k]);
      }
    }
    if (total.signum() == 0) {
      for (int k = 0; k < weights.length; k++) {
        weights[k] = BigDecimal.ONE;
      }
      total = BigDecimal.valueOf(weights.length);
    }
    int scale = amount.scale() + 6;
    BigDecimal given = BigDecimal.ZERO;
    BigDecimal[] shares = new BigDecimal[weights.length];
    int largest = 0;
    for (int k = 0; k < weights.length; k++) {
      shares[k] = amount.multiply(weights[k]).divide(total, scale, RoundingMode.DOWN);
      given = given.add(shares[k]);
      if (weights[k].compareTo(weights[largest]) > 0) {
        largest = k;
      }
    }
    shares[largest] = shares[largest].add(amount.subtract(given));
    for (int k = 0; k < weights.length; k++) {
      int i = covered.get(k);
      CostRecord r = out.get(i);
      out.set(i, r.toBuilder().effectiveCost(r.billedCost().add(shares[k]).stripTrailingZeros()).build());
    }
  }

  /** How much of a record's charge period lies in a billing period, as a fraction of the charge period. */
  private static BigDecimal overlapFraction(CostRecord r, BillingPeriod p) {
    Instant s = r.chargePeriodStart();
    Instant e = r.chargePeriodEnd();
    if (!s.isBefore(e)) {
      return p.contains(s) ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    Instant from = s.isAfter(p.start()) ? s : p.start();
    Instant to = e.isBefore(p.end()) ? e : p.end();
    if (!to.isAfter(from)) {
      return BigDecimal.ZERO;
    }
    long overlap = Duration.between(from, to).getSeconds();
    long whole = Duration.between(s, e).getSeconds();
    if (overlap == whole) {
      return BigDecimal.ONE;
    }
    return BigDecimal.valueOf(overlap).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL64);
  }
}
