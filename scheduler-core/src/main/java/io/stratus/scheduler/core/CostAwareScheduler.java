package io.stratus.scheduler.core;

import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Places each workload where it costs least per hour, by live prices. Free capacity on running machines comes first
 * (it is already paid for, so it adds nothing; running machines on reservations or commitments before others), then
 * the cheapest new instance by expected hourly cost. Spot is chosen only when the workload allows it and the offer's
 * interruption rate is within its limit; otherwise on-demand (or a commitment, where allowed) is the fallback. The
 * expected cost of spot adds the interruption rate as a rework surcharge.
 *
 * <p>Every hard rule of the workload holds: compliance (never bypassed), architecture, GPUs, capacity, purchase
 * options, max hourly cost and the performance requirements (on observed or estimated figures).
 *
 * <p>Thread-safe. Prices and running machines are read through a Caffeine cache (see {@link SchedulerBuilder}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostAwareScheduler implements Scheduler {
  private final Engine engine;

  private CostAwareScheduler(Engine engine) {
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
   * Builder for {@link CostAwareScheduler}; not thread-safe, {@code build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder extends SchedulerBuilder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler; never null
     * @throws io.stratus.InvalidConfigurationException if no pricing provider was given
     * @throws IllegalArgumentException if refreshAfter is not shorter than cacheTtl
     */
    public CostAwareScheduler build() {
      return new CostAwareScheduler(engine(Scoring.costOnly(), "cost-aware"));
    }
  }
}
