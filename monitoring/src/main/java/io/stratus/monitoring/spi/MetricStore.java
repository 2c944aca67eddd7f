package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Buckets;
import io.stratus.spi.StratusProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;

/**
 * Where metric series live. The embedded default is {@link io.stratus.monitoring.store.InMemoryMetricStore}
 * (Gorilla-compressed blocks); a host may plug its own (a TSDB, a column store) and must pass {@code
 * MetricStoreCompatibilityKit} in {@code stratus-testkit}.
 *
 * <p>Contract: series are append-only in time order, within an optional {@linkplain #outOfOrderWindow() out-of-order
 * window} (zero by default). Each point gets an {@link AppendResult}: a point at the time of a stored point with the
 * same bits is a {@link AppendResult#DUPLICATE}, with other bits a {@link AppendResult#REJECTED_CONFLICT}, and a point
 * older than the series' newest point by more than the window is {@link AppendResult#REJECTED_OUT_OF_ORDER}; a point
 * inside the window is stored in its place and reads return every series in time order. Values are kept bit for bit.
 * Counts of every outcome are in {@link #stats()}, and {@link #accept(MetricSample)} (the path of a {@link
 * io.stratus.monitoring.collect.MetricsCollector}'s drain) throws a {@link SampleRejectedException} for a rejected
 * sample, so no sample is lost silently.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MetricStore extends StratusProvider, MetricSink {
  /**
   * Appends one point.
   *
   * @param series the series; never null
   * @param epochMillis when
   * @param value the value, any double
   * @return what happened; never null
   */
  AppendResult append(SeriesId series, long epochMillis, double value);

  /**
   * Appends one sample.
   *
   * @param sample the sample; never null
   * @return what happened; never null
   */
  default AppendResult append(MetricSample sample) {
    return append(sample.series(), sample.epochMillis(), sample.value());
  }

  /**
   * Appends a sample, refusing loudly: the outcome is counted in {@link #stats()}, and a rejection throws.
   *
   * @param sample the sample; never null
   * @throws SampleRejectedException if the store refused the sample (out of order beyond the window, or in conflict
   *     with a stored point); the exception names the series, the timestamp, the outcome and the window
   */
  @Override
  default void accept(MetricSample sample) {
    AppendResult r = append(sample);
    if (r.isRejection()) {
      throw new SampleRejectedException(sample.series(), sample.epochMillis(), r, outOfOrderWindow());
    }
  }

  /**
   * How far behind a series' newest point a point may arrive and still be stored. The default is zero: points must
   * arrive in time order (a point at the newest time is a duplicate or a conflict).
   *
   * @return the window, zero or positive; never null
   */
  default Duration outOfOrderWindow() {
    return Duration.ZERO;
  }

  /**
   * Appends points of one series, oldest first.
   *
   * @param series the series; never null
   * @param epochMillis the times; never null
   * @param values the values, same length; never null
   * @return how many were {@link AppendResult#APPENDED}
   * @throws IllegalArgumentException if the lengths differ
   */
  default int appendAll(SeriesId series, long[] epochMillis, double[] values) {
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException("epochMillis and values must have the same length, got "
          + epochMillis.length + " and " + values.length);
    }
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (append(series, epochMillis[i], values[i]) == AppendResult.APPENDED) {
        n++;
      }
    }
    return n;
  }

  /**
   * The series a selector selects.
   *
   * @param selector which; never null
   * @return the ids, sorted; never null
   */
  List<SeriesId> series(SeriesSelector selector);

  /**
   * Raw points of the selected series with {@code from <= t < to}. Series without points in the range are left out.
   *
   * @param selector which series; never null
   * @param fromMillis start, inclusive
   * @param toMillis end, exclusive
   * @return one entry per series, sorted by id; never null
   * @throws IllegalArgumentException if {@code toMillis < fromMillis}
   */
  List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis);

  /**
   * {@link #query(SeriesSelector, long, long)} with series decoded on the host's executor. The default ignores the
   * executor and reads on the calling thread; {@link io.stratus.monitoring.store.InMemoryMetricStore} splits the series
   * into groups, one task each. The calling thread waits for the result.
   *
   * @param selector which series; never null
   * @param fromMillis start, inclusive
   * @param toMillis end, exclusive
   * @param executor runs the decode tasks; never null
   * @return the same as the single-threaded query; never null
   * @throws IllegalArgumentException if {@code toMillis < fromMillis}
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses a task
   */
  default List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis, Executor executor) {
    java.util.Objects.requireNonNull(executor, "executor must not be null");
    return query(selector, fromMillis, toMillis);
  }

  /**
   * Downsampled points: the range is cut into buckets of {@code step} aligned to the epoch, each bucket's points
   * (NaN skipped) are combined, and each non-empty bucket gives one point stamped with the bucket's start.
   *
   * @param selector which series; never null
   * @param fromMillis start, inclusive
   * @param toMillis end, exclusive
   * @param step bucket width, {@code > 0}, whole milliseconds
   * @param aggregation how to combine; never null
   * @return one entry per series with at least one point, sorted by id; never null
   * @throws IllegalArgumentException if the range or step is invalid
   */
  default List<SeriesData> query(
      SeriesSelector selector, long fromMillis, long toMillis, Duration step, Aggregation aggregation) {
    long stepMillis = Buckets.stepMillis(step);
    List<SeriesData> raw = query(selector, Buckets.floor(fromMillis, stepMillis), toMillis);
    return raw.stream()
        .map(d -> Downsampler.downsample(d, fromMillis, stepMillis, aggregation))
        .filter(d -> d.size() > 0)
        .toList();
  }

  /**
   * {@link #query(SeriesSelector, long, long, Duration, Aggregation)} with series read on the host's executor. The
   * default ignores the executor and reads on the calling thread.
   *
   * @param selector which series; never null
   * @param fromMillis start, inclusive
   * @param toMillis end, exclusive
   * @param step bucket width, {@code > 0}, whole milliseconds
   * @param aggregation how to combine; never null
   * @param executor runs the decode tasks; never null
   * @return the same as the single-threaded query; never null
   * @throws IllegalArgumentException if the range or step is invalid
   * @throws java.util.concurrent.RejectedExecutionException if the executor refuses a task
   */
  default List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis, Duration step,
      Aggregation aggregation, Executor executor) {
    java.util.Objects.requireNonNull(executor, "executor must not be null");
    return query(selector, fromMillis, toMillis, step, aggregation);
  }

  /**
   * Deletes data older than a time, for retention. Implementations may keep a few older points that share storage
   * with newer ones (a block), but never delete a point at or after {@code epochMillis}.
   *
   * @param epochMillis keep points at or after this time
   * @return how many points were deleted
   */
  long deleteBefore(long epochMillis);

  /**
   * Counters for diagnostics.
   *
   * @return a snapshot; never null
   */
  StoreStats stats();
}
