package io.stratus.adapters.azure;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Waits between retry attempts. The default sleeps the calling thread; tests inject one that records the waits
 * instead, so backoff and {@code Retry-After} are checked without waiting.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits.
   *
   * @param duration how long; never null, not negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The sleeper that blocks the calling thread with {@link Thread#sleep(long)}.
   *
   * @return the shared instance; never null
   */
  static Sleeper threadSleep() {
    return d -> Thread.sleep(d.toMillis());
  }
}
