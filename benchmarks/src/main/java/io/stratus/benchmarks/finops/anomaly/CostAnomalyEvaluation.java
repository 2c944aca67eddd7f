package io.stratus.benchmarks.finops.anomaly;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.query.CostScope;
import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Precision, recall and time to detect of {@link CostAnomalyMonitor} on {@link CostHistoryGenerator} histories, with
 * the detector and band chosen by leave-one-seed-out cross-validation over development seeds 1–4 and the figures
 * reported on held-out seeds 101–103; and the speed of detection over 10,000 scopes × 400 days.
 *
 * <p>Scoring is per event: a raised anomaly is a true positive when it starts inside a labelled anomaly's window
 * (spike: its days plus one; level shift: 14 days; drift: its ramp plus 7 days), else a false positive; a labelled
 * anomaly is detected when some raised anomaly starts inside its window, and its time to detect is that start minus the
 * label's start, in days. The choice maximizes F1.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.finops.anomaly.CostAnomalyEvaluation
 * [quality|speed|all]}.
 */
public final class CostAnomalyEvaluation {
  static final int DAYS = 400;
  static final int SERIES_PER_SEED = 250;
  static final long[] DEV_SEEDS = {1, 2, 3, 4};
  static final long[] TEST_SEEDS = {101, 102, 103};
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private CostAnomalyEvaluation() {}

  /** A candidate configuration: a detector from the engine's public API and a band width. */
  record Config(String name, Supplier<StreamingDetector> detector, double band) {}

  /** Totals of one evaluation. */
  static final class Score {
    long raised;
    long truePositives;
    long events;
    long detected;
    final List<Integer> delays = new ArrayList<>();
    final long[] eventsByKind = new long[3];
    final long[] detectedByKind = new long[3];
    final List<List<Integer>> delaysByKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    void add(Score o) {
      raised += o.raised;
      truePositives += o.truePositives;
      events += o.events;
      detected += o.detected;
      delays.addAll(o.delays);
      for (int k = 0; k < 3; k++) {
        eventsByKind[k] += o.eventsByKind[k];
        detectedByKind[k] += o.detectedByKind[k];
        delaysByKind.get(k).addAll(o.delaysByKind.get(k));
      }
    }

    double precision() {
      return raised == 0 ? 0 : (double) truePositives / raised;
    }

    double recall() {
      return events == 0 ? 0 : (double) detected / events;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    static double median(List<Integer> v) {
      if (v.isEmpty()) {
        return Double.NaN;
      }
      int[] a = v.stream().mapToInt(Integer::intValue).sorted().toArray();
      return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }
  }

  static List<Config> candidates() {
    List<Config> out = new ArrayList<>();
    for (double band : new double[] {2.5, 3, 4}) {
      for (double z : new double[] {3, 4, 5}) {
        for (int window : new int[] {28, 56}) {
          out.add(new Config(String.format(Locale.ROOT, "robustZScore(bw=%.0f,w=%d) band=%.1f", z, window, band),
              () -> Detectors.robustZScore(DetectorOptions.builder().bandWidth(z).window(window).warmUp(21).build()),
              band));
        }
      }
      for (double z : new double[] {3, 4}) {
        out.add(new Config(String.format(Locale.ROOT, "ewma(bw=%.0f,w=28) band=%.1f", z, band),
            () -> Detectors.ewma(DetectorOptions.builder().bandWidth(z).window(28).warmUp(21).build()), band));
      }
      out.add(new Config(String.format(Locale.ROOT, "ensemble() band=%.1f", band), Detectors::ensemble, band));
    }
    return out;
  }

  static Score evaluate(Config c, long seed, boolean oracleFeedback) {
    CostHistoryGenerator g = new CostHistoryGenerator(seed);
    Score s = new Score();
    for (int i = 0; i < SERIES_PER_SEED; i++) {
      CostHistoryGenerator.History h = g.next(DAYS);
      CostAnomalyMonitor m = CostAnomalyMonitor.builder("s" + i, CostScope.total()).detector(c.detector())
          .bandWidth(c.band()).build();
      List<Integer> starts = new ArrayList<>();
      for (int d = 0; d < DAYS; d++) {
        int day = d;
        m.observe(T0.plusSeconds(86400L * d), BigDecimal.valueOf(h.values()[d])).ifPresent(a -> {
          starts.add(day);
          if (oracleFeedback && label(h, day) < 0) {
            m.feedback(a.id(), CostAnomaly.Status.FALSE_POSITIVE, "oracle");
          }
        });
      }
      s.raised += starts.size();
      for (int d : starts) {
        if (label(h, d) >= 0) {
          s.truePositives++;
        }
      }
      for (CostHistoryGenerator.Label l : h.labels()) {
        int k = l.kind().ordinal();
        s.events++;
        s.eventsByKind[k]++;
        for (int d : starts) {
          if (d >= l.start() && d <= l.end()) {
            s.detected++;
            s.detectedByKind[k]++;
            s.delays.add(d - l.start());
            s.delaysByKind.get(k).add(d - l.start());
            break;
          }
        }
      }
    }
    return s;
  }

  private static int label(CostHistoryGenerator.History h, int day) {
    for (int i = 0; i < h.labels().size(); i++) {
      CostHistoryGenerator.Label l = h.labels().get(i);
      if (day >= l.start() && day <= l.end()) {
        return i;
      }
    }
    return -1;
  }

  static Score over(Config c, long[] seeds, boolean feedback) {
    Score total = new Score();
    for (long seed : seeds) {
      total.add(evaluate(c, seed, feedback));
    }
    return total;
  }

  static String line(String label, Score s) {
    return String.format(Locale.ROOT,
        "%s: precision %.3f, recall %.3f, F1 %.3f, median time to detect %.1f d (raised %d, events %d); recall "
            + "spike/shift/drift %.3f/%.3f/%.3f, median TTD %.1f/%.1f/%.1f d",
        label, s.precision(), s.recall(), s.f1(), Score.median(s.delays), s.raised, s.events,
        ratio(s.detectedByKind[0], s.eventsByKind[0]), ratio(s.detectedByKind[1], s.eventsByKind[1]),
        ratio(s.detectedByKind[2], s.eventsByKind[2]), Score.median(s.delaysByKind.get(0)),
        Score.median(s.delaysByKind.get(1)), Score.median(s.delaysByKind.get(2)));
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  static void quality() {
    List<Config> configs = candidates();
    // development scores per seed, once per candidate
    double[][] f1 = new double[configs.size()][DEV_SEEDS.length];
    Score[][] dev = new Score[configs.size()][DEV_SEEDS.length];
    for (int c = 0; c < configs.size(); c++) {
      for (int k = 0; k < DEV_SEEDS.length; k++) {
        dev[c][k] = evaluate(configs.get(c), DEV_SEEDS[k], false);
        f1[c][k] = dev[c][k].f1();
      }
      Score all = new Score();
      Arrays.stream(dev[c]).forEach(all::add);
      System.out.println(line("dev " + configs.get(c).name(), all));
    }
    // leave one development seed out: choose on three, score the fourth
    Score cv = new Score();
    for (int out = 0; out < DEV_SEEDS.length; out++) {
      int best = -1;
      double bestF1 = -1;
      for (int c = 0; c < configs.size(); c++) {
        Score in = new Score();
        for (int k = 0; k < DEV_SEEDS.length; k++) {
          if (k != out) {
            in.add(dev[c][k]);
          }
        }
        if (in.f1() > bestF1) {
          bestF1 = in.f1();
          best = c;
        }
      }
      cv.add(dev[best][out]);
      System.out.println("fold " + DEV_SEEDS[out] + ": chose " + configs.get(best).name() + ", "
          + line("held-out seed " + DEV_SEEDS[out], dev[best][out]));
    }
    System.out.println(line("CV estimate (leave one dev seed out)", cv));
    int best = -1;
    double bestF1 = -1;
    for (int c = 0; c < configs.size(); c++) {
      Score all = new Score();
      Arrays.stream(dev[c]).forEach(all::add);
      if (all.f1() > bestF1) {
        bestF1 = all.f1();
        best = c;
      }
    }
    Config chosen = configs.get(best);
    System.out.println("chosen on all dev seeds: " + chosen.name());
    System.out.println(line("HELD-OUT seeds 101-103, chosen", over(chosen, TEST_SEEDS, false)));
    Config library = new Config("library default", CostAnomalyMonitor::defaultDetector, 2.5);
    System.out.println(line("HELD-OUT seeds 101-103, library default", over(library, TEST_SEEDS, false)));
    System.out.println(line("HELD-OUT seeds 101-103, library default + oracle feedback on every false positive",
        over(library, TEST_SEEDS, true)));
    Config ensemble = new Config("ensemble", Detectors::ensemble, 3.0);
    System.out.println(line("HELD-OUT seeds 101-103, Detectors.ensemble() band 3", over(ensemble, TEST_SEEDS, false)));
  }

  static void speed() {
    int scopes = 10_000;
    CostHistoryGenerator g = new CostHistoryGenerator(7);
    long[][] cents = new long[scopes][];
    for (int i = 0; i < scopes; i++) {
      double[] v = g.next(DAYS).values();
      cents[i] = new long[DAYS];
      for (int d = 0; d < DAYS; d++) {
        cents[i][d] = Math.round(v[d] * 100);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int run = 0; run < 3; run++) {
      long cpu = mx.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      long raised = 0;
      for (int i = 0; i < scopes; i++) {
        CostAnomalyMonitor m = CostAnomalyMonitor.builder("s" + i, CostScope.total()).build();
        for (int d = 0; d < DAYS; d++) {
          if (m.observe(T0.plusSeconds(86400L * d), BigDecimal.valueOf(cents[i][d], 2)).isPresent()) {
            raised++;
          }
        }
      }
      System.out.printf(Locale.ROOT, "speed run %d: %d scopes x %d days, one thread: %.2f CPU-s, %.2f wall-s, "
          + "%d anomalies raised%n", run + 1, scopes, DAYS, (mx.getCurrentThreadCpuTime() - cpu) / 1e9,
          (System.nanoTime() - wall) / 1e9, raised);
    }
  }

  /**
   * Runs the evaluation.
   *
   * @param args {@code quality}, {@code speed} or {@code all} (default)
   */
  public static void main(String[] args) {
    String what = args.length > 0 ? args[0] : "all";
    if (!what.equals("speed")) {
      quality();
    }
    if (!what.equals("quality")) {
      speed();
    }
  }
}
