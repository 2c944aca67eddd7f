package io.stratus.simulation.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One job drawn by a {@link WorkloadGenerator}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique within a generated list, {@code <workload>-<n>}; never null
 * @param workload the workload name; never null
 * @param team the team label; never null
 * @param arrival the arrival time; never null
 * @param vcpus vCPUs requested, {@code >= 1}
 * @param memoryGib memory requested in GiB, {@code > 0}
 * @param duration how long the job runs; never null, positive
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GeneratedJob(
    String id, String workload, String team, Instant arrival, int vcpus, double memoryGib, Duration duration) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if a number is out of range
   */
  public GeneratedJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(duration, "duration");
    if (vcpus < 1) {
      throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
    }
    if (!(memoryGib > 0)) {
      throw new IllegalArgumentException("memoryGib must be > 0, was " + memoryGib);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
  }
}
