package io.stratus.spi;

import java.util.concurrent.Executor;
import org.apiguardian.api.API;

/**
 * What-if before acting: simulates a {@link io.stratus.scheduler.PlacementPlan} from any scheduler over the next days
 * (prices, spot interruptions, failures) before the host applies it, and reports its expected cost, SLO risk and
 * interruption exposure with confidence intervals, next to the current fleet and a baseline placement. Found through
 * {@link java.util.ServiceLoader} (the {@code stratus-simulation} module registers the {@code simulated} one) or
 * registered by hand in a {@link ProviderRegistry}.
 *
 * <p>Implementations are thread-safe and deterministic: the same request (same seed) gives an equal report whatever
 * the executor and its number of threads.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PlanSimulator extends StratusProvider {
  /**
   * Simulates a request's plan, current fleet and baseline on common random numbers.
   *
   * @param request what to simulate; never null
   * @param executor where the Monte Carlo replications run (e.g. {@code Runnable::run} for the calling thread); never
   *     null
   * @return the report; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the request uses an instance type, region or purchase option the simulator
   *     cannot price
   */
  WhatIfReport simulate(WhatIfRequest request, Executor executor);
}
