package io.stratus.benchmarks.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's checksum reference is the scenario's ideal model (section 8), computed without the event engine,
 * and it reproduces the values the scenario document publishes; the Stratus simulation matches it task by task.
 */
class McsBench1IdealTest {

  @Test
  void u_seed42_matchesScenarioTestVectors() {
    assertThat(McsBench1Ideal.u(42, 1, 0, 0)).isEqualTo(0.24331777334286264);
    assertThat(McsBench1Ideal.u(42, 2, 0, 0)).isEqualTo(0.4101355185106347);
    assertThat(McsBench1Ideal.u(42, 3, 0, 0)).isEqualTo(0.08575571775449498);
    assertThat(McsBench1Ideal.u(42, 4, 0, 0)).isEqualTo(0.7196829821136833);
    assertThat(McsBench1Ideal.u(42, 5, 0, 1)).isEqualTo(0.6177938696913736);
  }

  @Test
  void digests_smallDefaults_matchScenarioDocument() {
    assertThat(McsBench1Ideal.of(McsBench1Parameters.defaults()).digests())
        .containsExactly(1737996900, 3600007.7130251275, 1518, 6020.625);
  }

  @Test
  void finishTimeSum_smallDefaults_isScenarioDocumentsReferenceChecksum() {
    McsBench1Ideal ideal = McsBench1Ideal.of(McsBench1Parameters.defaults());
    assertThat(ideal.finished()).isEqualTo(2000);
    assertThat(ideal.finishTimeSum()).isEqualTo(6736855.221514898);
  }

  @Test
  void finishTime_horizon_cutsAfterHorizon() {
    McsBench1Parameters p = McsBench1Parameters.defaults();
    McsBench1Ideal full = McsBench1Ideal.of(p);
    McsBench1Ideal cut = McsBench1Ideal.of(p.withHorizon(300));
    for (int k = 0; k < p.cloudlets(); k++) {
      double f = full.finishTime(k);
      if (f <= 300) {
        assertThat(cut.finishTime(k)).isEqualTo(f);
      } else {
        assertThat(cut.finishTime(k)).isNaN();
      }
    }
    assertThat(cut.finished()).isPositive().isLessThan(full.finished());
  }

  @Property(tries = 60)
  void stratusSimulation_anyWorkload_equalsIdealModelTaskByTask(
      @ForAll @IntRange(min = 1, max = 6) int hosts,
      @ForAll @IntRange(min = 1, max = 4) int vmsPerHost,
      @ForAll @IntRange(min = 0, max = 300) int cloudlets,
      @ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long seed,
      @ForAll boolean poisson,
      @ForAll @IntRange(min = 0, max = 3) int lengthModel,
      @ForAll @IntRange(min = 0, max = 2) int utilModel,
      @ForAll boolean bestFit,
      @ForAll @IntRange(min = 0, max = 4000) int horizon) {
    String length = new String[] {"loguniform:60000:3600000", "uniform:1000:500000", "exp:200000", "fixed:90000"}
        [lengthModel];
    String util = new String[] {"periodic", "random", "constant:0.375"}[utilModel];
    McsBench1Parameters p = McsBench1Parameters.defaults()
        .withSize(hosts, hosts * vmsPerHost, cloudlets)
        .withSeed(seed)
        .withPolicy(bestFit ? McsBench1Parameters.Policy.BESTFIT : McsBench1Parameters.Policy.FIRSTFIT)
        .withModels(poisson ? McsBench1Parameters.Arrivals.POISSON : McsBench1Parameters.Arrivals.STRATIFIED,
            length, util)
        .withHorizon(horizon);
    McsBench1Simulation sim = McsBench1Simulation.create(p);
    McsBench1Simulation.Result r = sim.run();
    McsBench1Ideal ideal = McsBench1Ideal.of(p);
    for (int k = 0; k < cloudlets; k++) {
      assertThat(Double.valueOf(sim.finishTime(k))).as("task %d", k).isEqualTo(Double.valueOf(ideal.finishTime(k)));
    }
    assertThat(r.finishedCloudlets()).isEqualTo(ideal.finished());
    assertThat(r.finishTimeSum()).isEqualTo(ideal.finishTimeSum());
  }
}
