package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import io.stratus.model.PurchaseOption;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The billed usage of one machine over its life (or up to the time of the query for a running machine): running
 * time, billed time after the provider's {@link BillingRule}, and cost. For spot machines the hourly price follows
 * the spot process; {@code cost} is the sum over price segments of price x time, with any rounding or minimum added
 * at the last segment's price, so {@code cost = averageHourlyPrice x billedSeconds / 3600}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vmId the machine; never null
 * @param provider the cloud; never null
 * @param regionId the region id; never null
 * @param zone the zone; never null
 * @param instanceTypeId the instance type id; never null
 * @param purchaseOption how it was bought; never null
 * @param labels the machine's labels (team, workload...); never null
 * @param start when billing started (the machine was running); never null
 * @param end when it stopped, or the query time if still running; never null
 * @param running true if the machine is still running
 * @param billedSeconds billed time in seconds
 * @param cost the cost in USD, exact to 10 decimals; never null
 * @param endReason why it ended (terminated, failed, interrupted) or {@code running}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UsageRecord(
    String vmId,
    CloudProvider provider,
    String regionId,
    String zone,
    String instanceTypeId,
    PurchaseOption purchaseOption,
    Map<String, String> labels,
    Instant start,
    Instant end,
    boolean running,
    double billedSeconds,
    BigDecimal cost,
    String endReason) {
  /**
   * Validates and copies the labels.
   *
   * @throws NullPointerException if a reference component is null
   */
  public UsageRecord {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(instanceTypeId, "instanceTypeId");
    Objects.requireNonNull(purchaseOption, "purchaseOption");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(endReason, "endReason");
  }
}
