package io.stratus.samples;

import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecasters;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apiguardian.api.API;

/**
 * Forecasts a series and detects anomalies in it with the {@code stratus-timeseries} entry points
 * {@link Forecasters} and {@link Detectors}: four weeks of hourly CPU utilisation with a daily cycle and one
 * incident, the next day forecast with 80% and 95% intervals by the automatic method, and every point scored by the
 * default streaming detector.
 *
 * <p>The series is generated from a fixed seed, so every run prints the same report. Run it with
 * {@code ./mvnw -B -q -pl samples -am compile exec:java -Dexec.mainClass=io.stratus.samples.ForecastSample}. Not
 * thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ForecastSample {
  /** Hours in the series (four weeks). */
  static final int HOURS = 4 * 7 * 24;
  /** The hour of the injected incident (day 22, 14:00). */
  static final int INCIDENT = 21 * 24 + 14;
  /** Time of the first observation. */
  static final Instant START = Instant.parse("2026-05-04T00:00:00Z");

  private ForecastSample() {}

  /**
   * What the sample found.
   *
   * @param forecast the next 24 hours; never null
   * @param anomalies indices of the points the detector flagged, ascending; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(Forecast forecast, List<Integer> anomalies) {
    /**
     * Copies the list.
     *
     * @throws NullPointerException if a component is null
     */
    public Result {
      anomalies = List.copyOf(anomalies);
    }
  }

  /**
   * Runs the sample and prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where the report goes; never null
   * @return the forecast and the flagged points; never null
   */
  public static Result run(PrintStream out) {
    double[] cpu = series();

    // Forecast: the automatic method picks among ETS, Theta, MSTL and seasonal naive by holdout error.
    FittedModel model = Forecasters.auto(24).fit(cpu);
    Forecast next = model.forecast(24);
    out.printf(Locale.ROOT, "Fitted %s to %d hourly points; next 24 hours:%n", model.name(), cpu.length);
    for (int h = 0; h < next.horizon(); h += 4) {
      out.printf(Locale.ROOT, "  +%2dh  %5.1f %%  (80%%: %5.1f..%5.1f, 95%%: %5.1f..%5.1f)%n", h + 1,
          next.mean()[h], next.lower80()[h], next.upper80()[h], next.lower95()[h], next.upper95()[h]);
    }

    // Anomalies: one streaming detector per series, fed point by point in time order.
    StreamingDetector detector = Detectors.ensemble();
    List<Integer> flagged = new ArrayList<>();
    for (int i = 0; i < cpu.length; i++) {
      AnomalyResult r = detector.update(START.plus(Duration.ofHours(i)).toEpochMilli(), cpu[i]);
      if (r.anomalous()) {
        flagged.add(i);
        out.printf(Locale.ROOT, "Anomaly at %s: %.1f %% (score %.2f)%n", START.plus(Duration.ofHours(i)), cpu[i],
            r.score());
      }
    }
    out.printf(Locale.ROOT, "%d of %d points flagged%n", flagged.size(), cpu.length);
    return new Result(next, flagged);
  }

  /**
   * The sample's series: 40% mean CPU, a daily cycle of amplitude 20 points peaking in the afternoon, Gaussian noise
   * of 2 points, and a 30-point incident at {@link #INCIDENT}.
   *
   * @return a new array of {@link #HOURS} values
   */
  static double[] series() {
    Random noise = new Random(2026);
    double[] y = new double[HOURS];
    for (int i = 0; i < HOURS; i++) {
      y[i] = 40 + 20 * Math.sin(2 * Math.PI * (i % 24 - 8) / 24) + 2 * noise.nextGaussian();
    }
    y[INCIDENT] += 30;
    return y;
  }
}
