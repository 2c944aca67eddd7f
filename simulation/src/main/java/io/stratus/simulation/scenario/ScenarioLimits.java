package io.stratus.simulation.scenario;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Limits a scenario must respect to be accepted by {@link ScenarioSpec#parse(String, String, ScenarioLimits)}, so
 * that a typo such as {@code perHour: 1e308} is refused at parse time, with the computed job count in the message,
 * instead of exhausting the heap once the run starts.
 *
 * <ul>
 *   <li>{@link #maxJobsPerRun()}: the expected number of jobs of one run (one scheduler, one replication) summed over
 *       the workloads: mean arrival rate (for a random walk its maximum) x duration. Default {@value
 *       #DEFAULT_MAX_JOBS_PER_RUN}; a run keeps roughly 1 KiB of heap per job, and runs execute in parallel on the
 *       host's executor.
 *   <li>{@link #maxDuration()}: the longest simulated duration. Default 3,650 days; at most {@link
 *       #HARD_MAX_DURATION} (the engine counts nanoseconds in a {@code long}).
 * </ul>
 *
 * <p>Every sweep point is checked against the same limits. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioLimits {
  /** The default {@link #maxJobsPerRun()}. */
  public static final long DEFAULT_MAX_JOBS_PER_RUN = 2_000_000;
  /** The largest duration any limit may allow: 200 years of 365 days. */
  public static final Duration HARD_MAX_DURATION = Duration.ofDays(200 * 365);

  private static final ScenarioLimits DEFAULTS = new ScenarioLimits(DEFAULT_MAX_JOBS_PER_RUN, Duration.ofDays(3650));

  private final long maxJobsPerRun;
  private final Duration maxDuration;

  private ScenarioLimits(long maxJobsPerRun, Duration maxDuration) {
    this.maxJobsPerRun = maxJobsPerRun;
    this.maxDuration = maxDuration;
  }

  /**
   * The default limits: {@value #DEFAULT_MAX_JOBS_PER_RUN} expected jobs per run, 3,650 days.
   *
   * @return the defaults; never null
   */
  public static ScenarioLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another job cap.
   *
   * @param jobs the largest expected number of jobs of one run, {@code >= 1}
   * @return the copy; never null
   * @throws IllegalArgumentException if jobs is below 1
   */
  public ScenarioLimits withMaxJobsPerRun(long jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("maxJobsPerRun must be >= 1, was " + jobs);
    }
    return new ScenarioLimits(jobs, maxDuration);
  }

  /**
   * A copy with another duration cap.
   *
   * @param duration the longest simulated duration; never null, positive, at most {@link #HARD_MAX_DURATION}
   * @return the copy; never null
   * @throws NullPointerException if duration is null
   * @throws IllegalArgumentException if duration is not positive or above the hard maximum
   */
  public ScenarioLimits withMaxDuration(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero() || duration.compareTo(HARD_MAX_DURATION) > 0) {
      throw new IllegalArgumentException("maxDuration must be positive and at most " + HARD_MAX_DURATION + ", was "
          + duration);
    }
    return new ScenarioLimits(maxJobsPerRun, duration);
  }

  /**
   * The largest expected number of jobs of one run.
   *
   * @return the cap, {@code >= 1}
   */
  public long maxJobsPerRun() {
    return maxJobsPerRun;
  }

  /**
   * The longest simulated duration.
   *
   * @return the cap; never null
   */
  public Duration maxDuration() {
    return maxDuration;
  }

  @Override
  public String toString() {
    return "ScenarioLimits[maxJobsPerRun=" + maxJobsPerRun + ", maxDuration=" + maxDuration + "]";
  }
}
