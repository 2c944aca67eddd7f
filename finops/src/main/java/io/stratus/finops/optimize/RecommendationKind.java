package io.stratus.finops.optimize;

import org.apiguardian.api.API;

/**
 * What a recommendation proposes.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum RecommendationKind {
  /** Stop or delete a resource whose utilization stayed under the idle threshold. */
  IDLE,
  /** Move to a smaller, cheaper instance type that still holds the observed p95 with headroom. */
  RIGHTSIZE,
  /** Buy a one-year reservation or commitment for a steadily running resource. */
  COMMITMENT,
  /** Run an interruption-tolerant workload on spot capacity. */
  SPOT,
  /** Move to a cheaper region of the same cloud that satisfies the workload's compliance requirements. */
  REGION,
  /** Move to a cheaper cloud that satisfies the workload's compliance requirements. */
  CLOUD,
  /** Delete a storage volume that is billed but attached to nothing. */
  ORPHANED_VOLUME,
  /** Delete a snapshot older than the age threshold. */
  OLD_SNAPSHOT
}
