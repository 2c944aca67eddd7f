package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.scheduler.PlacementPlan;
import io.stratus.spi.PlanSimulator;
import io.stratus.spi.ProviderRegistry;
import io.stratus.spi.WhatIfReport;
import io.stratus.spi.WhatIfRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PlanSimulator} must meet. Not thread-safe itself (JUnit creates one instance per test
 * method). Extend it in the implementation's tests, return a fresh simulator from {@link #createSimulator()} and a
 * plan it can price from {@link #samplePlan()}:
 *
 * <pre>{@code
 * class MyPlanSimulatorTest extends PlanSimulatorCompatibilityKit {
 *   protected PlanSimulator createSimulator() { return new MyPlanSimulator(); }
 *   protected PlacementPlan samplePlan() { return planWithTwoNewInstances(); }
 * }
 * }</pre>
 *
 * <p>It checks the id, the report's echo of the request, interval consistency, that the paired differences are the
 * differences of the means, that an empty fleet costs nothing, that nothing is interrupted when nothing can fail,
 * that a longer horizon costs more, determinism for a seed whatever the executor, and argument checks.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class PlanSimulatorCompatibilityKit {
  /** Start of the simulated periods. */
  protected static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** The simulator under test, created before each test. */
  protected PlanSimulator simulator;

  /** Creates the kit. */
  protected PlanSimulatorCompatibilityKit() {}

  /**
   * Creates the simulator under test; called before every test.
   *
   * @return the simulator; never null
   */
  protected abstract PlanSimulator createSimulator();

  /**
   * A plan the simulator can price, with at least one new instance and no assignment to a running machine.
   *
   * @return the plan; never null
   */
  protected abstract PlacementPlan samplePlan();

  /** Creates {@link #simulator}. */
  @BeforeEach
  void createSimulatorUnderTest() {
    simulator = createSimulator();
    assertThat(simulator).as("createSimulator()").isNotNull();
  }

  private WhatIfRequest.Builder request() {
    return WhatIfRequest.builder(samplePlan(), START).horizon(Duration.ofDays(2)).replications(4).seed(11);
  }

  @Test
  void id_isNonBlankAndRegistrable() {
    assertThat(simulator.id()).as("id()").isNotBlank();
    assertThat(simulator.description()).as("description()").isNotNull();
    ProviderRegistry<PlanSimulator> registry = ProviderRegistry.empty(PlanSimulator.class).register(simulator);
    assertThat(registry.require(simulator.id())).isSameAs(simulator);
  }

  @Test
  void simulate_report_echoesTheRequest() {
    WhatIfRequest req = request().confidenceLevel(0.9).build();
    WhatIfReport report = simulator.simulate(req, Runnable::run);
    assertThat(report.horizon()).isEqualTo(req.horizon());
    assertThat(report.replications()).isEqualTo(req.replications());
    assertThat(report.seed()).isEqualTo(req.seed());
    assertThat(report.confidenceLevel()).isEqualTo(0.9);
    assertThat(report.currency()).isEqualTo(req.plan().totalHourlyCost().currency());
    assertThat(report.baselineMethod()).isNotBlank();
  }

  @Test
  void simulate_estimates_areWithinTheirRanges() {
    WhatIfReport report = simulator.simulate(request().build(), Runnable::run);
    for (WhatIfReport.Estimate e : List.of(report.proposed(), report.current(), report.baseline())) {
      assertThat(e.expectedCost().lower()).as("cost lower bound").isGreaterThanOrEqualTo(0);
      assertThat(e.sloRisk().mean()).as("SLO risk").isBetween(0.0, 1.0);
      assertThat(e.interruptionExposure().lower()).as("exposure lower bound").isGreaterThanOrEqualTo(0);
    }
    assertThat(report.proposed().expectedCost().mean()).as("a plan with new instances costs something")
        .isPositive();
  }

  @Test
  void simulate_pairedDifferences_areDifferencesOfMeans() {
    WhatIfReport report = simulator.simulate(request().build(), Runnable::run);
    double tol = 1e-6 * (1 + Math.abs(report.proposed().expectedCost().mean()));
    assertThat(report.proposedVsCurrent().expectedCost().mean())
        .isCloseTo(report.proposed().expectedCost().mean() - report.current().expectedCost().mean(), within(tol));
    assertThat(report.proposedVsBaseline().expectedCost().mean())
        .isCloseTo(report.proposed().expectedCost().mean() - report.baseline().expectedCost().mean(), within(tol));
    assertThat(report.proposedVsBaseline().sloRisk().mean())
        .isCloseTo(report.proposed().sloRisk().mean() - report.baseline().sloRisk().mean(), within(1e-9));
  }

  @Test
  void simulate_emptyFleet_currentCostsNothing() {
    WhatIfReport report = simulator.simulate(request().build(), Runnable::run);
    assertThat(report.current().expectedCost()).isEqualTo(WhatIfReport.Interval.exactly(0));
    assertThat(report.current().interruptionExposure()).isEqualTo(WhatIfReport.Interval.exactly(0));
  }

  @Test
  void simulate_nothingCanFail_noExposure() {
    WhatIfReport report =
        simulator.simulate(request().assumptions(WhatIfRequest.Assumptions.none()).build(), Runnable::run);
    assertThat(report.proposed().interruptionExposure()).isEqualTo(WhatIfReport.Interval.exactly(0));
    assertThat(report.baseline().interruptionExposure()).isEqualTo(WhatIfReport.Interval.exactly(0));
  }

  @Test
  void simulate_longerHorizon_costsMore() {
    WhatIfRequest.Assumptions none = WhatIfRequest.Assumptions.none();
    double two = simulator.simulate(request().assumptions(none).build(), Runnable::run)
        .proposed().expectedCost().mean();
    double four = simulator.simulate(request().assumptions(none).horizon(Duration.ofDays(4)).build(), Runnable::run)
        .proposed().expectedCost().mean();
    assertThat(four).isGreaterThan(two);
  }

  @Test
  void simulate_sameSeed_sameReportWhateverTheExecutor() throws InterruptedException {
    WhatIfRequest req = request().build();
    WhatIfReport serial = simulator.simulate(req, Runnable::run);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertThat(simulator.simulate(req, pool)).isEqualTo(serial);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  @Test
  void simulate_nullArguments_areRejected() {
    assertThatThrownBy(() -> simulator.simulate(null, Runnable::run)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> simulator.simulate(request().build(), null)).isInstanceOf(NullPointerException.class);
  }
}
