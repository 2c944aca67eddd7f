package io.stratus.spi;

import org.apiguardian.api.API;

/**
 * Common contract of every Stratus SPI: a unique id, and diagnostic metadata through default methods. Implementations
 * are found through {@link java.util.ServiceLoader} (register them in {@code META-INF/services/<interface>}) or
 * registered by hand in a {@link ProviderRegistry}. They must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface StratusProvider {
  /**
   * Unique id among the providers of the same SPI, e.g. {@code catalog}, {@code aws}, {@code simulated}.
   *
   * @return the id; never null or blank
   */
  String id();

  /**
   * A one-line description for logs and error messages.
   *
   * @return the description; never null
   */
  default String description() {
    return getClass().getName();
  }

  /**
   * Whether this provider serves simulated or demo data (a simulated cloud, generated billing or metrics) rather than
   * a real account or published prices. {@link ProviderRegistry#load(Class) Loading} holds simulated providers back:
   * {@link ProviderRegistry#all()} and {@link ProviderRegistry#single()} return them only after the host opts in
   * with {@link ProviderRegistry#includeSimulated()}, or one by one when the host names it ({@link
   * ProviderRegistry#require(String)}), so a demo never poses as a real provider. Providers registered by hand are
   * the host's explicit choice and are always returned. Implementations answer without expensive work (no
   * simulation is built to answer it).
   *
   * <p>The bundled price catalog (id {@code catalog}) is not simulated: it serves published list prices, as a dated
   * snapshot (each offer's {@code observedAt}), and is returned by {@code all()}.
   *
   * @return true for simulated or demo providers; false (the default) for real ones
   * @since 0.1
   */
  default boolean isSimulated() {
    return false;
  }
}
