package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DetectorPropertiesTest {

  private static final long MINUTE = 60_000L;

  @Provide
  Arbitrary<String> detectors() {
    return Arbitraries.of("robustZScore", "ewma", "seasonalBaseline", "cusum", "halfSpaceTrees", "ensemble",
        "bayesianChangePoint", "likelihood", "rank", "contextual", "newExtremes",
        "adaptiveResonance", "nearestNeighbours", "randomCutForest", "rankedRandomCutForest",
        "gapSampledRandomCutForest", "cascade", "rearmingCascade");
  }

  static StreamingDetector create(String name, DetectorOptions o) {
    Function<DetectorOptions, StreamingDetector> f = switch (name) {
      case "robustZScore" -> Detectors::robustZScore;
      case "ewma" -> Detectors::ewma;
      case "seasonalBaseline" -> Detectors::seasonalBaseline;
      case "cusum" -> Detectors::cusum;
      case "halfSpaceTrees" -> Detectors::halfSpaceTrees;
      case "ensemble" -> Detectors::ensemble;
      case "bayesianChangePoint" -> Detectors::bayesianChangePoint;
      case "likelihood" -> opt -> Detectors.likelihood(Detectors.ewma(opt), 10, opt);
      case "rank" -> opt -> Detectors.rank(Detectors.seasonalBaseline(opt), opt);
      case "contextual" -> Detectors::contextual;
      case "newExtremes" -> Detectors::newExtremes;
      case "adaptiveResonance" -> opt -> Detectors.adaptiveResonance(opt, 2);
      case "nearestNeighbours" -> opt -> Detectors.nearestNeighbours(opt, 5, 4);
      case "randomCutForest" -> opt -> Detectors.randomCutForest(opt, 4, 8, 32);
      case "rankedRandomCutForest" -> opt -> Detectors.rank(Detectors.randomCutForest(opt, 3, 4, 64), opt);
      case "gapSampledRandomCutForest" -> opt -> Detectors.randomCutForest(opt, 4, 4, 32, 4);
      case "cascade" -> opt -> Detectors.cascade(opt,
          List.of(Detectors.newExtremes(opt), Detectors.rank(Detectors.seasonalBaseline(opt), opt)),
          List.of(Detectors.rank(Detectors.randomCutForest(opt, 4, 4, 32, 4), opt)), 0.3, 0.6);
      case "rearmingCascade" -> opt -> Detectors.cascade(opt,
          List.of(Detectors.newExtremes(opt), Detectors.rank(Detectors.seasonalBaseline(opt), opt)),
          List.of(Detectors.rank(Detectors.randomCutForest(opt, 4, 4, 32, 4), opt)), 0.3, 0.6, 0.4, 3);
      default -> throw new IllegalArgumentException(name);
    };
    return f.apply(o);
  }

  @Property(tries = 60)
  void update_anyFiniteSeries_scoreWithinUnitIntervalAndLabelMatches(@ForAll("detectors") String name,
      @ForAll @Size(min = 1, max = 400) List<@DoubleRange(min = -1e12, max = 1e12) Double> values) {
    StreamingDetector d = create(name, DetectorOptions.builder().window(16).warmUp(4).build());
    long t = 0;
    for (double v : values) {
      AnomalyResult r = d.update(t, v);
      assertThat(r.score()).isBetween(0.0, 1.0);
      assertThat(r.anomalous()).isEqualTo(r.score() >= 0.5);
      t += 5 * MINUTE;
    }
  }

  @Property(tries = 40)
  void update_sameInputsTwice_sameResults(@ForAll("detectors") String name, @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] xs = new double[600];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 100 + 10 * Math.sin(i / 12.0) + rnd.nextGaussian() + (rnd.nextInt(50) == 0 ? 40 : 0);
    }
    DetectorOptions o = DetectorOptions.builder().window(32).seed(seed).build();
    StreamingDetector a = create(name, o);
    StreamingDetector b = create(name, o);
    for (int i = 0; i < xs.length; i++) {
      assertThat(b.update(i * MINUTE, xs[i])).isEqualTo(a.update(i * MINUTE, xs[i]));
    }
  }

  @Property(tries = 40)
  void update_constantSeriesAfterWarmUp_neverFlags(@ForAll("detectors") String name,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double level) {
    StreamingDetector d = create(name, DetectorOptions.builder().window(32).build());
    for (int i = 0; i < 3000; i++) {
      AnomalyResult r = d.update(i * 5 * MINUTE, level);
      assertThat(r.anomalous()).as("point %d", i).isFalse();
      if (!name.equals("bayesianChangePoint")) { // a posterior change probability is small but never zero
        assertThat(r.score()).isZero();
      }
    }
  }

  @Property(tries = 30)
  void update_spikeOfManyMads_flaggedOnNoisyStationarySeries(@ForAll long seed,
      @ForAll @IntRange(min = 12, max = 40) int k) {
    Random rnd = new Random(seed);
    for (String name : List.of("robustZScore", "ewma")) {
      StreamingDetector d = create(name, DetectorOptions.builder().window(128).bandWidth(4.0).build());
      double madSigma = 1.0; // standard normal noise: 1.4826 * MAD estimates sigma = 1
      int i = 0;
      for (; i < 400; i++) {
        d.update(i * MINUTE, 50 + rnd.nextGaussian());
      }
      AnomalyResult spike = d.update(i * MINUTE, 50 + k * madSigma / 1.4826 * 1.4826 * (rnd.nextBoolean() ? 1 : -1));
      assertThat(spike.anomalous()).as("%s spike of %d sigma", name, k).isTrue();
    }
  }

  /**
   * The same spike for the default ensemble: its cascade without re-arming always flags it, and the re-arming
   * default flags it exactly when it is armed, i.e. unless it alerted earlier (e.g. a new extreme while the learned
   * range still grows) and the combined score has not yet stayed below {@value Detectors#DEFAULT_REARM_LEVEL} for
   * {@value Detectors#DEFAULT_REARM_POINTS} points since: re-arming treats such a spike as part of the same incident.
   */
  @Property(tries = 30)
  void update_spikeOfManyMads_defaultFlagsItWhenArmed(@ForAll long seed, @ForAll @IntRange(min = 12, max = 40) int k) {
    Random rnd = new Random(seed);
    DetectorOptions o = DetectorOptions.builder().window(128).bandWidth(4.0).build();
    StreamingDetector plain = Detectors.defaultCascade(o, 0);
    StreamingDetector shipped = Detectors.ensemble(o);
    double quiet = EnsembleDetector.toLabelScale(Detectors.DEFAULT_REARM_LEVEL, Detectors.DEFAULT_ALERT_POINT);
    boolean armed = true;
    int quietRun = 0;
    int i = 0;
    for (; i < 400; i++) {
      double x = 50 + rnd.nextGaussian();
      double p = plain.update(i * MINUTE, x).score();
      shipped.update(i * MINUTE, x);
      if (armed) {
        armed = p < 0.5;
        quietRun = 0;
      } else {
        quietRun = p < quiet ? quietRun + 1 : 0;
        armed = quietRun >= Detectors.DEFAULT_REARM_POINTS;
      }
    }
    double x = 50 + k * (rnd.nextBoolean() ? 1 : -1);
    assertThat(plain.update(i * MINUTE, x).anomalous()).as("cascade without re-arming, spike of %d sigma", k).isTrue();
    assertThat(shipped.update(i * MINUTE, x).anomalous()).as("re-arming default, armed %b", armed).isEqualTo(armed);
  }

  @Property(tries = 40)
  void update_laterPointsChanged_earlierScoresUnchanged(@ForAll("detectors") String name, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 499) int cut) {
    Random rnd = new Random(seed);
    double[] xs = new double[500];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 100 + 10 * Math.sin(i / 12.0) + rnd.nextGaussian() + (rnd.nextInt(40) == 0 ? 30 : 0);
    }
    double[] ys = xs.clone();
    for (int i = cut; i < ys.length; i++) {
      ys[i] = rnd.nextInt(3) == 0 ? ys[i] * 5 : -ys[i];
    }
    DetectorOptions o = DetectorOptions.builder().window(32).seed(seed).build();
    StreamingDetector a = create(name, o);
    StreamingDetector b = create(name, o);
    for (int i = 0; i < xs.length; i++) {
      AnomalyResult ra = a.update(i * MINUTE, xs[i]);
      AnomalyResult rb = b.update(i * MINUTE, ys[i]);
      if (i < cut) {
        assertThat(rb).as("point %d, later points changed from %d", i, cut).isEqualTo(ra);
      }
    }
  }
}
