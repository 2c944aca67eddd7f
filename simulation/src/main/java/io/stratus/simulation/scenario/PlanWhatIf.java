package io.stratus.simulation.scenario;

import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.validation.ConfidenceInterval;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    List<Footprint.Slot> slots = new ArrayList<>(candidates.size());
    for (int s = 0; s < candidates.size(); s++) {
      Candidate c = candidates.get(s);
      slots.add(new Footprint.Slot(c.instanceType().id(), c.region().id(), null, c.purchaseOption(),
          Map.of("plan-slot", Integer.toString(s)), false));
    }
    Footprint.Measures m = Footprint.replicate(catalog, slots, start, horizon, risks, streams);
    return new double[] {m.cost(), m.interruptions(), m.failures(), 1 - m.downFraction()};
  }
}
