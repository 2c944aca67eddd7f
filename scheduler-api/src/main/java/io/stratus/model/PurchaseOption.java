package io.stratus.model;

import org.apiguardian.api.API;

/**
 * How capacity is bought: on demand, as interruptible spot capacity, or under a commitment.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum PurchaseOption {
  /** Pay as you go, no commitment. */
  ON_DEMAND(0, false),
  /** Spare capacity at a discount that the provider may reclaim (AWS Spot, GCP Spot VMs, Azure Spot). */
  SPOT(0, true),
  /** A one-year reserved instance. */
  RESERVED_1Y(12, false),
  /** A three-year reserved instance. */
  RESERVED_3Y(36, false),
  /** A one-year spend commitment: AWS Savings Plan, GCP committed use discount, Azure savings plan. */
  COMMITMENT_1Y(12, false),
  /** A three-year spend commitment. */
  COMMITMENT_3Y(36, false);

  private final int termMonths;
  private final boolean interruptible;

  PurchaseOption(int termMonths, boolean interruptible) {
    this.termMonths = termMonths;
    this.interruptible = interruptible;
  }

  /**
   * Length of the commitment.
   *
   * @return months, 0 for on-demand and spot
   */
  public int termMonths() {
    return termMonths;
  }

  /**
   * Whether the provider may interrupt capacity bought this way.
   *
   * @return true for {@link #SPOT}
   */
  public boolean isInterruptible() {
    return interruptible;
  }

  /**
   * Whether this option commits the buyer for a term.
   *
   * @return true for reservations and commitments
   */
  public boolean isCommitment() {
    return termMonths > 0;
  }
}
