package io.stratus.simulation.engine;

import org.apiguardian.api.API;

/**
 * Counter-based random numbers: pure functions of a seed and a tuple of counters, built from the SplitMix64
 * finalizer. Because a value depends only on its coordinates (stream, entity, step), the order in which a simulation
 * draws values never changes them, which makes runs reproducible across thread counts and independent of the order
 * in which components are initialized.
 *
 * <p>The construction is {@code U(s,i,j) = (h(h(h(h(seed) ^ s) ^ i) ^ j) >>> 11) * 2^-53} with {@code h(x) =
 * mix64(x + 0x9E3779B97F4A7C15)}; it is the generator of the shared benchmark scenario {@code mcs-bench-1}.
 *
 * <p>Stateless and thread-safe (static methods only).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CounterRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private CounterRandom() {}

  /**
   * The SplitMix64 finalizer (Stafford variant 13), a bijection on 64-bit words.
   *
   * @param z the input word
   * @return the mixed word
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * One hashing step: {@code mix64(x + 0x9E3779B97F4A7C15)}.
   *
   * @param x the input word
   * @return the hashed word
   */
  public static long hash(long x) {
    return mix64(x + GOLDEN_GAMMA);
  }

  /**
   * The key of a stream: {@code h(h(seed) ^ stream)}. Precompute it when drawing many values from one stream.
   *
   * @param seed the run seed
   * @param stream the stream number
   * @return the stream key, to pass to {@link #uniform(long, long, long)}
   */
  public static long streamKey(long seed, long stream) {
    return hash(hash(seed) ^ stream);
  }

  /**
   * A uniform double in [0, 1) at coordinates (i, j) of a stream whose key came from {@link #streamKey}.
   *
   * @param streamKey the stream key
   * @param i the first coordinate (e.g. an entity index)
   * @param j the second coordinate (e.g. a step number, or 0)
   * @return a double in [0, 1) with 53 random bits
   */
  public static double uniform(long streamKey, long i, long j) {
    return toUnitDouble(hash(hash(streamKey ^ i) ^ j));
  }

  /**
   * A uniform double in [0, 1) at coordinates (stream, i, j) for a seed.
   *
   * @param seed the run seed
   * @param stream the stream number
   * @param i the first coordinate
   * @param j the second coordinate
   * @return a double in [0, 1) with 53 random bits
   */
  public static double uniform(long seed, long stream, long i, long j) {
    return uniform(streamKey(seed, stream), i, j);
  }

  /**
   * The top 53 bits of a word as a double in [0, 1).
   *
   * @param word a random word
   * @return {@code (word >>> 11) * 2^-53}
   */
  public static double toUnitDouble(long word) {
    return (word >>> 11) * DOUBLE_UNIT;
  }
}
