package io.stratus.simulation.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.engine.RandomStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void generate_constantRate_countNearRateTimesWindow() {
    WorkloadGenerator g = WorkloadGenerator.of(WorkloadSpec.builder("web", ArrivalPattern.constant(600)).build());
    List<GeneratedJob> jobs = g.generate(MONDAY, Duration.ofHours(10), RandomStreams.of(1));
    // Poisson(6000): 5 standard deviations is about 390
    assertThat(jobs.size()).isBetween(5610, 6390);
    assertThat(jobs).isSortedAccordingTo((a, b) -> a.arrival().compareTo(b.arrival()));
    assertThat(jobs.get(jobs.size() - 1).arrival()).isBefore(MONDAY.plus(Duration.ofHours(10)));
  }

  @Test
  void generate_sameSeed_identicalJobs_otherSeed_differs() {
    WorkloadSpec spec = WorkloadSpec.builder("batch", ArrivalPattern.bursty(
            10, 200, Duration.ofHours(2), Duration.ofMinutes(20)))
        .noiseSigma(0.3)
        .teamWeights(Map.of("a", 1.0, "b", 2.0))
        .build();
    WorkloadGenerator g = WorkloadGenerator.of(spec);
    List<GeneratedJob> first = g.generate(MONDAY, Duration.ofDays(2), RandomStreams.of(9));
    List<GeneratedJob> again = g.generate(MONDAY, Duration.ofDays(2), RandomStreams.of(9));
    List<GeneratedJob> other = g.generate(MONDAY, Duration.ofDays(2), RandomStreams.of(10));
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void generate_changingShapes_keepsArrivals() {
    WorkloadSpec small = WorkloadSpec.builder("w", ArrivalPattern.constant(100)).build();
    WorkloadSpec big = WorkloadSpec.builder("w", ArrivalPattern.constant(100))
        .vcpuWeights(Map.of(8, 1.0, 16, 1.0))
        .durations(DurationDistribution.logNormal(Duration.ofMinutes(30), 1))
        .build();
    List<GeneratedJob> a = WorkloadGenerator.of(small).generate(MONDAY, Duration.ofHours(5), RandomStreams.of(3));
    List<GeneratedJob> b = WorkloadGenerator.of(big).generate(MONDAY, Duration.ofHours(5), RandomStreams.of(3));
    assertThat(b).extracting(GeneratedJob::arrival).isEqualTo(a.stream().map(GeneratedJob::arrival).toList());
    assertThat(b).allSatisfy(j -> assertThat(j.vcpus()).isIn(8, 16));
  }

  @Test
  void rates_businessHoursSeasonality_dayBusierThanNightAndWeekday() {
    WorkloadSpec spec = WorkloadSpec.builder("svc", ArrivalPattern.constant(100))
        .seasonality(Seasonality.businessHours(4, 0.25))
        .rateStep(Duration.ofHours(1))
        .build();
    double[] r = WorkloadGenerator.of(spec).rates(MONDAY, Duration.ofDays(7), RandomStreams.of(1));
    assertThat(r).hasSize(168);
    assertThat(r[13]).isGreaterThan(3 * r[1]); // Monday 13:00 vs 01:00
    assertThat(r[5 * 24 + 13]).isCloseTo(r[13] * 0.25, org.assertj.core.data.Offset.offset(1e-9)); // Saturday
  }

  @Test
  void rates_monthEnd_appliesOnLastDays() {
    Seasonality s = Seasonality.none().withMonthEnd(3, 2);
    assertThat(s.factorAt(Instant.parse("2026-02-27T12:00:00Z").getEpochSecond())).isEqualTo(3.0);
    assertThat(s.factorAt(Instant.parse("2026-02-26T12:00:00Z").getEpochSecond())).isEqualTo(1.0);
  }

  @Test
  void rates_randomWalk_staysWithinBounds() {
    WorkloadSpec spec = WorkloadSpec.builder("rw", ArrivalPattern.randomWalk(50, 2.0, 10, 100)).build();
    double[] r = WorkloadGenerator.of(spec).rates(MONDAY, Duration.ofDays(30), RandomStreams.of(5));
    assertThat(Arrays.stream(r).min().orElseThrow()).isGreaterThanOrEqualTo(10 - 1e-9);
    assertThat(Arrays.stream(r).max().orElseThrow()).isLessThanOrEqualTo(100 + 1e-9);
    assertThat(Arrays.stream(r).distinct().count()).isGreaterThan(100);
  }

  @Test
  void rates_periodic_meanNearBase() {
    WorkloadSpec spec = WorkloadSpec.builder("p", ArrivalPattern.periodic(100, 0.5, Duration.ofHours(6)))
        .rateStep(Duration.ofMinutes(1))
        .build();
    double[] r = WorkloadGenerator.of(spec).rates(MONDAY, Duration.ofHours(24), RandomStreams.of(5));
    assertThat(Arrays.stream(r).average().orElseThrow()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.5));
    assertThat(Arrays.stream(r).max().orElseThrow()).isCloseTo(150, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void generate_teamWeights_respectProportions() {
    WorkloadSpec spec = WorkloadSpec.builder("t", ArrivalPattern.constant(1000))
        .teamWeights(Map.of("payments", 3.0, "search", 1.0))
        .build();
    List<GeneratedJob> jobs = WorkloadGenerator.of(spec).generate(MONDAY, Duration.ofHours(10), RandomStreams.of(2));
    double share = jobs.stream().filter(j -> j.team().equals("payments")).count() / (double) jobs.size();
    assertThat(share).isBetween(0.72, 0.78);
  }

  @Test
  void builder_negativeWeight_namesFieldAndKey() {
    assertThatThrownBy(() -> WorkloadSpec.builder("x", ArrivalPattern.constant(1))
            .teamWeights(Map.of("ops", -1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("teamWeights[ops]")
        .hasMessageContaining("-1.0");
  }

  @Test
  void randomWalk_startOutsideBounds_rejected() {
    assertThatThrownBy(() -> ArrivalPattern.randomWalk(5, 1, 10, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start=5.0");
  }
}
