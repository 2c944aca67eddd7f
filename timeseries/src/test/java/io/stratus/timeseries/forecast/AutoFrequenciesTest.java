package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The automatic method on hourly, daily and weekly data, with periods declared and detected: its forecast of a
 * held-back tail is better than the naive method's and than M4's Theta benchmark with the same period.
 */
class AutoFrequenciesTest {

  private static double[] series(int n, int[] periods, double[] amps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 200 + 0.05 * t + 2 * r.nextGaussian();
      for (int i = 0; i < periods.length; i++) {
        y[t] += amps[i] * Math.sin(2 * Math.PI * t / periods[i]);
      }
    }
    return y;
  }

  private static double mae(Forecaster f, double[] y, int h) {
    double[] train = Arrays.copyOf(y, y.length - h);
    double[] mean = f.fit(train).forecast(h).mean();
    double s = 0;
    for (int j = 0; j < h; j++) {
      s += Math.abs(y[train.length + j] - mean[j]);
    }
    return s / h;
  }

  private static void autoBeatsNaiveAndTheta(double[] y, int h, int m, int... periods) {
    double naive = mae(Forecasters.naive(), y, h);
    double theta = mae(Forecasters.theta(m), y, h);
    double declared = mae(Forecasters.auto(periods), y, h);
    double detected = mae(Forecasters.autoDetected(400), y, h);
    assertThat(declared).as("declared periods").isLessThan(naive).isLessThan(theta);
    assertThat(detected).as("detected periods").isLessThan(naive).isLessThan(theta);
  }

  @Test
  void hourly_dailyAndWeeklyCycles() {
    autoBeatsNaiveAndTheta(series(24 * 7 * 5, new int[] {24, 168}, new double[] {20, 10}, 11), 48, 24, 24, 168);
  }

  @Test
  void daily_weeklyCycle() {
    autoBeatsNaiveAndTheta(series(3 * 365, new int[] {7}, new double[] {15}, 12), 14, 7, 7);
  }

  @Test
  void weekly_yearlyCycle() {
    autoBeatsNaiveAndTheta(series(52 * 8, new int[] {52}, new double[] {30}, 13), 13, 52, 52);
  }
}
