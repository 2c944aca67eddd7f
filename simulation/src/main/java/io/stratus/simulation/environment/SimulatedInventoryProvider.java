package io.stratus.simulation.environment;

import io.stratus.spi.InventoryProvider;
import org.apiguardian.api.API;

/**
 * The {@code simulated} InventoryProvider found through {@link java.util.ServiceLoader}: a view of a shared demo
 * {@link EnvironmentSimulator} (bundled catalog, a small multi-cloud fleet simulated for one day from
 * 2026-01-01T00:00Z with seed 0). Hosts that drive their own simulation use {@link EnvironmentSimulator#inventoryProvider()}
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
public final class SimulatedInventoryProvider implements InventoryProvider {
  /** Creates the provider over the shared demo environment; cheap, the environment is built on first use. */
  public SimulatedInventoryProvider() {}

  private static InventoryProvider delegate() {
    return DemoEnvironment.get().inventoryProvider();
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
  public java.util.List<io.stratus.model.VirtualMachine> runningVms() {
    return delegate().runningVms();
  }
}
