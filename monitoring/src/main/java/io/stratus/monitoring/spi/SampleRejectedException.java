package io.stratus.monitoring.spi;

import io.stratus.StratusException;
import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A {@link MetricStore} refused a sample given to {@link MetricStore#accept(MetricSample)}: it was older than the
 * series' newest point by more than the store's out-of-order window, or it conflicted with a stored point at the same
 * time. The message names the series, the timestamp, the outcome and the window.
 *
 * <p>Immutable once thrown. Thrown at ingest rate, so it carries no stack trace.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SampleRejectedException extends StratusException {
  private static final long serialVersionUID = 1L;

  /** The series; not serialized. */
  private final transient SeriesId series;
  private final long epochMillis;
  private final AppendResult result;
  private final Duration outOfOrderWindow;

  /**
   * Creates the exception.
   *
   * @param series the sample's series; never null
   * @param epochMillis the sample's time
   * @param result the store's outcome, a rejection; never null
   * @param outOfOrderWindow the store's out-of-order window; never null
   * @throws IllegalArgumentException if {@code result} is not a rejection
   */
  public SampleRejectedException(SeriesId series, long epochMillis, AppendResult result, Duration outOfOrderWindow) {
    super(message(series, epochMillis, result, outOfOrderWindow));
    this.series = series;
    this.epochMillis = epochMillis;
    this.result = result;
    this.outOfOrderWindow = outOfOrderWindow;
  }

  /**
   * Leaves the stack trace empty: rejections happen at ingest rate and the message says what was rejected and why.
   *
   * @return this exception; never null
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  private static String message(SeriesId series, long epochMillis, AppendResult result, Duration window) {
    Checks.nonNull(series, "series");
    Checks.nonNull(result, "result");
    Checks.nonNull(window, "outOfOrderWindow");
    if (!result.isRejection()) {
      throw new IllegalArgumentException("result must be a rejection, got " + result);
    }
    String at = "sample of series " + series + " at " + Instant.ofEpochMilli(epochMillis) + " (" + epochMillis
        + " ms)";
    return result == AppendResult.REJECTED_OUT_OF_ORDER
        ? at + " rejected as out of order: it is older than the series' newest point by more than the store's"
            + " out-of-order window of " + window + " (widen the window, or deliver samples in time order)"
        : at + " rejected as a conflict: the series already holds another value at that time (first value kept)";
  }

  /**
   * The sample's series.
   *
   * @return the series; never null (null only after deserialization)
   */
  public SeriesId series() {
    return series;
  }

  /**
   * The sample's time.
   *
   * @return epoch milliseconds
   */
  public long epochMillis() {
    return epochMillis;
  }

  /**
   * What the store did.
   *
   * @return {@link AppendResult#REJECTED_OUT_OF_ORDER} or {@link AppendResult#REJECTED_CONFLICT}; never null
   */
  public AppendResult result() {
    return result;
  }

  /**
   * The store's out-of-order window when it refused the sample.
   *
   * @return the window; never null
   */
  public Duration outOfOrderWindow() {
    return outOfOrderWindow;
  }
}
