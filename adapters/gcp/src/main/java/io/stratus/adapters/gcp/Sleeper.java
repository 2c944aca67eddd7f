package io.stratus.adapters.gcp;

import java.time.Duration;

/** Waits between attempts and for rate-limiter permits; tests pass one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  /** The real one: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
