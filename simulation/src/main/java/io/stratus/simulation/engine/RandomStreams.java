package io.stratus.simulation.engine;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Independent, reproducible random streams derived from one run seed: each component (a workload generator, a
 * failure model, a spot price process...) asks for its own stream by a stable name, and gets the same sequence for
 * the same seed and name whatever other components draw, in which order, or on which thread.
 *
 * <p>Streams are {@link SplittableRandom}s seeded with {@code h(h(seed) ^ fnv1a64(name))} (see {@link
 * CounterRandom}); Monte Carlo replication {@code r} uses {@link #forReplication(int)}, whose seed depends only on the
 * run seed and {@code r}, so replications give identical results when run on any number of threads.
 *
 * <p>Immutable and thread-safe; the returned {@link SplittableRandom} instances are not thread-safe and belong to the
 * caller.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RandomStreams {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long REPLICATION_STREAM = 0x5245504CL; // "REPL"

  private final long seed;

  private RandomStreams(long seed) {
    this.seed = seed;
  }

  /**
   * Streams for a run seed.
   *
   * @param seed the run seed; any value
   * @return the streams; never null
   */
  public static RandomStreams of(long seed) {
    return new RandomStreams(seed);
  }

  /**
   * The run seed.
   *
   * @return the seed given to {@link #of(long)}
   */
  public long seed() {
    return seed;
  }

  /**
   * A fresh random stream for a named component; the same seed and name always give the same sequence.
   *
   * @param component a stable component name, e.g. {@code "workload/web"}; never null or blank
   * @return a new generator positioned at the start of the stream; never null
   * @throws NullPointerException if component is null
   * @throws IllegalArgumentException if component is blank
   */
  public SplittableRandom stream(String component) {
    return new SplittableRandom(seedOf(component));
  }

  /**
   * The 64-bit seed of a named component's stream, e.g. to key {@link CounterRandom#uniform(long, long, long)}.
   *
   * @param component a stable component name; never null or blank
   * @return the derived seed
   * @throws NullPointerException if component is null
   * @throws IllegalArgumentException if component is blank
   */
  public long seedOf(String component) {
    Objects.requireNonNull(component, "component");
    if (component.isBlank()) {
      throw new IllegalArgumentException("component must not be blank, was '" + component + "'");
    }
    return CounterRandom.streamKey(seed, fnv1a64(component));
  }

  /**
   * The streams of Monte Carlo replication {@code r}, a pure function of the run seed and {@code r}.
   *
   * @param replication the replication number, {@code >= 0}
   * @return the replication's streams; never null
   * @throws IllegalArgumentException if replication is negative
   */
  public RandomStreams forReplication(int replication) {
    if (replication < 0) {
      throw new IllegalArgumentException("replication must be >= 0, was " + replication);
    }
    return new RandomStreams(CounterRandom.hash(CounterRandom.streamKey(seed, REPLICATION_STREAM) ^ replication));
  }

  private static long fnv1a64(String s) {
    long h = FNV_OFFSET;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  @Override
  public String toString() {
    return "RandomStreams[seed=" + seed + "]";
  }
}
