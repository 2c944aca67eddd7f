package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A price at which new capacity can be bought: one instance type in one region under one purchase option, observed at
 * a point in time. For spot offers, {@code interruptionRate} estimates the probability that an instance is interrupted
 * within a month (AWS publishes it as a frequency band); other options carry 0.
 *
 * <p>Immutable and thread-safe.
 *
 * @param instanceType the machine shape
 * @param region the region it runs in; same provider as the instance type
 * @param purchaseOption how it is bought
 * @param hourlyPrice price per instance-hour, {@code >= 0}; for commitments the effective hourly rate
 * @param interruptionRate monthly interruption probability in [0, 1]; 0 unless {@code purchaseOption} is interruptible
 * @param observedAt when the price was observed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Offer(
    InstanceType instanceType,
    Region region,
    PurchaseOption purchaseOption,
    Money hourlyPrice,
    @JsonRequired double interruptionRate,
    Instant observedAt) {

  /**
   * Validates the offer.
   *
   * @throws IllegalArgumentException if the price is negative, the rate is not a probability, a non-interruptible
   *     option carries an interruption rate, or region and instance type belong to different providers
   */
  public Offer {
    Require.nonNull(instanceType, "offer.instanceType");
    Require.nonNull(region, "offer.region");
    Require.nonNull(purchaseOption, "offer.purchaseOption");
    Require.nonNull(hourlyPrice, "offer.hourlyPrice");
    Require.nonNull(observedAt, "offer.observedAt");
    if (hourlyPrice.isNegative()) {
      throw new IllegalArgumentException("offer.hourlyPrice must be >= 0, got " + hourlyPrice);
    }
    Require.probability(interruptionRate, "offer.interruptionRate");
    if (!purchaseOption.isInterruptible() && interruptionRate != 0) {
      throw new IllegalArgumentException(
          "offer.interruptionRate must be 0 for " + purchaseOption + ", got " + interruptionRate);
    }
    if (!instanceType.provider().equals(region.provider())) {
      throw new IllegalArgumentException(
          "offer.region must belong to the instance type's provider " + instanceType.provider() + ", got " + region);
    }
  }

  /**
   * Unique key of the offer, {@code provider:region:instanceType:option}.
   *
   * @return the key; never null
   */
  @JsonIgnore
  public String id() {
    return region.id() + ":" + instanceType.name() + ":" + purchaseOption;
  }
}
