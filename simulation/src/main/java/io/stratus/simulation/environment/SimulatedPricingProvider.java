package io.stratus.simulation.environment;

import io.stratus.spi.PricingProvider;
import org.apiguardian.api.API;

/**
 * The {@code simulated} PricingProvider found through {@link java.util.ServiceLoader}: a view of a shared demo
 * {@link EnvironmentSimulator} (bundled catalog, a small multi-cloud fleet simulated for one day from
 * 2026-01-01T00:00Z with seed 0). Hosts that drive their own simulation use {@link EnvironmentSimulator#pricingProvider()}
 * instead.
 *
 * <p>{@linkplain #isSimulated() Simulated}: {@link io.stratus.spi.ProviderRegistry#load} holds it back until the host
 * opts in ({@code includeSimulated()} or {@code require("simulated")}). Constructing it is cheap; the demo environment
 * (about three seconds of simulation) is built on the first call that needs its data, once per class loader.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SimulatedPricingProvider implements PricingProvider {
  /** Creates the provider over the shared demo environment; cheap, the environment is built on first use. */
  public SimulatedPricingProvider() {}

  private static PricingProvider delegate() {
    return DemoEnvironment.get().pricingProvider();
  }

  @Override
  public String id() {
    return DemoEnvironment.ID;
  }

  /**
   * Always true: this provider serves a simulated demo cloud.
   *
   * @return true
   */
  @Override
  public boolean isSimulated() {
    return true;
  }

  @Override
  public String description() {
    return "Simulated multi-cloud demo environment (seed 0, one simulated day)";
  }

  @Override
  public java.util.Set<io.stratus.model.CloudProvider> providers() {
    return delegate().providers();
  }

  @Override
  public java.util.List<io.stratus.model.Region> regions() {
    return delegate().regions();
  }

  @Override
  public java.util.List<io.stratus.model.InstanceType> instanceTypes() {
    return delegate().instanceTypes();
  }

  @Override
  public java.util.List<io.stratus.model.Offer> offers(io.stratus.spi.OfferQuery query) {
    return delegate().offers(query);
  }

  @Override
  public java.util.OptionalLong pricesVersion() {
    return delegate().pricesVersion();
  }
}
