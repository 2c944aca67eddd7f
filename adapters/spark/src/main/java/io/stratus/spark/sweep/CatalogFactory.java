package io.stratus.spark.sweep;

import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.Serializable;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Makes the price catalog of the simulated clouds where a Spark task runs (a catalog is not shipped from the driver:
 * each task makes its own). It is serialized with the job, so a lambda or class implementing it must capture only
 * serializable values.
 *
 * <p>Implementations must be thread-safe and return a thread-safe catalog; each call may return a new one.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface CatalogFactory extends Serializable {
  /**
   * Makes the catalog.
   *
   * @return the catalog; never null
   */
  PricingProvider create();

  /**
   * The catalog registered under an id with {@link java.util.ServiceLoader} on the task's class path (e.g. {@code
   * "catalog"}, the bundled price tables of {@code stratus-scheduler-core}).
   *
   * @param id the provider id; never null
   * @return the factory; never null
   * @throws NullPointerException if id is null
   */
  static CatalogFactory registered(String id) {
    Objects.requireNonNull(id, "id");
    return () -> ProviderRegistry.load(PricingProvider.class).require(id);
  }
}
