package io.stratus.monitoring.capacity;

import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Scaling advice to keep p95 utilization at a target: horizontal (how many instances) and vertical (which instance
 * type), each priced with on-demand offers from a {@link PricingProvider} as a monthly (730-hour) cost delta and
 * explained.
 *
 * <p>Assumes load spreads evenly over instances and scales with vCPUs and memory. Immutable and thread-safe (the
 * pricing provider must be thread-safe too).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScalingAdvisor {
  /** Hours in a month for pricing. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  private final PricingProvider pricing;
  private final double targetPercent;
  private final double tolerancePercent;

  private ScalingAdvisor(PricingProvider pricing, double targetPercent, double tolerancePercent) {
    this.pricing = pricing;
    this.targetPercent = targetPercent;
    this.tolerancePercent = tolerancePercent;
  }

  /**
   * An advisor.
   *
   * @param pricing where prices come from; never null
   * @param targetPercent the p95 utilization to aim for, in (0, 100]
   * @param tolerancePercent how far below the target p95 may sit before scaling in, in [0, target)
   * @return the advisor; never null
   * @throws IllegalArgumentException if the target or tolerance is out of range
   */
  public static ScalingAdvisor create(PricingProvider pricing, double targetPercent, double tolerancePercent) {
    Checks.nonNull(pricing, "pricing");
    if (!(targetPercent > 0 && targetPercent <= 100)) {
      throw new IllegalArgumentException("targetPercent must be in (0, 100], got " + targetPercent);
    }
    if (!(tolerancePercent >= 0 && tolerancePercent < targetPercent)) {
      throw new IllegalArgumentException("tolerancePercent must be in [0, targetPercent), got " + tolerancePercent);
    }
    return new ScalingAdvisor(pricing, targetPercent, tolerancePercent);
  }

  /**
   * How many instances keep p95 CPU at the target.
   *
   * @param target the deployment or group; not blank
   * @param type its instance type
   * @param region its region
   * @param count current instances, {@code >= 1}
   * @param p95CpuPercent observed p95 CPU utilization across the group, in [0, 100]
   * @return the recommendation; never null
   * @throws io.stratus.InvalidConfigurationException if the pricing provider has no on-demand offer for the type
   */
  public ScalingRecommendation horizontal(String target, InstanceType type, Region region, int count,
      double p95CpuPercent) {
    Checks.nonBlank(target, "target");
    Checks.nonNull(type, "type");
    Checks.nonNull(region, "region");
    Checks.positive(count, "count");
    percent(p95CpuPercent, "p95CpuPercent");
    Money hourly = onDemand(type, region);
    if (p95CpuPercent <= targetPercent && p95CpuPercent >= targetPercent - tolerancePercent) {
      return none(target, type, count, p95CpuPercent, hourly);
    }
    int needed = Math.max(1, (int) Math.ceil(count * p95CpuPercent / targetPercent));
    double projected = p95CpuPercent * count / needed;
    if (needed == count) {
      return none(target, type, count, p95CpuPercent, hourly);
    }
    Money delta = hourly.times(BigDecimal.valueOf(needed - count)).times(HOURS_PER_MONTH).rounded();
    String why = String.format(Locale.ROOT,
        "%s runs %d x %s at p95 CPU %.1f %% against a target of %.1f %%: %s to %d instances brings p95 to about "
            + "%.1f %% (load assumed to spread evenly), %s %s per month at %s per instance-hour on demand.",
        target, count, type.name(), p95CpuPercent, targetPercent, needed > count ? "scaling out" : "scaling in",
        needed, projected, delta.isNegative() ? "saving" : "costing", delta.isNegative() ? negate(delta) : delta,
        hourly);
    return new ScalingRecommendation(ScalingRecommendation.Kind.HORIZONTAL, target, type, type, count, needed,
        projected, delta, why);
  }

  /**
   * The cheapest instance type in the same region that keeps p95 CPU and memory at or below the target.
   *
   * @param target the resource or group; not blank
   * @param type its current instance type
   * @param region its region
   * @param count instances of it, {@code >= 1} (all are changed)
   * @param p95CpuPercent observed p95 CPU utilization, in [0, 100]
   * @param p95MemoryPercent observed p95 memory utilization, in [0, 100]
   * @return the recommendation; {@link ScalingRecommendation.Kind#NONE} when nothing cheaper fits or no change is
   *     needed; never null
   * @throws io.stratus.InvalidConfigurationException if the pricing provider has no on-demand offer for the type
   */
  public ScalingRecommendation vertical(String target, InstanceType type, Region region, int count,
      double p95CpuPercent, double p95MemoryPercent) {
    Checks.nonBlank(target, "target");
    Checks.nonNull(type, "type");
    Checks.nonNull(region, "region");
    Checks.positive(count, "count");
    percent(p95CpuPercent, "p95CpuPercent");
    percent(p95MemoryPercent, "p95MemoryPercent");
    Money hourly = onDemand(type, region);
    double needVcpus = type.vcpus() * p95CpuPercent / targetPercent;
    double needMemory = type.memoryGib() * p95MemoryPercent / targetPercent;
    boolean over = p95CpuPercent > targetPercent || p95MemoryPercent > targetPercent;
    List<Offer> offers = pricing.offers(OfferQuery.all().withRegionIds(List.of(region.id()))
        .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)));
    Optional<Offer> best = offers.stream()
        .filter(o -> o.instanceType().architecture() == type.architecture())
        .filter(o -> o.instanceType().gpus() >= type.gpus())
        .filter(o -> o.instanceType().vcpus() >= needVcpus && o.instanceType().memoryGib() >= needMemory)
        .filter(o -> o.hourlyPrice().currency().equals(hourly.currency()))
        .min(Comparator.comparing(Offer::hourlyPrice).thenComparing(o -> o.instanceType().name()));
    if (best.isEmpty() || best.get().instanceType().equals(type)
        || (!over && best.get().hourlyPrice().compareTo(hourly) >= 0)) {
      String why = best.isEmpty()
          ? String.format(Locale.ROOT, "no instance type in %s offers %.1f vCPUs and %.1f GiB for %s", region.id(),
              needVcpus, needMemory, target)
          : String.format(Locale.ROOT, "%s on %s fits p95 CPU %.1f %% / memory %.1f %% against %.1f %%; no cheaper "
              + "type fits", target, type.name(), p95CpuPercent, p95MemoryPercent, targetPercent);
      return new ScalingRecommendation(ScalingRecommendation.Kind.NONE, target, type, type, count, count,
          Math.max(p95CpuPercent, p95MemoryPercent), Money.zero(hourly.currency()), why);
    }
    InstanceType to = best.get().instanceType();
    Money delta = best.get().hourlyPrice().minus(hourly).times(BigDecimal.valueOf(count)).times(HOURS_PER_MONTH)
        .rounded();
    double projected = Math.max(p95CpuPercent * type.vcpus() / to.vcpus(),
        p95MemoryPercent * type.memoryGib() / to.memoryGib());
    String why = String.format(Locale.ROOT,
        "%s on %d x %s (%.0f vCPU, %.0f GiB) has p95 CPU %.1f %% and memory %.1f %% against a target of %.1f %%; it "
            + "needs %.1f vCPU and %.1f GiB. %s (%.0f vCPU, %.0f GiB) is the cheapest on-demand fit in %s at %s per "
            + "hour, bringing p95 to about %.1f %% and %s %s per month.",
        target, count, type.name(), type.vcpus(), type.memoryGib(), p95CpuPercent, p95MemoryPercent, targetPercent,
        needVcpus, needMemory, to.name(), to.vcpus(), to.memoryGib(), region.id(), best.get().hourlyPrice(),
        projected, delta.isNegative() ? "saving" : "costing", delta.isNegative() ? negate(delta) : delta);
    return new ScalingRecommendation(ScalingRecommendation.Kind.VERTICAL, target, type, to, count, count, projected,
        delta, why);
  }

  private ScalingRecommendation none(String target, InstanceType type, int count, double p95, Money hourly) {
    return new ScalingRecommendation(ScalingRecommendation.Kind.NONE, target, type, type, count, count, p95,
        Money.zero(hourly.currency()), String.format(Locale.ROOT,
            "%s at p95 CPU %.1f %% is within the target band [%.1f %%, %.1f %%]; no change.", target, p95,
            targetPercent - tolerancePercent, targetPercent));
  }

  private Money onDemand(InstanceType type, Region region) {
    return pricing.offers(OfferQuery.all().withRegionIds(List.of(region.id()))
            .withInstanceTypeIds(List.of(type.id())).withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)))
        .stream()
        .map(Offer::hourlyPrice)
        .min(Comparator.naturalOrder())
        .orElseThrow(() -> new io.stratus.InvalidConfigurationException("pricing provider '" + pricing.id()
            + "' has no on-demand offer for " + type.id() + " in " + region.id()
            + "; add one or use a provider that prices this region"));
  }

  private static Money negate(Money m) {
    return m.times(BigDecimal.valueOf(-1));
  }

  private static void percent(double v, String field) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(field + " must be in [0, 100], got " + v);
    }
  }
}
