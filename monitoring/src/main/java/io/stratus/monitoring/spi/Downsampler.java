package io.stratus.monitoring.spi;

import static io.stratus.monitoring.internal.Buckets.floor;

import io.stratus.monitoring.internal.Checks;
import java.util.Arrays;

/** Downsampling on read, for the default methods of {@link MetricStore}. */
final class Downsampler {
  private Downsampler() {}

  /** Accumulates one bucket. */
  static final class Acc {
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double last = Double.NaN;

    void add(double v) {
      if (Double.isNaN(v)) {
        return;
      }
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      last = v;
    }

    void addSummary(long n, double mn, double mx, double s, double lastValue) {
      if (n == 0) {
        return;
      }
      count += n;
      min = Math.min(min, mn);
      max = Math.max(max, mx);
      sum += s;
      last = lastValue;
    }

    double result(Aggregation a) {
      switch (a) {
        case MIN:
          return min;
        case MAX:
          return max;
        case SUM:
          return sum;
        case COUNT:
          return count;
        case AVG:
          return sum / count;
        default:
          return last;
      }
    }

    void reset() {
      count = 0;
      min = Double.POSITIVE_INFINITY;
      max = Double.NEGATIVE_INFINITY;
      sum = 0;
      last = Double.NaN;
    }
  }

  static SeriesData downsample(SeriesData raw, long from, long step, Aggregation aggregation) {
    Checks.nonNull(aggregation, "aggregation");
    long[] ts = new long[raw.size()];
    double[] vs = new double[raw.size()];
    int n = 0;
    Acc acc = new Acc();
    long bucket = Long.MIN_VALUE;
    for (int i = 0; i < raw.size(); i++) {
      long t = raw.timestamp(i);
      if (t < from) {
        continue;
      }
      long b = floor(t, step);
      if (b != bucket) {
        if (acc.count > 0) {
          ts[n] = bucket;
          vs[n++] = acc.result(aggregation);
        }
        acc.reset();
        bucket = b;
      }
      acc.add(raw.value(i));
    }
    if (acc.count > 0) {
      ts[n] = bucket;
      vs[n++] = acc.result(aggregation);
    }
    return SeriesData.wrap(raw.series(), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }
}
