package io.stratus.benchmarks.nab;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.math3.special.Erf;

/**
 * NAB's {@code windowedGaussian} detector (NAB v1.1, {@code nab/detectors/gaussian/windowedGaussian_detector.py}),
 * reproduced to check the scorer: each value is scored, before it joins the window, as one minus the two-sided
 * Gaussian tail probability {@code Q(|x - mean| / std)} against the mean and population standard deviation of the
 * window. The window holds up to 6400 values; once full, it slides by 100 values at a time (new values wait in a
 * step buffer meanwhile). The first value scores 0, and a zero deviation is replaced by 1e-6. NAB's published result
 * files hold scores with 12 significant digits (Python 2's {@code str(float)}), so {@link #roundAsNab(double)} is
 * applied before scoring; without it, scores in {@code [1 - 5e-13, 1)} would miss NAB's threshold of 1.0. Not thread-safe.
 */
final class WindowedGaussianDetector {

  private static final int WINDOW_SIZE = 6400;
  private static final int STEP_SIZE = 100;

  private final double[] window = new double[WINDOW_SIZE];
  private final double[] stepBuffer = new double[STEP_SIZE];
  private int size;
  private int head;
  private int buffered;
  private double mean = 0.0;
  private double std = 1.0;

  /** Scores the value (NAB's {@code handleRecord}) and then adds it to the window or the step buffer. */
  double handle(double value) {
    double score = size > 0 ? 1.0 - normalProbability(value, mean, std) : 0.0;
    if (size < WINDOW_SIZE) {
      window[size++] = value;
      updateWindow();
    } else {
      stepBuffer[buffered++] = value;
      if (buffered == STEP_SIZE) {
        for (int i = 0; i < STEP_SIZE; i++) {
          window[head] = stepBuffer[i];
          head = (head + 1) % WINDOW_SIZE;
        }
        buffered = 0;
        updateWindow();
      }
    }
    return score;
  }

  private void updateWindow() {
    double sum = 0.0;
    double c = 0.0;
    for (int i = 0; i < size; i++) {
      double y = window[i] - c;
      double t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
    mean = sum / size;
    double sq = 0.0;
    c = 0.0;
    for (int i = 0; i < size; i++) {
      double d = window[i] - mean;
      double y = d * d - c;
      double t = sq + y;
      c = (t - sq) - y;
      sq = t;
    }
    std = Math.sqrt(sq / size);
    if (std == 0.0) {
      std = 0.000001;
    }
  }

  /** Gaussian tail probability of getting a sample further from the mean than {@code x} on its side. */
  static double normalProbability(double x, double mean, double stdev) {
    if (x < mean) {
      return normalProbability(2 * mean - x, mean, stdev);
    }
    double z = (x - mean) / stdev;
    return 0.5 * Erf.erfc(z / Math.sqrt(2.0));
  }

  /** Rounds like Python 2's {@code str(float)}: 12 significant digits of the exact binary value, half-even. */
  static double roundAsNab(double score) {
    return new BigDecimal(score).round(new MathContext(12, RoundingMode.HALF_EVEN)).doubleValue();
  }
}
