package io.stratus.spi;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What waits when a provider must pause: between the attempts of a retried remote call, or for a rate-limiter permit.
 * It is to waiting what an injected {@link java.time.InstantSource} is to reading the time: providers take a sleeper
 * instead of calling {@link Thread#sleep(long)}, so tests (and the simulator) run retry and rate-limit policies
 * without waiting, and can check every wait. The cloud adapters take one on their builders.
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
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper: blocks the calling thread with {@link Thread#sleep(long, int)}.
   *
   * @return the sleeper; never null
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
