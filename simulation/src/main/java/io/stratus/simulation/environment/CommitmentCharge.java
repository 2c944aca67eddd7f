package io.stratus.simulation.environment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One charge of a {@link Commitment} in the simulated environment, within one calendar month (UTC) except the upfront
 * fee, whose period is the whole term. {@link SimulatedBillingSource} turns each into a FOCUS record:
 *
 * <ul>
 *   <li>{@link Kind#UPFRONT_FEE}, {@link Kind#RECURRING_FEE}: ChargeCategory {@code Purchase}, billed cost the fee,
 *       effective cost 0 (the fee reaches effective cost through the used and unused charges);
 *   <li>{@link Kind#USED}: the covered usage of one machine, billed cost 0, effective cost the amortized commitment it
 *       consumed, {@code onDemandCost} what the covered time would have cost on demand;
 *   <li>{@link Kind#UNUSED}: the amortized commitment no usage consumed, billed cost 0.
 * </ul>
 * Over any period, {@code sum(USED.effectiveCost) + sum(UNUSED.effectiveCost)} is the commitment's hourly cost times
 * the hours of its term elapsed, exactly.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the charge is; never null
 * @param commitment the commitment; never null
 * @param vmId the covered machine (USED), else empty; never null
 * @param labels the covered machine's labels (USED), else empty; never null
 * @param regionId the covered machine's region (USED), the reserved instances' region, else empty; never null
 * @param zone the covered machine's zone (USED), else empty; never null
 * @param instanceTypeId the covered machine's instance type (USED), the reserved instances' type, else empty; never
 *     null
 * @param usageHours USED: the machine-hours covered; else 0; never null
 * @param start start of the charge period; never null
 * @param end end of the charge period; never null, not before start
 * @param billedCost the billed cost in USD; never null
 * @param effectiveCost the amortized cost in USD; never null
 * @param onDemandCost USED: the on-demand cost of the covered time; else 0; never null
 * @param quantity the commitment quantity of the charge, in {@code unit}; never null
 * @param unit {@code Hours} (reserved instances: instance-hours) or {@code USD} (savings plan); never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CommitmentCharge(
    Kind kind,
    Commitment commitment,
    String vmId,
    Map<String, String> labels,
    String regionId,
    String zone,
    String instanceTypeId,
    BigDecimal usageHours,
    Instant start,
    Instant end,
    BigDecimal billedCost,
    BigDecimal effectiveCost,
    BigDecimal onDemandCost,
    BigDecimal quantity,
    String unit) {

  /**
   * What a charge is.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** The part paid at purchase. */
    UPFRONT_FEE,
    /** The part paid per hour, summed over the month. */
    RECURRING_FEE,
    /** Usage of one machine the commitment covered. */
    USED,
    /** Commitment no usage consumed. */
    UNUSED
  }

  /**
   * Validates and copies the labels.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the end is before the start
   */
  public CommitmentCharge {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(commitment, "commitment");
    Objects.requireNonNull(vmId, "vmId");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(instanceTypeId, "instanceTypeId");
    Objects.requireNonNull(usageHours, "usageHours");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(billedCost, "billedCost");
    Objects.requireNonNull(effectiveCost, "effectiveCost");
    Objects.requireNonNull(onDemandCost, "onDemandCost");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unit, "unit");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
  }
}
