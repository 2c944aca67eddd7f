package io.stratus.scheduler.core;

import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Objective;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.Scheduler;
import io.stratus.scheduler.ScorePlugin;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Cost and performance together. Three ways to rank the feasible candidates:
 *
 * <ul>
 *   <li>a single trade-off knob {@code t} in [0, 1] ({@link Builder#tradeOff(double)}): cost weighs {@code 1 - t},
 *       CPU, latency and reliability {@code t / 3} each; 0 is the {@link CostAwareScheduler}'s choice, 1 the
 *       {@link PerformanceScheduler}'s;
 *   <li>weighted mode ({@link Builder#weight(Objective, double)}, {@link Builder#score(ScorePlugin, double)}): any
 *       weights on the built-in objectives and the host's score plugins, each score normalized to [0, 1] across the
 *       feasible candidates;
 *   <li>lexicographic mode ({@link Builder#lexicographic(List, double)}): best on the first objective, then among
 *       those within a relative tolerance of it, best on the next, and so on.
 * </ul>
 *
 * <p>{@link #paretoFront(Workload)} returns every feasible candidate that no other beats on all of cost, CPU, latency
 * and reliability at once. The filters (compliance never bypassed, capacity, cost and performance limits) are those of
 * every scheduler; predictions are as documented on {@link PerformanceScheduler}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EnhancedScheduler implements Scheduler {
  private final Engine engine;

  private EnhancedScheduler(Engine engine) {
    this.engine = engine;
  }

  /**
   * A new builder; by default the trade-off knob is 0.5.
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
   * The cost/performance trade-offs on offer for one workload.
   *
   * @param workload the workload; never null
   * @return the non-dominated feasible candidates, cheapest first, with the filter explanation; never null
   * @throws io.stratus.ProviderException if prices or inventory cannot be read
   */
  public ParetoFront paretoFront(Workload workload) {
    return engine.pareto(workload);
  }

  /**
   * Builder for {@link EnhancedScheduler}; not thread-safe, {@code build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder extends SchedulerBuilder<Builder> {
    private final Map<Objective, Double> weights = new EnumMap<>(Objective.class);
    private final List<ScorePlugin> plugins = new ArrayList<>();
    private final List<Double> pluginWeights = new ArrayList<>();
    private List<Objective> order;
    private double tolerance;

    private Builder() {
      tradeOff(0.5);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the cost/performance knob: cost weighs {@code 1 - t}, CPU, latency and reliability {@code t / 3} each.
     * Replaces earlier weights and leaves lexicographic mode.
     *
     * @param t in [0, 1]; 0 is cheapest, 1 is best performing
     * @return this builder
     * @throws IllegalArgumentException if t is outside [0, 1] or NaN
     */
    public Builder tradeOff(double t) {
      if (!(t >= 0 && t <= 1)) {
        throw new IllegalArgumentException("tradeOff must be in [0, 1], got " + t);
      }
      weights.put(Objective.COST, 1 - t);
      weights.put(Objective.CPU, t / 3);
      weights.put(Objective.LATENCY, t / 3);
      weights.put(Objective.RELIABILITY, t / 3);
      order = null;
      return this;
    }

    /**
     * Sets one objective's weight (weighted mode). Leaves lexicographic mode.
     *
     * @param objective the objective; never null
     * @param weight finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if the weight is negative, NaN or infinite
     */
    public Builder weight(Objective objective, double weight) {
      Objects.requireNonNull(objective, "objective must not be null");
      Scoring.requireWeight(weight, objective.pluginName());
      weights.put(objective, weight);
      order = null;
      return this;
    }

    /**
     * Adds a host score plugin with a weight (weighted mode).
     *
     * @param plugin the plugin; never null
     * @param weight finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if the weight is negative, NaN or infinite
     */
    public Builder score(ScorePlugin plugin, double weight) {
      Objects.requireNonNull(plugin, "score plugin must not be null");
      Scoring.requireWeight(weight, plugin.name());
      plugins.add(plugin);
      pluginWeights.add(weight);
      return this;
    }

    /**
     * Switches to lexicographic mode.
     *
     * @param order objectives by priority, none repeated, at least one; never null
     * @param tolerance relative slack in [0, 1] within which a candidate counts as tied on an objective, e.g. 0.05
     * @return this builder
     * @throws IllegalArgumentException if the order is empty or repeats an objective, or the tolerance is outside
     *     [0, 1]
     */
    public Builder lexicographic(List<Objective> order, double tolerance) {
      Scoring.lexicographic(order, tolerance);
      this.order = List.copyOf(order);
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler; never null
     * @throws io.stratus.InvalidConfigurationException if no pricing provider was given
     * @throws IllegalArgumentException if all weights are zero, or refreshAfter is not shorter than cacheTtl
     */
    public EnhancedScheduler build() {
      Scoring scoring;
      if (order != null) {
        if (!plugins.isEmpty()) {
          throw new IllegalArgumentException(
              "score plugins need weighted mode; lexicographic mode ranks the built-in objectives only");
        }
        scoring = Scoring.lexicographic(order, tolerance);
      } else {
        double[] w = new double[Objective.values().length];
        weights.forEach((k, v) -> w[k.ordinal()] = v);
        double[] pw = new double[pluginWeights.size()];
        for (int j = 0; j < pw.length; j++) {
          pw[j] = pluginWeights.get(j);
        }
        scoring = Scoring.weighted(w, plugins, pw);
      }
      return new EnhancedScheduler(engine(scoring, "enhanced"));
    }
  }
}
