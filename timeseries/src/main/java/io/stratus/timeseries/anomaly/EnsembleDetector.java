package io.stratus.timeseries.anomaly;

import java.util.List;

/**
 * Combines member detectors into one score. Each member's score is already calibrated (to its band, or by a rank or
 * likelihood stage), so the ensemble takes the largest member score. Members still warming up score 0 and so do not
 * drag the combination. After a point scoring at least {@code trigger} (an alert), the ensemble damps its scores for
 * {@code cooldown} points (multiplying by {@code damping}) unless a member's score exceeds the one that raised the
 * alert, so one incident raises one alert rather than a burst. Finally the score is mapped piecewise linearly so that
 * {@code trigger} lands on 0.5, the label threshold of every detector (the identity when {@code trigger} is 0.5).
 * Points in excluded periods are scored by every member without training. Not thread-safe.
 */
final class EnsembleDetector extends AbstractDetector {

  private final StreamingDetector[] members;
  private final int cooldown;
  private final double damping;
  private final double trigger;
  private int quiet;
  private double alertScore;

  EnsembleDetector(DetectorOptions options, List<? extends StreamingDetector> members, int cooldown, double damping,
      double trigger) {
    super(options);
    this.members = members.toArray(new StreamingDetector[0]);
    this.cooldown = cooldown;
    this.damping = damping;
    this.trigger = trigger;
  }

  /** Maps {@code [0, trigger]} onto {@code [0, 0.5]} and {@code [trigger, 1]} onto {@code [0.5, 1]}, linearly. */
  static double toLabelScale(double score, double trigger) {
    if (trigger == 0.5) {
      return score;
    }
    if (score < trigger) {
      return 0.5 * score / trigger;
    }
    return trigger >= 1.0 ? 1.0 : 0.5 + 0.5 * (score - trigger) / (1.0 - trigger);
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double combined = 0.0;
    for (StreamingDetector m : members) {
      double s = m instanceof AbstractDetector
          ? ((AbstractDetector) m).score(epochMillis, value, learn)
          : m.update(epochMillis, value).score();
      combined = Math.max(combined, s);
    }
    if (quiet > 0) {
      quiet--;
      if (combined <= alertScore) {
        combined *= damping;
      } else {
        alertScore = combined;
        quiet = cooldown;
      }
    } else if (combined >= trigger && cooldown > 0) {
      alertScore = combined;
      quiet = cooldown;
    }
    return toLabelScale(Math.max(0.0, Math.min(1.0, combined)), trigger);
  }
}
