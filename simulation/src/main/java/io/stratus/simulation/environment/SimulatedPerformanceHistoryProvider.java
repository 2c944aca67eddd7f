package io.stratus.simulation.environment;

import io.stratus.spi.PerformanceHistoryProvider;
import org.apiguardian.api.API;

/**
 * The {@code simulated} PerformanceHistoryProvider found through {@link java.util.ServiceLoader}: a view of a shared demo
 * {@link EnvironmentSimulator} (bundled catalog, a small multi-cloud fleet simulated for one day from
 * 2026-01-01T00:00Z with seed 0). Hosts that drive their own simulation use {@link EnvironmentSimulator#performanceHistoryProvider()}
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
public final class SimulatedPerformanceHistoryProvider implements PerformanceHistoryProvider {
  /** Creates the provider over the shared demo environment; cheap, the environment is built on first use. */
  public SimulatedPerformanceHistoryProvider() {}

  private static PerformanceHistoryProvider delegate() {
    return DemoEnvironment.get().performanceHistoryProvider();
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
  public java.util.Optional<io.stratus.spi.PerformanceObservation> performance(
      io.stratus.model.InstanceType instanceType, io.stratus.model.Region region, String workloadClass) {
    return delegate().performance(instanceType, region, workloadClass);
  }

  @Override
  public java.util.Optional<io.stratus.spi.LatencyObservation> latency(
      io.stratus.model.Region region, io.stratus.model.UserLocation location) {
    return delegate().latency(region, location);
  }
}
