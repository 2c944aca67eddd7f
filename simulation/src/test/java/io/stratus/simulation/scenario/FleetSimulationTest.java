package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.environment.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FleetSimulationTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static ScenarioSpec spec;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = FleetSimulationTest.class.getResourceAsStream("/scenarios/small.json")) {
      spec = ScenarioSpec.parse(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "small.json");
    }
  }

  @Test
  void run_enhanced_sameTotalsAsTheScenarioEngineAndUsageAddsUpToTheCost() {
    FleetSimulation.Outcome o = FleetSimulation.run(spec, SchedulerKind.ENHANCED, CATALOG);

    RunResult engine = ScenarioEngine.create(CATALOG).run(spec, Runnable::run).stream()
        .filter(r -> r.scheduler() == SchedulerKind.ENHANCED && r.replication() == 0).findFirst().orElseThrow();
    assertThat(o.result()).isEqualTo(engine);
    BigDecimal usage = o.usage().stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(usage.setScale(2, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(o.result().cost().setScale(2, RoundingMode.HALF_EVEN));
    assertThat(o.usage()).isNotEmpty().allSatisfy(u -> assertThat(u.labels()).containsKeys("team", "job"));
  }

  @Test
  void run_nullScheduler_throwsNamingIt() {
    assertThatThrownBy(() -> FleetSimulation.run(spec, null, CATALOG)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("scheduler");
  }
}
