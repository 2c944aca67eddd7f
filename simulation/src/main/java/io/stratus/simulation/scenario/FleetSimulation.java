package io.stratus.simulation.scenario;

import io.stratus.model.Workload;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.spi.PricingProvider;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * Runs one replication of a scenario with one scheduler, like {@link ScenarioEngine} does, and keeps the simulated
 * fleet's exact usage, so the run can be billed ({@link io.stratus.simulation.environment.SimulatedBillingSource}) and
 * monitored ({@link io.stratus.simulation.environment.SimulatedMetricsSource}) afterwards.
 *
 * <p>Stateless and thread-safe; each call runs on the calling thread.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FleetSimulation {
  private FleetSimulation() {}

  /**
   * The totals and the machines' usage of one run.
   *
   * <p>Immutable and thread-safe.
   *
   * @param result the run's totals; never null
   * @param usage one record per machine that ran, in launch order, up to the end of the scenario; never null
   * @param events the number of events the simulation engine fired, {@code >= 0}
   * @param decisions the number of placement decisions made (first placements, migrations and retries), {@code >= 0}
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Outcome(RunResult result, List<UsageRecord> usage, long events, long decisions) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a count is negative
     */
    public Outcome {
      Objects.requireNonNull(result, "result");
      usage = List.copyOf(usage);
      if (events < 0 || decisions < 0) {
        throw new IllegalArgumentException(
            "events and decisions must be >= 0, were " + events + " and " + decisions);
      }
    }
  }

  /**
   * Simulates replication {@code 0} of a scenario with one scheduler (the scenario's own scheduler list is ignored).
   *
   * @param spec the scenario; never null
   * @param scheduler the scheduler under test; never null
   * @param catalog the catalog the environment is priced from, e.g. the bundled catalog; never null
   * @return the totals and usage; never null
   * @throws NullPointerException if an argument is null
   * @throws io.stratus.InvalidConfigurationException if the scenario's environment does not match the catalog
   */
  public static Outcome run(ScenarioSpec spec, SchedulerKind scheduler, PricingProvider catalog) {
    return run(spec, scheduler, catalog, UnaryOperator.identity());
  }

  /**
   * Simulates replication {@code 0} of a scenario with one scheduler, adding placement requirements that the scenario
   * file does not express (data residency, provider allow lists, certifications, latency to users) to each workload
   * before it is placed. The workload handed to {@code requirements} carries the job's {@code team} and {@code
   * workload} labels, its demand, class, expected duration and whether spot is allowed. The scheduler under test
   * sees the whole workload; the first-fit and round-robin baselines honour its compliance requirements (they do not
   * score latency or performance).
   *
   * @param spec the scenario; never null
   * @param scheduler the scheduler under test; never null
   * @param catalog the catalog the environment is priced from, e.g. the bundled catalog; never null
   * @param requirements returns the workload to place, e.g. {@code w.toBuilder().compliance(...).build()}; never
   *     null, must not return null; called on the calling thread once per placement decision
   * @return the totals and usage; never null
   * @throws NullPointerException if an argument is null, or {@code requirements} returns null
   * @throws io.stratus.InvalidConfigurationException if the scenario's environment does not match the catalog
   */
  public static Outcome run(
      ScenarioSpec spec, SchedulerKind scheduler, PricingProvider catalog, UnaryOperator<Workload> requirements) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(requirements, "requirements");
    ScenarioRun run = new ScenarioRun(spec, scheduler, 0, catalog, requirements);
    RunResult result = run.run();
    return new Outcome(result, run.usage(), run.eventsProcessed(), run.decisions());
  }
}
