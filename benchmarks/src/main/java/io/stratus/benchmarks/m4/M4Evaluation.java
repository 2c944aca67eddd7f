package io.stratus.benchmarks.m4;

import io.stratus.timeseries.forecast.Accuracy;
import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * M4 evaluation on any corpus in M4's upstream layout. Forecasts every series of a training file with the automatic
 * method and writes them in M4's submission layout ({@code "id","F1",...,"FH"}), so that M4's own scorer can judge
 * them; with a test file it also scores every built-in method with M4's sMAPE, MASE (seasonal naive scale with the
 * given period) and OWA relative to the Naive2 of the same run, and checks the automatic method against the M4 Theta
 * benchmark and against its own best single candidate.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.m4.M4Evaluation --train FILE
 * --horizon H --period M [--periods P,Q] [--out FILE] [--test FILE] [--subset odd|even|all] [--methods REGEX]
 * [--detect MAXPERIOD]}.
 * {@code --period} is M4's frequency (the MASE and Naive2 period); {@code --periods} are the season periods declared
 * to the automatic method (default: {@code --period}); {@code --subset} keeps the series whose id number is odd or
 * even (the M4 Hourly development/held-out split of {@code benchmarks/results/forecast.md}); {@code --detect} also
 * scores the automatic method with periods detected per series up to that length.
 */
public final class M4Evaluation {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private M4Evaluation() {}

  /** Parsed command line. */
  record Options(Path train, Path test, Path out, int horizon, int period, int[] periods, String subset,
      String methods, int detect) {

    static Options parse(String[] args) {
      Map<String, String> m = new TreeMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("argument " + (i + 1) + " = \"" + args[i] + "\": expected --name value; "
              + "usage: --train FILE --horizon H --period M [--periods P,Q] [--out FILE] [--test FILE] "
              + "[--subset odd|even|all] [--methods REGEX] [--detect MAXPERIOD]");
        }
        m.put(args[i].substring(2), args[++i]);
      }
      for (String required : List.of("train", "horizon", "period")) {
        if (!m.containsKey(required)) {
          throw new IllegalArgumentException("--" + required + " is required");
        }
      }
      int period = Integer.parseInt(m.get("period"));
      int[] periods = m.containsKey("periods")
          ? Arrays.stream(m.get("periods").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray()
          : new int[] {period};
      String subset = m.getOrDefault("subset", "all");
      if (!List.of("odd", "even", "all").contains(subset)) {
        throw new IllegalArgumentException("--subset = " + subset + ": must be odd, even or all");
      }
      return new Options(Path.of(m.get("train")), m.containsKey("test") ? Path.of(m.get("test")) : null,
          m.containsKey("out") ? Path.of(m.get("out")) : null, Integer.parseInt(m.get("horizon")), period, periods,
          subset, m.getOrDefault("methods", ".*"), Integer.parseInt(m.getOrDefault("detect", "0")));
    }
  }

  /** The methods scored with a test file: M4's benchmarks, the automatic method and its candidates. */
  static Map<String, Forecaster> methods(int m, int[] periods) {
    Map<String, Forecaster> out = new LinkedHashMap<>();
    out.put("Naive2", Forecasters.naive2(m));
    out.put("Naive", Forecasters.naive());
    out.put("sNaive", Forecasters.seasonalNaive(m));
    out.put("SES", Forecasters.seasonallyAdjusted(Forecasters.ses(), m));
    out.put("Holt", Forecasters.seasonallyAdjusted(Forecasters.holt(), m));
    out.put("Damped", Forecasters.seasonallyAdjusted(Forecasters.dampedTrend(), m));
    out.put("Theta", Forecasters.theta(m));
    int[] seasonal = Arrays.stream(periods).filter(p -> p >= 2).sorted().toArray();
    int m1 = seasonal.length > 0 ? seasonal[0] : 1;
    out.put("candidate ETS-auto(m=" + m1 + ")", Forecasters.ets(m1));
    out.put("candidate Theta(m=" + m1 + ")", Forecasters.theta(m1));
    if (seasonal.length > 0) {
      out.put("candidate MSTL-ETS" + Arrays.toString(seasonal), Forecasters.mstl(seasonal));
      out.put("candidate sNaive(m=" + seasonal[seasonal.length - 1] + ")",
          Forecasters.seasonalNaive(seasonal[seasonal.length - 1]));
      if (seasonal.length > 1) {
        out.put("candidate sNaive(m=" + seasonal[0] + ")", Forecasters.seasonalNaive(seasonal[0]));
      }
    } else {
      out.put("candidate DampedTrend", Forecasters.dampedTrend());
    }
    out.put("Comb" + Arrays.toString(periods), Forecasters.comb(periods));
    out.put("Auto" + Arrays.toString(periods), Forecasters.auto(periods));
    return out;
  }

  /** Per-method totals. */
  static final class Score {
    double smape;
    double mase;
    double cover95;
    int series;
    long nanos;
    final Map<String, Integer> chosen = new TreeMap<>();
  }

  static boolean keep(String id, String subset) {
    if (subset.equals("all")) {
      return true;
    }
    int number = Integer.parseInt(id.replaceAll("\\D", ""));
    return (number % 2 == 1) == subset.equals("odd");
  }

  /**
   * Runs the evaluation.
   *
   * @param args see the class documentation
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    Map<String, double[]> train = new LinkedHashMap<>();
    M4Data.read(o.train()).forEach((id, y) -> {
      if (keep(id, o.subset())) {
        train.put(id, y);
      }
    });
    PrintStream out = System.out;
    if (o.out() != null) {
      writeForecasts(o, train, out);
    }
    if (o.test() != null) {
      Map<String, double[]> test = M4Data.read(o.test());
      Map<String, Forecaster> methods = methods(o.period(), o.periods());
      if (o.detect() >= 2) {
        methods.put("AutoDetected(periods <= " + o.detect() + ")", Forecasters.autoDetected(o.detect()));
      }
      methods.keySet().removeIf(k -> !k.equals("Naive2") && !k.matches(o.methods()));
      Map<String, Score> scores = new LinkedHashMap<>();
      for (Map.Entry<String, Forecaster> e : methods.entrySet()) {
        scores.put(e.getKey(), score(e.getValue(), train, test, o));
      }
      print(out, o, train.size(), scores);
    }
  }

  static void writeForecasts(Options o, Map<String, double[]> train, PrintStream log) throws IOException {
    Forecaster auto = Forecasters.auto(o.periods());
    try (Writer w = Files.newBufferedWriter(o.out(), StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder("\"id\"");
      for (int j = 1; j <= o.horizon(); j++) {
        header.append(",\"F").append(j).append('"');
      }
      w.write(header.append('\n').toString());
      for (Map.Entry<String, double[]> e : train.entrySet()) {
        double[] f = auto.fit(e.getValue()).forecast(o.horizon()).mean();
        StringBuilder row = new StringBuilder("\"").append(e.getKey()).append('"');
        for (double v : f) {
          row.append(',').append(v);
        }
        w.write(row.append('\n').toString());
      }
    }
    log.printf(Locale.ROOT, "wrote %d forecasts of %s, horizon %d, to %s%n", train.size(), auto.name(), o.horizon(),
        o.out());
  }

  static Score score(Forecaster method, Map<String, double[]> train, Map<String, double[]> test, Options o) {
    Score s = new Score();
    for (Map.Entry<String, double[]> series : train.entrySet()) {
      double[] y = series.getValue();
      double[] actual = test.get(series.getKey());
      if (actual == null || actual.length < o.horizon()) {
        throw new IllegalArgumentException(o.test() + ": series " + series.getKey() + " has "
            + (actual == null ? "no row" : actual.length + " values") + ", need " + o.horizon());
      }
      actual = Arrays.copyOf(actual, o.horizon());
      long t0 = CPU.getCurrentThreadCpuTime();
      FittedModel fit = method.fit(y);
      Forecast f = fit.forecast(o.horizon());
      s.nanos += CPU.getCurrentThreadCpuTime() - t0;
      s.smape += Accuracy.smape(actual, f.mean());
      s.mase += Accuracy.mase(y, actual, f.mean(), o.period());
      s.cover95 += Accuracy.coverage(actual, f.lower95(), f.upper95());
      s.series++;
      s.chosen.merge(fit.name(), 1, Integer::sum);
    }
    s.smape /= s.series;
    s.mase /= s.series;
    s.cover95 /= s.series;
    return s;
  }

  /** Counts of chosen models by kind: the single method, or the combination with its number of members. */
  static Map<String, Integer> summary(Map<String, Integer> chosen) {
    Map<String, Integer> kinds = new TreeMap<>();
    chosen.forEach((name, count) -> {
      String inner = name.replaceFirst("^Auto\\[", "").replaceFirst(";.*|\\]$", "");
      String kind;
      if (inner.startsWith("Mean(") || inner.startsWith("Median(")) {
        int members = inner.split(", (?![^\\[]*\\])").length;
        kind = inner.substring(0, inner.indexOf('(')) + " of " + members;
      } else {
        kind = inner.replaceAll("\\(([AM]),.*", "").replaceAll("\\+ETS.*", "");
      }
      kinds.merge(kind, count, Integer::sum);
    });
    return kinds;
  }

  static void print(PrintStream out, Options o, int n, Map<String, Score> scores) {
    Score naive2 = scores.get("Naive2");
    out.printf(Locale.ROOT, "%s, subset %s: %d series, horizon %d, MASE/Naive2 period %d, auto periods %s; OWA "
        + "relative to Naive2 of this run.%n%n", o.train().getFileName(), o.subset(), n, o.horizon(), o.period(),
        Arrays.toString(o.periods()));
    out.println("| method | sMAPE | MASE | OWA | 95% cover | CPU ms/series |");
    out.println("|---|---|---|---|---|---|");
    double bestSingle = Double.POSITIVE_INFINITY;
    String bestName = "";
    double theta = Double.NaN;
    double auto = Double.NaN;
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      Score s = e.getValue();
      double owa = Accuracy.owa(s.smape, s.mase, naive2.smape, naive2.mase);
      out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.2f |%n", e.getKey(), s.smape, s.mase, owa,
          s.cover95, s.nanos / 1e6 / s.series);
      if (e.getKey().startsWith("candidate ") && owa < bestSingle) {
        bestSingle = owa;
        bestName = e.getKey();
      }
      if (e.getKey().equals("Theta")) {
        theta = owa;
      }
      if (e.getKey().startsWith("Auto[")) {
        auto = owa;
      }
    }
    out.println();
    if (!Double.isNaN(auto)) {
      out.printf(Locale.ROOT, "- Auto OWA %.3f vs M4 Theta benchmark %.3f: %s%n", auto, theta,
          auto < theta ? "beats it" : "does NOT beat it");
      if (!bestName.isEmpty()) {
        out.printf(Locale.ROOT, "- Auto vs its best single candidate (%s, %.3f): %+.1f%% (limit +2%%)%n", bestName,
            bestSingle, 100 * (auto / bestSingle - 1));
      }
    }
    for (Map.Entry<String, Score> e : scores.entrySet()) {
      if (e.getKey().startsWith("Auto")) {
        out.println("- " + e.getKey() + " chose: " + summary(e.getValue().chosen));
      }
    }
  }
}
