package io.stratus.benchmarks.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.engine.CounterRandom;
import org.junit.jupiter.api.Test;

class McsBench1SimulationTest {

  @Test
  void uniform_seed42_matchesScenarioTestVectors() {
    assertThat(CounterRandom.uniform(42, 1, 0, 0)).isEqualTo(0.24331777334286264);
    assertThat(CounterRandom.uniform(42, 2, 0, 0)).isEqualTo(0.4101355185106347);
    assertThat(CounterRandom.uniform(42, 3, 0, 0)).isEqualTo(0.08575571775449498);
    assertThat(CounterRandom.uniform(42, 4, 0, 0)).isEqualTo(0.7196829821136833);
    assertThat(CounterRandom.uniform(42, 5, 0, 1)).isEqualTo(0.6177938696913736);
  }

  @Test
  void digests_smallDefaults_matchScenarioDigests() {
    McsBench1Workload.Digests d = McsBench1Workload.of(McsBench1Parameters.defaults()).digests();
    assertThat(d.sumLengthMi()).isEqualTo(1737996900L);
    assertThat(d.sumArrivalS()).isEqualTo(3600007.7130251275);
    assertThat(d.sumVmVcpus()).isEqualTo(1518L);
    assertThat(d.utilDigest()).isEqualTo(6020.625);
  }

  @Test
  void run_smallDefaults_matchesReferenceChecksum() {
    McsBench1Simulation.Result r = McsBench1Simulation.create(McsBench1Parameters.defaults()).run();
    assertThat(r.finishedCloudlets()).isEqualTo(2000);
    assertThat(r.finishTimeSum()).isEqualTo(6736855.221514898);
    assertThat(r.placedVms()).isEqualTo(400);
  }

  @Test
  void run_bestFit_sameChecksumAsFirstFit() {
    McsBench1Parameters p = McsBench1Parameters.defaults();
    double ff = McsBench1Simulation.create(p).run().finishTimeSum();
    double bf = McsBench1Simulation.create(p.withPolicy(McsBench1Parameters.Policy.BESTFIT)).run().finishTimeSum();
    assertThat(bf).isEqualTo(ff);
  }

  @Test
  void run_horizon_countsOnlyTasksFinishedByHorizon() {
    McsBench1Parameters p = McsBench1Parameters.defaults();
    McsBench1Simulation full = McsBench1Simulation.create(p);
    full.run();
    McsBench1Simulation.Result cut = McsBench1Simulation.create(p.withHorizon(300)).run();
    int expected = 0;
    double sum = 0;
    for (int k = 0; k < p.cloudlets(); k++) {
      if (full.finishTime(k) <= 300) {
        expected++;
        sum += full.finishTime(k);
      }
    }
    assertThat(cut.finishedCloudlets()).isEqualTo(expected).isPositive();
    assertThat(cut.finishTimeSum()).isEqualTo(sum);
  }

  @Test
  void run_firstFit_isNextFitFromCursor() {
    McsBench1Simulation sim = McsBench1Simulation.create(McsBench1Parameters.defaults());
    sim.run();
    // next fit never moves the cursor backwards while hosts still fit: the first VMs fill host 0
    assertThat(sim.hostOf(0)).isZero();
    int cores = 0;
    int j = 0;
    while (sim.hostOf(j) == 0) {
      cores += sim.workload().vmVcpus(j);
      j++;
    }
    assertThat(cores).isLessThanOrEqualTo(McsBench1Workload.HOST_PES);
    assertThat(cores + sim.workload().vmVcpus(j)).isGreaterThan(McsBench1Workload.HOST_PES);
    assertThat(sim.hostOf(j)).isEqualTo(1);
  }

  @Test
  void run_twice_rejected() {
    McsBench1Simulation sim = McsBench1Simulation.create(McsBench1Parameters.defaults().withSize(2, 4, 10));
    sim.run();
    assertThatThrownBy(sim::run).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishTime_constantFullUtilization_isStartPlusLengthOverMips() {
    McsBench1Parameters p = McsBench1Parameters.defaults()
        .withModels(McsBench1Parameters.Arrivals.POISSON, "fixed:120000", "constant:1");
    McsBench1Workload w = McsBench1Workload.of(p);
    assertThat(w.finishTime(3, 10.5)).isEqualTo(130.5);
  }

  @Test
  void parameters_badLengthDistribution_namesField() {
    assertThatThrownBy(() -> McsBench1Parameters.defaults()
            .withModels(McsBench1Parameters.Arrivals.STRATIFIED, "pareto:1", "periodic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lengthDistribution")
        .hasMessageContaining("pareto:1");
  }

  @Test
  void parameters_zeroHosts_rejected() {
    assertThatThrownBy(() -> McsBench1Parameters.defaults().withSize(0, 4, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hosts");
  }
}
