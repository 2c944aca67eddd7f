package io.stratus.scheduler;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A place a workload can go: free capacity on a running {@link VirtualMachine}, or a new instance bought through an
 * {@link Offer}.
 *
 * <p>Immutable and thread-safe. Create with {@link #onRunningVm(VirtualMachine, double)} or {@link #newInstance(Offer)}.
 *
 * @param kind running machine or new instance
 * @param id the machine's id, or the offer's {@link Offer#id()}
 * @param instanceType the machine shape
 * @param region where it runs
 * @param purchaseOption how it is (or would be) bought
 * @param capacity what a workload may use: the free capacity of a running machine, the whole shape of a new instance
 * @param hourlyPrice the price of the whole machine per hour
 * @param marginalHourlyCost what placing a workload here adds per hour: zero on a running machine (already paid), the
 *     offer's price for a new instance; same currency as {@code hourlyPrice}
 * @param interruptionRate monthly interruption probability in [0, 1]; 0 unless interruptible
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Candidate(
    Kind kind,
    String id,
    InstanceType instanceType,
    Region region,
    PurchaseOption purchaseOption,
    ResourceDemand capacity,
    Money hourlyPrice,
    Money marginalHourlyCost,
    double interruptionRate) {

  /**
   * Where the capacity comes from.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Free capacity on a machine that already runs (and is already paid for). */
    RUNNING_VM,
    /** A new instance bought through an offer. */
    NEW_INSTANCE
  }

  /**
   * Validates the candidate.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the id is blank, a price is negative, currencies differ, the region's provider
   *     differs from the instance type's, or the interruption rate is not a probability (or not 0 for a purchase
   *     option that cannot be interrupted)
   */
  public Candidate {
    Objects.requireNonNull(kind, "candidate.kind must not be null");
    Objects.requireNonNull(id, "candidate.id must not be null");
    Objects.requireNonNull(instanceType, "candidate.instanceType must not be null");
    Objects.requireNonNull(region, "candidate.region must not be null");
    Objects.requireNonNull(purchaseOption, "candidate.purchaseOption must not be null");
    Objects.requireNonNull(capacity, "candidate.capacity must not be null");
    Objects.requireNonNull(hourlyPrice, "candidate.hourlyPrice must not be null");
    Objects.requireNonNull(marginalHourlyCost, "candidate.marginalHourlyCost must not be null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("candidate.id must not be blank, got '" + id + "'");
    }
    if (hourlyPrice.isNegative() || marginalHourlyCost.isNegative()) {
      throw new IllegalArgumentException(
          "candidate prices must be >= 0, got hourlyPrice " + hourlyPrice + ", marginalHourlyCost "
              + marginalHourlyCost + " for '" + id + "'");
    }
    if (!hourlyPrice.currency().equals(marginalHourlyCost.currency())) {
      throw new IllegalArgumentException(
          "candidate.marginalHourlyCost must be in the currency of hourlyPrice " + hourlyPrice.currency() + ", got "
              + marginalHourlyCost + " for '" + id + "'");
    }
    if (!region.provider().equals(instanceType.provider())) {
      throw new IllegalArgumentException(
          "candidate.region must belong to provider " + instanceType.provider() + ", got " + region + " for '" + id
              + "'");
    }
    if (!(interruptionRate >= 0 && interruptionRate <= 1)) {
      throw new IllegalArgumentException(
          "candidate.interruptionRate must be a probability in [0, 1], got " + interruptionRate + " for '" + id + "'");
    }
    if (!purchaseOption.isInterruptible() && interruptionRate != 0) {
      throw new IllegalArgumentException(
          "candidate.interruptionRate must be 0 for " + purchaseOption + ", got " + interruptionRate + " for '" + id
              + "'");
    }
  }

  /**
   * The free capacity of a running machine. Placing a workload there costs nothing extra per hour.
   *
   * @param vm the machine; never null
   * @param interruptionRate the machine's monthly interruption probability in [0, 1]; must be 0 unless it runs on spot
   * @return the candidate; never null
   * @throws IllegalArgumentException if the rate is not a probability, or not 0 for a machine that is not on spot
   */
  public static Candidate onRunningVm(VirtualMachine vm, double interruptionRate) {
    Objects.requireNonNull(vm, "vm must not be null");
    return new Candidate(
        Kind.RUNNING_VM,
        vm.id(),
        vm.instanceType(),
        vm.region(),
        vm.purchaseOption(),
        vm.free(),
        vm.hourlyPrice(),
        Money.zero(vm.hourlyPrice().currency()),
        interruptionRate);
  }

  /**
   * A new instance bought through an offer; placing a workload there costs the offer's hourly price.
   *
   * @param offer the offer; never null
   * @return the candidate; never null
   */
  public static Candidate newInstance(Offer offer) {
    Objects.requireNonNull(offer, "offer must not be null");
    return new Candidate(
        Kind.NEW_INSTANCE,
        offer.id(),
        offer.instanceType(),
        offer.region(),
        offer.purchaseOption(),
        offer.instanceType().capacity(),
        offer.hourlyPrice(),
        offer.hourlyPrice(),
        offer.interruptionRate());
  }

  /**
   * Whether this is capacity on a machine that already runs.
   *
   * @return true for {@link Kind#RUNNING_VM}
   */
  @JsonIgnore
  public boolean isRunning() {
    return kind == Kind.RUNNING_VM;
  }

  @Override
  public String toString() {
    return (kind == Kind.RUNNING_VM ? "running " : "new ") + instanceType.name() + " in " + region.id() + " ("
        + purchaseOption + (kind == Kind.RUNNING_VM ? ", vm " + id : "") + ")";
  }
}
