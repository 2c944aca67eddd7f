package io.stratus.monitoring.spi;

import io.stratus.spi.StratusProvider;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An active health check: an HTTP ping, a cloud status API, a synthetic transaction, or the simulator's view of its
 * failures. The host (or a {@link io.stratus.monitoring.health.HealthChecker}) calls {@link #probe(HealthTarget)} on
 * its own schedule and feeds the results to a {@link io.stratus.monitoring.health.HealthChecker}.
 *
 * <p>Implementations are thread-safe and bound the time a probe takes. A probe that cannot reach its target returns
 * {@link ProbeResult.Outcome#DOWN}; it throws only when the probe itself is broken.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface HealthProbe extends StratusProvider {
  /**
   * The targets this probe can check.
   *
   * @return an immutable list; never null
   */
  List<HealthTarget> targets();

  /**
   * Checks one target now.
   *
   * @param target one of {@link #targets()}; never null
   * @return the result; never null
   * @throws IllegalArgumentException if the target is not one of {@link #targets()}
   * @throws io.stratus.ProviderException if the probe itself failed (as opposed to finding the target down)
   */
  ProbeResult probe(HealthTarget target);
}
