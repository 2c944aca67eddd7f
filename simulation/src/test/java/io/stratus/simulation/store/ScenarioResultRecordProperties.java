package io.stratus.simulation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.simulation.validation.ConfidenceInterval;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** The document form of a scenario result is lossless, and the in-memory store keeps results immutable. */
class ScenarioResultRecordProperties {

  private static ScenarioEngine.SweepResult point(int point, long seed, double mean, double halfWidth, BigDecimal cost,
      String paramValue) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("z", paramValue);
    params.put("a", "1");
    RunResult run = new RunResult("s", SchedulerKind.ENHANCED, 0, seed, 3, 1, 1, 1, 0, 0, 0, 0, 0, cost,
        Map.of("azure", cost));
    double lower = mean - halfWidth;
    double upper = mean + halfWidth;
    ScenarioEngine.SchedulerSummary s = new ScenarioEngine.SchedulerSummary(SchedulerKind.ENHANCED, 1,
        new ConfidenceInterval(mean, lower, upper, 0.9, 1), new ConfidenceInterval(0, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, 0.9, 1), new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, 0.5, 0),
        new ConfidenceInterval(1, 1, 1, 0.99, 7), cost);
    return new ScenarioEngine.SweepResult(point, params, List.of(run), List.of(s));
  }

  @Property(tries = 200)
  void toJson_thenFromJson_isTheSameRecord(@ForAll int point, @ForAll long seed,
      @ForAll @DoubleRange(min = -1e12, max = 1e12) double mean, @ForAll @DoubleRange(min = 0, max = 1e6) double half,
      @ForAll long unscaled, @ForAll("scales") int scale, @ForAll String paramValue) {
    ScenarioResultRecord r = ScenarioResultRecord.of("run", point(point, seed, mean, half,
        BigDecimal.valueOf(unscaled, scale), paramValue));
    ScenarioResultRecord back = ScenarioResultRecord.fromJson(r.toJson());
    assertThat(back).isEqualTo(r);
    assertThat(back.result().runs().get(0).cost().scale()).isEqualTo(scale);
    assertThat(back.result().parameters().keySet()).containsExactly("z", "a");
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> scales() {
    return net.jqwik.api.Arbitraries.integers().between(-5, 12);
  }

  @Example
  void fromJson_namesTheBrokenField() {
    assertThatThrownBy(() -> ScenarioResultRecord.fromJson("{\"format\":\"other\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    String doc = ScenarioResultRecord.of("run", point(1, 2, 3, 1, BigDecimal.ONE, "v")).toJson()
        .replace("\"seed\" : 2", "\"seed\" : \"x\"").replace("\"seed\":2", "\"seed\":\"x\"");
    String noRuns = doc.replaceFirst("\"runs\"", "\"runz\"");
    assertThatThrownBy(() -> ScenarioResultRecord.fromJson(noRuns)).hasMessageContaining("'runs'");
    assertThatThrownBy(() -> ScenarioResultRecord.fromJson("not json")).hasMessageContaining("not JSON");
  }

  @Example
  void inMemoryStore_keepsResultsImmutable() {
    ScenarioResultStore store = ScenarioResultStore.inMemory();
    ScenarioResultRecord r = ScenarioResultRecord.of("run", point(1, 2, 3, 1, BigDecimal.ONE, "v"));
    assertThat(store.store(r)).isTrue();
    assertThat(store.store(ScenarioResultRecord.fromJson(r.toJson()))).isFalse();
    assertThatThrownBy(() -> store.store(ScenarioResultRecord.of("run", point(1, 3, 3, 1, BigDecimal.ONE, "v"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("point 1");
    assertThat(store.list("run")).containsExactly(r);
    assertThat(store.runIds()).containsExactly("run");
    assertThatThrownBy(() -> ScenarioResultRecord.of(" ", r.result())).hasMessageContaining("runId");
  }
}
