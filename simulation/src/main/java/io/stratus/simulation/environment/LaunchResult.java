package io.stratus.simulation.environment;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The answer to {@link EnvironmentSimulator#launch}: accepted with the new machine's id (it runs after the
 * provider's provisioning latency), or rejected with a reason. Rejections are normal outcomes, not exceptions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vmId the new machine's id, or empty when rejected; never null
 * @param rejection why it was rejected, or null when accepted
 * @param message detail for a rejection, empty when accepted; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LaunchResult(String vmId, Rejection rejection, String message) {
  /** Why a launch was refused. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Rejection {
    /** The instance type, region, zone or purchase option is not offered. */
    UNKNOWN_OFFER,
    /** The region's vCPU quota would be exceeded. */
    QUOTA_EXCEEDED,
    /** The provider's API rate limit was hit; retry later. */
    THROTTLED,
    /** The zone, region or provider is in an outage. */
    UNAVAILABLE
  }

  /**
   * Validates.
   *
   * @throws NullPointerException if vmId or message is null
   */
  public LaunchResult {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Whether the launch was accepted.
   *
   * @return true if accepted
   */
  public boolean accepted() {
    return rejection == null;
  }
}
