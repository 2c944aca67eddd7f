package io.stratus.monitoring.internal;

import java.time.Duration;
import org.apiguardian.api.API;

/** Time-bucket arithmetic shared by the metric store and its SPI. Not API. Stateless and thread-safe. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Buckets {
  private Buckets() {}

  /**
   * A bucket width in milliseconds.
   *
   * @param step the width; never null
   * @return the width in milliseconds, {@code > 0}
   * @throws IllegalArgumentException if the step is not a positive whole number of milliseconds
   */
  public static long stepMillis(Duration step) {
    Checks.positive(step, "step");
    long ms = step.toMillis();
    if (ms <= 0 || !Duration.ofMillis(ms).equals(step)) {
      throw new IllegalArgumentException("step must be a whole number of milliseconds > 0, got " + step);
    }
    return ms;
  }

  /**
   * The start of the bucket holding a time.
   *
   * @param t epoch milliseconds
   * @param step bucket width in milliseconds, {@code > 0}
   * @return the bucket start, at or before {@code t}
   */
  public static long floor(long t, long step) {
    return Math.floorDiv(t, step) * step;
  }
}
