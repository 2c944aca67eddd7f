package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.CostAwareSchedulerTest.offers;
import static io.stratus.scheduler.core.Fixtures.AZURE_SINGAPORE;
import static io.stratus.scheduler.core.Fixtures.GCP_BELGIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CloudProvider;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.Objective;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.Prediction;
import io.stratus.scheduler.ScorePlugin;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnhancedSchedulerTest {
  static EnhancedScheduler.Builder builder() {
    return EnhancedScheduler.builder().pricing(new Fixtures.StaticPricing(offers()));
  }

  static Workload web() {
    return PerformanceSchedulerTest.webForParis(null);
  }

  @Test
  void schedule_tradeOffZero_matchesCostAwareChoice() {
    Decision enhanced = builder().tradeOff(0).build().schedule(web());
    Decision cost = CostAwareSchedulerTest.scheduler(offers()).schedule(web());

    assertThat(enhanced.candidate()).isEqualTo(cost.candidate());
    assertThat(enhanced.candidate().orElseThrow().region()).isEqualTo(AZURE_SINGAPORE);
  }

  @Test
  void schedule_tradeOffOne_picksLowestLatencyAndExplainsEveryObjective() {
    Decision d = builder().tradeOff(1).build().schedule(web());

    assertThat(d.candidate().orElseThrow().region()).isEqualTo(GCP_BELGIUM);
    assertThat(d.explanation().scores())
        .extracting(Explanation.Score::plugin)
        .containsExactly("cpu", "latency", "reliability");
    assertThat(d.explanation().scores()).allSatisfy(s -> assertThat(s.normalized()).isEqualTo(1.0));
  }

  @Test
  void schedule_balancedKnob_scoresAreWeightedAndNormalized() {
    Decision d = builder().tradeOff(0.5).build().schedule(web());

    Explanation e = d.explanation();
    assertThat(e.scores()).extracting(Explanation.Score::plugin)
        .containsExactly("cost", "cpu", "latency", "reliability");
    assertThat(e.scores().get(0).weight()).isEqualTo(0.5);
    assertThat(e.totalScore()).isBetween(0.0, 1.0);
    assertThat(d.candidate().orElseThrow().region()).isEqualTo(GCP_BELGIUM);
  }

  @Test
  void schedule_lexicographicCostThenLatency_toleranceDecides() {
    List<Objective> order = List.of(Objective.COST, Objective.LATENCY);

    Decision strict = builder().lexicographic(order, 0).build().schedule(web());
    Decision tolerant = builder().lexicographic(order, 0.2).build().schedule(web());

    assertThat(strict.candidate().orElseThrow().region()).isEqualTo(AZURE_SINGAPORE);
    assertThat(tolerant.candidate().orElseThrow().region()).isEqualTo(GCP_BELGIUM);
    assertThat(tolerant.explanation().notes().get(0)).isEqualTo("lexicographic: cost > latency (tolerance 20.0%)");
  }

  @Test
  void schedule_hostScorePlugin_weightedIntoTheChoice() {
    ScorePlugin preferAws = new ScorePlugin() {
      @Override
      public double score(Workload workload, Candidate candidate) {
        return candidate.region().provider().equals(CloudProvider.AWS) ? 1 : 0;
      }

      @Override
      public String name() {
        return "prefer-aws";
      }
    };

    Decision d = builder().tradeOff(0).score(preferAws, 10).build().schedule(web());

    assertThat(d.candidate().orElseThrow().region().provider()).isEqualTo(CloudProvider.AWS);
    assertThat(d.explanation().scores()).extracting(Explanation.Score::plugin).contains("prefer-aws");
  }

  @Test
  void paretoFront_holdsOnlyNonDominatedCandidatesCheapestFirst() {
    EnhancedScheduler s = builder().build();

    ParetoFront front = s.paretoFront(web());

    assertThat(front.points()).isNotEmpty();
    assertThat(front.points().get(0).candidate().region()).isEqualTo(AZURE_SINGAPORE);
    assertThat(front.points()).anySatisfy(p -> assertThat(p.candidate().region()).isEqualTo(GCP_BELGIUM));
    for (ParetoFront.Point a : front.points()) {
      for (ParetoFront.Point b : front.points()) {
        if (a != b) {
          assertThat(dominates(b.prediction(), a.prediction())).as("%s dominated by %s", a, b).isFalse();
        }
      }
    }
    for (int i = 1; i < front.points().size(); i++) {
      assertThat(front.points().get(i).prediction().expectedHourlyCost())
          .isGreaterThanOrEqualTo(front.points().get(i - 1).prediction().expectedHourlyCost());
    }
    assertThat(front.explanation().feasible()).isEqualTo(5);
  }

  static boolean dominates(Prediction a, Prediction b) {
    boolean noWorse = a.expectedHourlyCost() <= b.expectedHourlyCost() && a.cpuScore() >= b.cpuScore()
        && a.p95LatencyMillis() <= b.p95LatencyMillis() && a.failureRate() <= b.failureRate();
    boolean better = a.expectedHourlyCost() < b.expectedHourlyCost() || a.cpuScore() > b.cpuScore()
        || a.p95LatencyMillis() < b.p95LatencyMillis() || a.failureRate() < b.failureRate();
    return noWorse && better;
  }

  @Test
  void builder_badWeightsAndModes_rejectedWithFieldAndValue() {
    assertThatThrownBy(() -> EnhancedScheduler.builder().weight(Objective.COST, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cost'").hasMessageContaining("NaN");
    assertThatThrownBy(() -> EnhancedScheduler.builder().weight(Objective.CPU, -0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
    assertThatThrownBy(() -> EnhancedScheduler.builder().tradeOff(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tradeOff must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> EnhancedScheduler.builder().lexicographic(List.of(), 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    assertThatThrownBy(() -> EnhancedScheduler.builder().lexicographic(List.of(Objective.COST, Objective.COST), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    assertThatThrownBy(() -> EnhancedScheduler.builder().score((w, c) -> 1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    EnhancedScheduler.Builder zero = builder().tradeOff(0).weight(Objective.COST, 0);
    assertThatThrownBy(zero::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all be zero");
  }
}
