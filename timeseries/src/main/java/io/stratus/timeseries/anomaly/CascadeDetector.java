package io.stratus.timeseries.anomaly;

import java.util.List;

/**
 * A cascade: cheap members score every point, and costly confirmers are asked for their score only where the cheap
 * members' largest score reaches {@code gate}. Elsewhere a confirmer still learns the point (score before learn, as
 * always) but may skip the work of scoring it ({@link AbstractDetector#pass(long, double, boolean)}; a random cut
 * forest then skips its virtual insertion and a rank stage learns only the scores actually computed) and contributes
 * 0. The combined score is the largest of the scores computed, mapped so that {@code trigger} lands on 0.5 as in
 * {@link EnsembleDetector}.
 *
 * <p>With re-arming ({@code rearmPoints > 0}), a combined score at or above {@code trigger} (an alert) disarms the
 * cascade: its scores are multiplied by {@link Detectors#ENSEMBLE_DAMPING} until the combined score has stayed below
 * {@code rearmLevel} for {@code rearmPoints} consecutive points, or for {@code rearmMillis} milliseconds since the
 * last point at or above it, whichever comes first (the point completing that quiet run is not damped); then the next
 * score at or above {@code trigger} alerts again. Unlike a cooldown of fixed length, a new incident after a quiet
 * stretch is never hidden; only the continuation of a burst is. Not thread-safe.
 */
final class CascadeDetector extends AbstractDetector {

  private final StreamingDetector[] members;
  private final StreamingDetector[] confirmers;
  private final double gate;
  private final double trigger;
  private final double rearmLevel;
  private final int rearmPoints;
  private final long rearmMillis;
  private boolean disarmed;
  private int quietRun;
  private long loudMillis;

  CascadeDetector(DetectorOptions options, List<? extends StreamingDetector> members,
      List<? extends StreamingDetector> confirmers, double gate, double trigger) {
    this(options, members, confirmers, gate, trigger, trigger, 0, Long.MAX_VALUE);
  }

  /** A re-arming cascade; {@code rearmMillis} {@link Long#MAX_VALUE} for no time bound on the quiet run. */
  CascadeDetector(DetectorOptions options, List<? extends StreamingDetector> members,
      List<? extends StreamingDetector> confirmers, double gate, double trigger, double rearmLevel, int rearmPoints,
      long rearmMillis) {
    super(options);
    this.members = members.toArray(new StreamingDetector[0]);
    this.confirmers = confirmers.toArray(new StreamingDetector[0]);
    this.gate = gate;
    this.trigger = trigger;
    this.rearmLevel = rearmLevel;
    this.rearmPoints = rearmPoints;
    this.rearmMillis = rearmMillis;
  }

  private static double score(StreamingDetector d, long epochMillis, double value, boolean learn) {
    return d instanceof AbstractDetector
        ? ((AbstractDetector) d).score(epochMillis, value, learn)
        : d.update(epochMillis, value).score();
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double combined = 0.0;
    for (StreamingDetector m : members) {
      combined = Math.max(combined, score(m, epochMillis, value, learn));
    }
    if (combined >= gate) {
      for (StreamingDetector c : confirmers) {
        combined = Math.max(combined, score(c, epochMillis, value, learn));
      }
    } else {
      for (StreamingDetector c : confirmers) {
        if (c instanceof AbstractDetector) {
          ((AbstractDetector) c).pass(epochMillis, value, learn);
        } else {
          c.update(epochMillis, value);
        }
      }
    }
    combined = Math.max(0.0, Math.min(1.0, combined));
    if (disarmed) {
      if (combined < rearmLevel) {
        quietRun++;
      } else {
        quietRun = 0;
        loudMillis = epochMillis;
      }
      // Times never decrease; a difference that overflows (a span of more than 292 million years) is negative and
      // leaves only the count of points.
      if (quietRun >= rearmPoints || quietRun > 0 && epochMillis - loudMillis >= rearmMillis) {
        disarmed = false;
      } else {
        combined *= Detectors.ENSEMBLE_DAMPING;
      }
    } else if (rearmPoints > 0 && combined >= trigger) {
      disarmed = true;
      quietRun = 0;
      loudMillis = epochMillis;
    }
    return EnsembleDetector.toLabelScale(combined, trigger);
  }
}
