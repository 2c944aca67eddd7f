package io.stratus.benchmarks.m4;

import io.stratus.timeseries.forecast.Accuracy;
import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * M4 Hourly evaluation: fits every method to each training history, forecasts 48 hours, and reports M4's sMAPE,
 * MASE (m = 24) and OWA relative to Naive2 (all computed in this run), the coverage of the 80%/95% intervals, and the
 * published M4 figures (over all 414 hourly series) beside them.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.m4.M4HourlyEvaluation
 * [dataDir] [maxSeries] [methodRegex]}, where {@code dataDir} holds {@code m4/} (default {@code ../shared/data});
 * Naive2 always runs because OWA is relative to it.
 */
public final class M4HourlyEvaluation {

  static final int HORIZON = 48;
  static final int FREQUENCY = 24;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private M4HourlyEvaluation() {}

  /** Methods evaluated, with the M4 results row to compare with (or null). */
  static Map<String, Forecaster> methods() {
    Map<String, Forecaster> m = new LinkedHashMap<>();
    m.put("Naive", Forecasters.naive());
    m.put("sNaive", Forecasters.seasonalNaive(FREQUENCY));
    m.put("Naive2", Forecasters.naive2(FREQUENCY));
    m.put("SES", Forecasters.seasonallyAdjusted(Forecasters.ses(), FREQUENCY));
    m.put("Holt", Forecasters.seasonallyAdjusted(Forecasters.holt(), FREQUENCY));
    m.put("Damped", Forecasters.seasonallyAdjusted(Forecasters.dampedTrend(), FREQUENCY));
    m.put("Theta", Forecasters.theta(FREQUENCY));
    m.put("HW-additive", Forecasters.holtWintersAdditive(FREQUENCY));
    m.put("ETS-auto", Forecasters.ets(FREQUENCY));
    m.put("sNaive-weekly", Forecasters.seasonalNaive(168));
    m.put("MSTL-ETS", Forecasters.mstl(FREQUENCY, 168));
    m.put("Comb", Forecasters.comb(FREQUENCY, 168));
    m.put("Auto", Forecasters.auto(FREQUENCY, 168));
    return m;
  }

  /** Per-method totals. */
  static final class Score {
    double smape;
    double mase;
    double cover80;
    double cover95;
    int series;
    long nanos;
    final Map<String, Integer> chosen = new TreeMap<>();
  }

  /**
   * Evaluates the methods on the series.
   *
   * @return method name -> mean scores
   */
  static Map<String, Score> evaluate(Map<String, double[]> train, Map<String, double[]> test,
      Map<String, Forecaster> methods) {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (Map.Entry<String, Forecaster> e : methods.entrySet()) {
      Score s = new Score();
      for (Map.Entry<String, double[]> series : train.entrySet()) {
        double[] y = series.getValue();
        double[] actual = test.get(series.getKey());
        long t0 = CPU.getCurrentThreadCpuTime();
        FittedModel fit = e.getValue().fit(y);
        Forecast f = fit.forecast(HORIZON);
        s.nanos += CPU.getCurrentThreadCpuTime() - t0;
        s.smape += Accuracy.smape(actual, f.mean());
        s.mase += Accuracy.mase(y, actual, f.mean(), FREQUENCY);
        s.cover80 += Accuracy.coverage(actual, f.lower80(), f.upper80());
        s.cover95 += Accuracy.coverage(actual, f.lower95(), f.upper95());
        s.series++;
        s.chosen.merge(fit.name(), 1, Integer::sum);
      }
      s.smape /= s.series;
      s.mase /= s.series;
      s.cover80 /= s.series;
      s.cover95 /= s.series;
      scores.put(e.getKey(), s);
    }
    return scores;
  }

  /**
   * Runs the evaluation and prints a Markdown report.
   *
   * @param args optional data directory (holding {@code m4/}) and maximum number of series
   * @throws IOException if the data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("stratus.shared.data", "../shared/data"))
        .resolve("m4");
    int max = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    Path trainFile = dir.resolve("Hourly-train.csv");
    if (!Files.exists(trainFile)) {
      throw new IOException(trainFile + " not found: pass the shared data directory as the first argument");
    }
    Map<String, double[]> train = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : M4Data.read(trainFile).entrySet()) {
      if (train.size() < max) {
        train.put(e.getKey(), e.getValue());
      }
    }
    Map<String, double[]> test = M4Data.read(dir.resolve("Hourly-test.csv"));
    Map<String, double[]> published = M4Data.publishedHourly(
        dir.resolve("results").resolve("m4-point-forecast-accuracy-by-frequency.csv"));
    Map<String, Forecaster> methods = methods();
    if (args.length > 2) {
      methods.keySet().removeIf(k -> !k.equals("Naive2") && !k.matches(args[2]));
    }
    Map<String, Score> scores = evaluate(train, test, methods);
    print(System.out, train.size(), scores, published);
  }

  static void print(PrintStream out, int n, Map<String, Score> scores, Map<String, double[]> published) {
    Score naive2 = scores.get("Naive2");
    out.printf(Locale.ROOT, "M4 Hourly, %d series, horizon %d, MASE m=%d; OWA relative to Naive2 of this run.%n%n",
        n, HORIZON, FREQUENCY);
    out.println("| method | sMAPE | MASE | OWA | 80% cover | 95% cover | CPU ms/series | published sMAPE | published MASE"
        + " | published OWA (414 series) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      double owa = Accuracy.owa(s.smape, s.mase, naive2.smape, naive2.mase);
      double[] pub = published.get(e.getKey());
      out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s | %s |%n", e.getKey(),
          s.smape, s.mase, owa, s.cover80, s.cover95, s.nanos / 1e6 / s.series,
          pub == null ? "-" : String.format(Locale.ROOT, "%.3f", pub[0]),
          pub == null ? "-" : String.format(Locale.ROOT, "%.3f", pub[1]),
          pub == null ? "-" : String.format(Locale.ROOT, "%.3f", pub[2]));
    }
    for (String id : List.of("118", "238")) {
      double[] pub = published.get(id);
      if (pub != null) {
        out.printf(Locale.ROOT, "| published M4 entry %s | - | - | - | - | - | - | %.3f | %.3f | %.3f |%n", id,
            pub[0], pub[1], pub[2]);
      }
    }
    out.println();
    for (String key : new ArrayList<>(scores.keySet())) {
      Map<String, Integer> chosen = scores.get(key).chosen;
      if (chosen.size() > 1) {
        out.println("- " + key + " chose: " + chosen);
      }
    }
  }
}
