package io.stratus.benchmarks.finops.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of labelled daily cost histories: a log-normal level (5 to 5,000 a day), a weekly profile
 * (weekends at 55–95% of weekdays), a monthly profile (a month-end ramp of up to 12% and a first-of-month bump of up
 * to 15%, both recurring and therefore not anomalies), a trend of −0.05% to +0.25% a day, multiplicative noise of 2–8%,
 * and, after a 120-day run-in, 0 to 3 injected anomalies per series: spikes (1–3 days, +40% to +300%), level shifts
 * (up +30% to +120% or down −30% to −60%, lasting) and gradual drifts (a ramp to +40% to +120% over 10–30 days, then
 * lasting). Deterministic for a seed; not thread-safe.
 */
public final class CostHistoryGenerator {
  /** Kinds of injected anomaly. */
  public enum Kind {
    /** A short burst. */
    SPIKE,
    /** A lasting step. */
    LEVEL_SHIFT,
    /** A slow ramp to a new level. */
    DRIFT
  }

  /**
   * One labelled anomaly.
   *
   * @param kind its kind
   * @param start its first day
   * @param end the last day a detection still counts for it (inclusive)
   */
  public record Label(Kind kind, int start, int end) {}

  /**
   * One series with its labels.
   *
   * @param values daily cost
   * @param labels injected anomalies, by start
   */
  public record History(double[] values, List<Label> labels) {}

  /** Days before the first injected anomaly. */
  public static final int RUN_IN = 120;

  private final SplittableRandom rnd;

  /**
   * A generator.
   *
   * @param seed the seed
   */
  public CostHistoryGenerator(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  /**
   * The next series.
   *
   * @param days its length
   * @return the series; never null
   */
  public History next(int days) {
    double level = Math.exp(Math.log(5) + rnd.nextDouble() * (Math.log(5000) - Math.log(5)));
    double weekend = 0.55 + 0.4 * rnd.nextDouble();
    double monthEnd = 0.12 * rnd.nextDouble();
    double firstOfMonth = rnd.nextDouble() < 0.5 ? 0.15 * rnd.nextDouble() : 0;
    double trend = -0.0005 + 0.003 * rnd.nextDouble();
    double noise = 0.02 + 0.06 * rnd.nextDouble();
    double[] multiplier = new double[days];
    java.util.Arrays.fill(multiplier, 1.0);
    List<Label> labels = new ArrayList<>();
    int count = rnd.nextInt(4);
    int earliest = RUN_IN;
    for (int i = 0; i < count && earliest < days - 20; i++) {
      int start = earliest + rnd.nextInt(Math.max(1, (days - 20 - earliest) / (count - i)));
      Kind kind = Kind.values()[rnd.nextInt(3)];
      int end;
      switch (kind) {
        case SPIKE: {
          int len = 1 + rnd.nextInt(3);
          double size = 0.4 + 2.6 * rnd.nextDouble();
          for (int d = start; d < Math.min(days, start + len); d++) {
            multiplier[d] *= 1 + size;
          }
          end = start + len + 1;
          earliest = start + len + 14;
          break;
        }
        case LEVEL_SHIFT: {
          double size = rnd.nextBoolean() ? 0.3 + 0.9 * rnd.nextDouble() : -(0.3 + 0.3 * rnd.nextDouble());
          for (int d = start; d < days; d++) {
            multiplier[d] *= 1 + size;
          }
          end = start + 14;
          earliest = start + 35;
          break;
        }
        default: {
          int len = 10 + rnd.nextInt(21);
          double size = 0.4 + 0.8 * rnd.nextDouble();
          for (int d = start; d < days; d++) {
            multiplier[d] *= 1 + size * Math.min(1.0, (d - start + 1) / (double) len);
          }
          end = start + len + 7;
          earliest = start + len + 35;
        }
      }
      labels.add(new Label(kind, start, end));
    }
    double[] v = new double[days];
    for (int d = 0; d < days; d++) {
      int dow = d % 7;
      int dom = d % 30;
      double season = (dow >= 5 ? weekend : 1.0) * (1 + monthEnd * Math.max(0, dom - 22) / 7.0)
          * (dom == 0 ? 1 + firstOfMonth : 1);
      double n = Math.exp(noise * gaussian() - noise * noise / 2);
      v[d] = Math.max(0, level * Math.pow(1 + trend, d) * season * multiplier[d] * n);
    }
    return new History(v, labels);
  }

  private double gaussian() {
    double u = Math.max(1e-300, rnd.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
