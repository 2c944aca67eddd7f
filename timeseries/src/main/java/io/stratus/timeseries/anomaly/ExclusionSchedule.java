package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Periods whose points must not train a detector's baseline, such as deployments or maintenance windows. Points in an
 * excluded period are still scored (and may be labelled anomalous), but the detector does not learn from them, so a
 * planned disturbance neither inflates the learned variance nor shifts the learned level.
 *
 * <p>Thread-safe: a host may mark periods from one thread while detectors read the schedule on others. Overlapping
 * and adjacent periods are merged, so memory grows with the number of distinct periods; call
 * {@link #forgetBefore(long)} to drop periods that lie wholly in the past.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExclusionSchedule {

  private static final long[] EMPTY = new long[0];

  /** Merged, sorted periods as [from0, to0, from1, to1, ...], both ends inclusive; replaced, never mutated. */
  private volatile long[] periods = EMPTY;

  /** Creates an empty schedule. */
  public ExclusionSchedule() {
  }

  /**
   * Excludes the closed period {@code [fromEpochMillis, toEpochMillis]} from training.
   *
   * @param fromEpochMillis first excluded time, milliseconds since the epoch
   * @param toEpochMillis last excluded time (inclusive), milliseconds since the epoch
   * @return this schedule, for chaining
   * @throws IllegalArgumentException if {@code toEpochMillis < fromEpochMillis}
   */
  public synchronized ExclusionSchedule markExcluded(long fromEpochMillis, long toEpochMillis) {
    if (toEpochMillis < fromEpochMillis) {
      throw new IllegalArgumentException("toEpochMillis must be >= fromEpochMillis, was " + toEpochMillis + " < "
          + fromEpochMillis);
    }
    long[] old = periods;
    long[] merged = new long[old.length + 2];
    int n = 0;
    long from = fromEpochMillis;
    long to = toEpochMillis;
    boolean placed = false;
    for (int i = 0; i < old.length; i += 2) {
      long f = old[i];
      long t = old[i + 1];
      if (t < from && t != Long.MAX_VALUE && t + 1 < from) {
        merged[n++] = f;
        merged[n++] = t;
      } else if (f > to && (to == Long.MAX_VALUE || f > to + 1)) {
        if (!placed) {
          merged[n++] = from;
          merged[n++] = to;
          placed = true;
        }
        merged[n++] = f;
        merged[n++] = t;
      } else {
        from = Math.min(from, f);
        to = Math.max(to, t);
      }
    }
    if (!placed) {
      merged[n++] = from;
      merged[n++] = to;
    }
    periods = Arrays.copyOf(merged, n);
    return this;
  }

  /**
   * Forgets periods that end before the given time, to bound memory in long-running hosts.
   *
   * @param epochMillis periods ending strictly before this time are dropped
   */
  public synchronized void forgetBefore(long epochMillis) {
    long[] old = periods;
    int i = 0;
    while (i < old.length && old[i + 1] < epochMillis) {
      i += 2;
    }
    if (i > 0) {
      periods = Arrays.copyOfRange(old, i, old.length);
    }
  }

  /**
   * Tells whether a time lies in an excluded period.
   *
   * @param epochMillis the time to test, milliseconds since the epoch
   * @return true if some marked period contains it
   */
  public boolean isExcluded(long epochMillis) {
    long[] p = periods;
    if (p.length == 0) {
      return false;
    }
    int lo = 0;
    int hi = p.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (p[2 * mid + 1] < epochMillis) {
        lo = mid + 1;
      } else if (p[2 * mid] > epochMillis) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the number of disjoint excluded periods currently held.
   *
   * @return the number of merged periods, at least zero
   */
  public int size() {
    return periods.length / 2;
  }

  @Override
  public String toString() {
    long[] p = periods;
    StringBuilder sb = new StringBuilder("ExclusionSchedule[");
    for (int i = 0; i < p.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('[').append(p[i]).append(", ").append(p[i + 1]).append(']');
    }
    return sb.append(']').toString();
  }
}
