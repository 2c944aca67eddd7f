package io.stratus.simulation.scenario;

import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.simulation.environment.EnvironmentEvent;
import io.stratus.simulation.environment.EnvironmentSimulator;
import io.stratus.simulation.environment.LaunchResult;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.validation.ConfidenceInterval;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;

/**
 * What-if before acting: simulates the new instances of a {@link PlacementPlan} over the next days in a simulated
 * cloud (spot prices, spot interruptions, instance failures, zone and region outages) and reports the expected
 * cost, interruption exposure and availability with confidence intervals over Monte Carlo replications. An
 * interrupted or failed instance is relaunched with the same candidate; the time until it runs again is downtime.
 * Evaluate the current placement and the alternatives (e.g. a baseline scheduler's plan) with the same seed to
 * compare them on common random numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PlanWhatIf {
  private static final long RETRY_NANOS = Duration.ofMinutes(5).toNanos();

  private final PricingProvider catalog;

  private PlanWhatIf(PricingProvider catalog) {
    this.catalog = catalog;
  }

  /**
   * A what-if evaluator whose simulated clouds take regions, types and prices from a catalog.
   *
   * @param catalog the catalog; never null, thread-safe
   * @return the evaluator; never null
   * @throws NullPointerException if catalog is null
   */
  public static PlanWhatIf create(PricingProvider catalog) {
    return new PlanWhatIf(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Risk settings of the simulated period.
   *
   * @param instanceFailuresPerHour failures per instance-hour, {@code >= 0}
   * @param spotInterruptionMultiplier factor on the catalog's monthly spot interruption rates, {@code >= 0}
   * @param zoneOutagesPerDay outages per zone per day, {@code >= 0}
   * @param regionOutagesPerDay outages per region per day, {@code >= 0}
   * @param meanOutage mean outage length; never null, positive
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Risks(double instanceFailuresPerHour, double spotInterruptionMultiplier, double zoneOutagesPerDay,
      double regionOutagesPerDay, Duration meanOutage) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Risks {
      if (!(instanceFailuresPerHour >= 0 && spotInterruptionMultiplier >= 0 && zoneOutagesPerDay >= 0
          && regionOutagesPerDay >= 0)) {
        throw new IllegalArgumentException("risk rates must be >= 0, were " + instanceFailuresPerHour + ", "
            + spotInterruptionMultiplier + ", " + zoneOutagesPerDay + ", " + regionOutagesPerDay);
      }
      Objects.requireNonNull(meanOutage, "meanOutage");
      if (meanOutage.isNegative() || meanOutage.isZero()) {
        throw new IllegalArgumentException("meanOutage must be positive, was " + meanOutage);
      }
    }
  }

  /**
   * The outcome of a plan over the simulated period.
   *
   * @param instances instances of the plan
   * @param replications Monte Carlo replications
   * @param costUsd total cost with its interval; never null
   * @param interruptions spot interruptions with their interval; never null
   * @param failures instance failures (including outages) with their interval; never null
   * @param availability fraction of instance-time running (initial provisioning counts as down), with its interval;
   *     never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Outcome(int instances, int replications, ConfidenceInterval costUsd,
      ConfidenceInterval interruptions, ConfidenceInterval failures, ConfidenceInterval availability) {
    /**
     * Validates.
     *
     * @throws NullPointerException if an interval is null
     */
    public Outcome {
      Objects.requireNonNull(costUsd, "costUsd");
      Objects.requireNonNull(interruptions, "interruptions");
      Objects.requireNonNull(failures, "failures");
      Objects.requireNonNull(availability, "availability");
    }
  }

  /**
   * Simulates a plan's new instances.
   *
   * @param plan the plan; never null, with at least one new instance
   * @param start when the period starts; never null
   * @param horizon how long; never null, positive
   * @param risks the risk settings; never null
   * @param replications Monte Carlo replications, {@code >= 2}
   * @param seed the seed; replication r uses {@code RandomStreams.of(seed).forReplication(r)}
   * @param level confidence level in (0, 1)
   * @param executor where replications run; never null
   * @return the outcome; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the plan has no new instance or a number is out of range
   */
  public Outcome evaluate(PlacementPlan plan, Instant start, Duration horizon, Risks risks, int replications,
      long seed, double level, Executor executor) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(risks, "risks");
    Objects.requireNonNull(executor, "executor");
    if (plan.newInstances().isEmpty()) {
      throw new IllegalArgumentException("plan has no new instance to simulate");
    }
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive, was " + horizon);
    }
    if (replications < 2) {
      throw new IllegalArgumentException("replications must be >= 2 for an interval, was " + replications);
    }
    List<Candidate> candidates = new ArrayList<>();
    plan.newInstances().forEach(n -> candidates.add(n.candidate()));
    List<CompletableFuture<double[]>> fs = new ArrayList<>();
    for (int r = 0; r < replications; r++) {
      int rep = r;
      fs.add(CompletableFuture.supplyAsync(
          () -> replicate(candidates, start, horizon, risks, RandomStreams.of(seed).forReplication(rep)), executor));
    }
    double[][] m = new double[4][replications];
    for (int r = 0; r < replications; r++) {
      double[] v;
      try {
        v = fs.get(r).join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
      }
      for (int k = 0; k < 4; k++) {
        m[k][r] = v[k];
      }
    }
    return new Outcome(candidates.size(), replications, ConfidenceInterval.ofMean(m[0], level),
        ConfidenceInterval.ofMean(m[1], level), ConfidenceInterval.ofMean(m[2], level),
        ConfidenceInterval.ofMean(m[3], level));
  }

  private double[] replicate(List<Candidate> candidates, Instant start, Duration horizon, Risks risks,
      RandomStreams streams) {
    SimulationEngine engine = SimulationEngine.create(start);
    Set<String> regions = new TreeSet<>();
    candidates.forEach(c -> regions.add(c.region().id()));
    Map<String, Integer> slotOf = new HashMap<>();
    long[] downSince = new long[candidates.size()];
    long[] downtime = new long[candidates.size()];
    int[] counts = new int[2];
    int[] relaunch = new int[1];
    EnvironmentSimulator[] envRef = new EnvironmentSimulator[1];
    EnvironmentSimulator env = EnvironmentSimulator.builder(catalog, engine, streams)
        .regionIds(regions)
        .apiRateLimit(0, 1)
        .defaultVcpuQuota(Integer.MAX_VALUE)
        .instanceFailuresPerHour(risks.instanceFailuresPerHour())
        .spotInterruptionMultiplier(risks.spotInterruptionMultiplier())
        .outageRates(risks.zoneOutagesPerDay(), risks.regionOutagesPerDay(), 0, risks.meanOutage())
        .listener(e -> {
          Integer slot = slotOf.get(e.vmId());
          if (slot == null) {
            return;
          }
          if (e.type() == EnvironmentEvent.Type.VM_RUNNING) {
            downtime[slot] += engine.nowNanos() - downSince[slot];
            downSince[slot] = -1;
          } else if (e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED
              || e.type() == EnvironmentEvent.Type.VM_FAILED) {
            counts[e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED ? 0 : 1]++;
            slotOf.remove(e.vmId());
            downSince[slot] = engine.nowNanos();
            engine.scheduleAfter(0, relaunch[0], slot, 0);
          }
        })
        .build();
    envRef[0] = env;
    relaunch[0] = engine.register((e, slot, a) -> {
      Candidate c = candidates.get(slot);
      LaunchResult r = envRef[0].launch(c.instanceType().id(), c.region().id(), null, c.purchaseOption(),
          Map.of("plan-slot", Integer.toString(slot)));
      if (r.accepted()) {
        slotOf.put(r.vmId(), slot);
      } else {
        e.scheduleAfter(RETRY_NANOS, relaunch[0], slot, 0);
      }
    });
    env.drawOutages(horizon);
    for (int s = 0; s < candidates.size(); s++) {
      downSince[s] = 0;
      engine.schedule(0, relaunch[0], s, 0);
    }
    engine.runFor(horizon);
    long end = engine.nowNanos();
    long down = 0;
    for (int s = 0; s < candidates.size(); s++) {
      down += downtime[s] + (downSince[s] >= 0 ? end - downSince[s] : 0);
    }
    double cost = 0;
    for (UsageRecord u : env.usage()) {
      cost += u.cost().doubleValue();
    }
    double availability = 1 - down / ((double) end * candidates.size());
    return new double[] {cost, counts[0], counts[1], availability};
  }
}
