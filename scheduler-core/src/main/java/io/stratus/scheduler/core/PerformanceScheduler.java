package io.stratus.scheduler.core;

import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Objective;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Places each workload where it is predicted to perform best and meets its {@code PerformanceRequirements}, or says
 * why not. Predictions come from the {@code PerformanceHistoryProvider} where it has observations, else from
 * documented estimates:
 *
 * <ul>
 *   <li>CPU score per vCPU: observed, else 1.0 (the reference core);
 *   <li>p95 round-trip latency from the region to each user location: observed, else {@code 2 * d / 100 + 5} ms for a
 *       great-circle distance of {@code d} km (light in fibre covers ~200 km/ms and real routes are ~2x the great
 *       circle, plus 5 ms of access and host overhead); the farthest location counts;
 *   <li>monthly failure probability: observed, else 0.5 % (the 99.5 % single-instance SLA of the big three), and never
 *       below the spot interruption rate; the predicted availability {@code 1 - rate} must reach the target.
 * </ul>
 *
 * <p>Ranking: weighted sum of the normalized CPU, latency and reliability scores (equal weights by default). Cost
 * constraints still hold (max hourly cost, spot and commitment rules). Batch placement places on the feasible
 * candidates at minimum cost.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PerformanceScheduler implements Scheduler {
  private final Engine engine;

  private PerformanceScheduler(Engine engine) {
    this.engine = engine;
  }

  /**
   * A new builder.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Decision schedule(Workload workload) {
    return engine.decide(workload);
  }

  @Override
  public PlacementPlan placeAll(List<Workload> workloads) {
    return engine.placeAll(workloads);
  }

  /**
   * Every running machine the inventory read but could not price, with the provider's reason, as of the snapshot the
   * next decision uses (read through the same cache, so the call may fetch prices and machines). Decisions report
   * these machines by reason and name at most ten of them in a note; this map has all of them, so that a host can
   * fix its catalog.
   *
   * <p>Thread-safe.
   *
   * @return machine id to the provider's reason (without the {@code "unknown price: "} prefix decisions add), sorted by
   *     id; immutable, never null, empty without an inventory or when every machine is priced
   * @throws io.stratus.ProviderException if prices or inventory cannot be read; with
   *     {@link SchedulerBuilder#failOnUnpricedMachines(boolean) failOnUnpricedMachines(true)}, the inventory's
   *     {@link io.stratus.spi.PriceUnavailableException} (whose {@code unpriced()} is the same map)
   * @since 0.1
   */
  public Map<String, String> unpricedMachines() {
    return engine.unpricedMachines();
  }

  /**
   * Builder for {@link PerformanceScheduler}; not thread-safe, {@code build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder extends SchedulerBuilder<Builder> {
    private double cpu = 1;
    private double latency = 1;
    private double reliability = 1;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the weights of the performance objectives (default 1, 1, 1).
     *
     * @param cpu weight of the CPU score, finite and {@code >= 0}
     * @param latency weight of the p95 latency, finite and {@code >= 0}
     * @param reliability weight of the failure rate, finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if a weight is negative, NaN or infinite, or all are zero
     */
    public Builder weights(double cpu, double latency, double reliability) {
      Scoring.requireWeight(cpu, Objective.CPU.pluginName());
      Scoring.requireWeight(latency, Objective.LATENCY.pluginName());
      Scoring.requireWeight(reliability, Objective.RELIABILITY.pluginName());
      if (cpu + latency + reliability <= 0) {
        throw new IllegalArgumentException("weights must not all be zero, got 0, 0, 0");
      }
      this.cpu = cpu;
      this.latency = latency;
      this.reliability = reliability;
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler; never null
     * @throws io.stratus.InvalidConfigurationException if no pricing provider was given
     * @throws IllegalArgumentException if refreshAfter is not shorter than cacheTtl
     */
    public PerformanceScheduler build() {
      double[] w = new double[Objective.values().length];
      w[Objective.CPU.ordinal()] = cpu;
      w[Objective.LATENCY.ordinal()] = latency;
      w[Objective.RELIABILITY.ordinal()] = reliability;
      return new PerformanceScheduler(engine(Scoring.weighted(w, List.of(), new double[0]), "performance"));
    }
  }
}
