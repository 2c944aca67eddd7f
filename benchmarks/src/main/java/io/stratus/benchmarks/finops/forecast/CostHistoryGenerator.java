package io.stratus.benchmarks.finops.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Seeded daily cost histories that look like a team's cloud bill: a log-normal level (about 10 to 10,000 a day), a
 * trend of -2% to +4% per month, a weekly pattern (weekends 0-45% cheaper), a monthly pattern (a fee on the first of
 * each month worth 0-3 days of spend, and a month-end batch bump of 0-20% over the last 3 days), and multiplicative
 * noise of 2-12%. Deterministic for a seed.
 */
public final class CostHistoryGenerator {
  private CostHistoryGenerator() {}

  /** One generated history and its parameters. */
  public record History(long seed, LocalDate start, double[] daily, String description) {}

  /**
   * Generates a history.
   *
   * @param seed the seed
   * @param start the first day
   * @param days the length
   * @return the history
   */
  public static History generate(long seed, LocalDate start, int days) {
    SplittableRandom r = new SplittableRandom(seed);
    double level = Math.exp(Math.log(10) + r.nextDouble() * Math.log(1000));
    double trend = -0.02 + r.nextDouble() * 0.06;
    double weekend = r.nextDouble() * 0.45;
    double fee = r.nextDouble() * 3;
    double monthEnd = r.nextDouble() * 0.2;
    double noise = 0.02 + r.nextDouble() * 0.10;
    double[] y = new double[days];
    for (int t = 0; t < days; t++) {
      LocalDate d = start.plusDays(t);
      double base = level * Math.pow(1 + trend, t / 30.4375);
      double v = base;
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        v *= 1 - weekend;
      }
      if (d.getDayOfMonth() > d.lengthOfMonth() - 3) {
        v *= 1 + monthEnd;
      }
      v *= Math.exp(noise * gaussian(r) - noise * noise / 2);
      if (d.getDayOfMonth() == 1) {
        v += fee * base;
      }
      y[t] = Math.round(v * 100) / 100.0;
    }
    String desc = String.format(java.util.Locale.ROOT,
        "level %.2f, trend %+.1f%%/month, weekend -%.0f%%, fee %.1f days, month-end +%.0f%%, noise %.0f%%", level,
        100 * trend, 100 * weekend, fee, 100 * monthEnd, 100 * noise);
    return new History(seed, start, y, desc);
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
