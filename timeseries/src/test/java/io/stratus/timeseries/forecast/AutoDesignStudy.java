package io.stratus.timeseries.forecast;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study that chose {@link AutoForecaster#DEFAULT}: every design is scored on the M4 Hourly <b>development</b>
 * series only (odd ids H1, H3, ..., H199) and only inside their training parts, by rolling origin: each training
 * history is cut 48 and 96 hours before its end, the method fits the part before the cut and forecasts the next 48
 * hours, which are still training data. The test parts and the held-out series (even ids) are never read. Not a test:
 * run it by hand.
 *
 * <p>Run (after {@code ./mvnw -pl timeseries test-compile}): {@code java -cp
 * timeseries/target/classes:timeseries/target/test-classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
 * io.stratus.timeseries.forecast.AutoDesignStudy ../shared/data/m4/Hourly-train.csv}
 */
final class AutoDesignStudy {

  private static final int H = 48;
  private static final int M = 24;

  private AutoDesignStudy() {}

  /** Reads an M4-layout CSV: id, then values, padded with empty strings. */
  static Map<String, double[]> read(Path file) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      List<Double> v = new ArrayList<>();
      for (int i = 1; i < cells.length; i++) {
        String c = cells[i].replace("\"", "").trim();
        if (c.isEmpty()) {
          break;
        }
        v.add(Double.parseDouble(c));
      }
      out.put(cells[0].replace("\"", ""), v.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  /** The development ids: odd series numbers. */
  static boolean development(String id) {
    return Integer.parseInt(id.substring(1)) % 2 == 1;
  }

  public static void main(String[] args) throws IOException {
    Map<String, double[]> all = read(Path.of(args[0]));
    List<double[]> dev = new ArrayList<>();
    for (Map.Entry<String, double[]> e : all.entrySet()) {
      if (development(e.getKey())) {
        dev.add(e.getValue());
      }
    }
    int[] ps = {24, 168};
    Map<String, Forecaster> methods = new LinkedHashMap<>();
    methods.put("Naive2", new SeasonallyAdjusted(new NaiveForecasters.SeasonalNaive(1), M, "Naive2"));
    methods.put("sNaive24", new NaiveForecasters.SeasonalNaive(24));
    methods.put("sNaive168", new NaiveForecasters.SeasonalNaive(168));
    methods.put("Theta", new SeasonallyAdjusted(new ThetaForecaster(), M, "Theta"));
    methods.put("ETS", EtsForecaster.auto(M, true));
    methods.put("MSTL", new MstlForecaster(ps));
    String only = args.length > 1 ? args[1] : ".*";
    double[][] grid = {
        // origins, step (fraction of the 48-hour validation horizon), tie margin, most tied combined, score combos
        {1, 0.5, 0.0, 2, 1}, {3, 0.5, 0.0, 2, 1}, {6, 0.5, 0.0, 2, 1},
        {3, 0.5, 0.2, 3, 1}, {6, 0.5, 0.2, 3, 1}, {8, 0.5, 0.2, 3, 1}, {6, 0.5, 0.3, 3, 1}, {6, 0.5, 0.2, 4, 1},
        {3, 1.0, 0.2, 3, 1}, {4, 1.0, 0.2, 3, 1}, {4, 0.75, 0.2, 3, 1}, {3, 1.5, 0.2, 3, 1}, {6, 0.5, 0.2, 3, 0}};
    for (double[] g : grid) {
      AutoForecaster.Design d = new AutoForecaster.Design((int) g[0], 48, g[1], g[2], (int) g[3], g[4] > 0);
      methods.put("Auto " + d, new AutoForecaster(ps, d));
    }
    methods.keySet().removeIf(k -> !k.equals("Naive2") && !k.matches(only));
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "%d development series, origins at n-48 and n-96 inside the training part%n", dev.size());
    double[] naive2 = null;
    for (Map.Entry<String, Forecaster> e : methods.entrySet()) {
      double smape = 0;
      double mase = 0;
      int count = 0;
      long t0 = System.nanoTime();
      for (double[] y : dev) {
        for (int cut : new int[] {H, 2 * H}) {
          int end = y.length - cut;
          double[] train = java.util.Arrays.copyOf(y, end);
          double[] actual = java.util.Arrays.copyOfRange(y, end, end + H);
          double[] f = e.getValue().fit(train).forecast(H).mean();
          smape += Accuracy.smape(actual, f);
          mase += Accuracy.mase(train, actual, f, M);
          count++;
        }
      }
      smape /= count;
      mase /= count;
      if (naive2 == null) {
        naive2 = new double[] {smape, mase};
      }
      out.printf(Locale.ROOT, "%-34s sMAPE %7.3f MASE %6.3f OWA %6.3f  (%.1f s)%n", e.getKey(), smape, mase,
          Accuracy.owa(smape, mase, naive2[0], naive2[1]), (System.nanoTime() - t0) / 1e9);
    }
  }
}
