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
}
