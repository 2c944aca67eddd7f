package io.stratus.benchmarks.scheduler;

import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import java.util.List;

/**
 * The peer for {@link SchedulingBenchmark}: the straightforward way to schedule one workload, as most hand-written
 * schedulers do it. For every offer object it evaluates the compliance rules
 * ({@code ComplianceRequirements.violations}), the architecture, capacity and purchase rules and the max cost, and
 * keeps the cheapest by exact {@link Money} comparison. It applies the same hard rules as the cost-aware scheduler
 * except the performance ones (it predicts nothing), and does not count rejections by reason.
 */
public final class NaiveScheduler {
  private final List<Offer> offers;

  /**
   * The outcome.
   *
   * @param placed whether an offer was found
   * @param offer the offer, or null
   * @param hourlyPrice its price, or null
   */
  public record Result(boolean placed, Offer offer, Money hourlyPrice) {}

  NaiveScheduler(List<Offer> offers) {
    this.offers = List.copyOf(offers);
  }

  Result schedule(Workload w) {
    Offer best = null;
    for (Offer o : offers) {
      if (!w.compliance().violations(o.region()).isEmpty()) {
        continue;
      }
      if (!w.architectures().isEmpty() && !w.architectures().contains(o.instanceType().architecture())) {
        continue;
      }
      if (!w.demand().fitsIn(o.instanceType().capacity())) {
        continue;
      }
      if (o.purchaseOption() == PurchaseOption.SPOT
          && (!w.cost().spotAllowed() || o.interruptionRate() > w.cost().maxInterruptionProbability())) {
        continue;
      }
      if (o.purchaseOption().isCommitment() && !commitmentAllowed(w, o.purchaseOption())) {
        continue;
      }
      if (w.cost().maxHourlyCost().isPresent() && o.hourlyPrice().compareTo(w.cost().maxHourlyCost().get()) > 0) {
        continue;
      }
      if (best == null || o.hourlyPrice().compareTo(best.hourlyPrice()) < 0) {
        best = o;
      }
    }
    return best == null ? new Result(false, null, null) : new Result(true, best, best.hourlyPrice());
  }

  /** The scheduler's commitment rule: not forbidden, and allowed by the host or covered by the expected duration. */
  private static boolean commitmentAllowed(Workload w, PurchaseOption option) {
    if (w.cost().commitmentsForbidden()) {
      return false;
    }
    if (w.expectedDuration().isZero()) {
      return w.cost().commitmentsAllowed();
    }
    double months = w.expectedDuration().toMillis() / 3_600_000.0 / (365.25 * 24 / 12);
    return option.termMonths() <= months;
  }
}
