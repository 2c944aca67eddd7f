package io.stratus.monitoring.store;

import io.stratus.monitoring.spi.SeriesId;
import org.apiguardian.api.API;

/**
 * A resolved reference to one series of one {@link InMemoryMetricStore}, like a Prometheus storage reference: get it
 * once with {@link InMemoryMetricStore#handle(SeriesId)} and pass it to {@link InMemoryMetricStore#append(SeriesHandle,
 * long, double)} so later appends skip the label lookup. A handle stays valid for the life of its store (retention
 * drops points, never series); it is refused by any other store.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesHandle {
  final InMemoryMetricStore owner;
  final StoredSeries series;

  SeriesHandle(InMemoryMetricStore owner, StoredSeries series) {
    this.owner = owner;
    this.series = series;
  }

  /**
   * The series this handle refers to.
   *
   * @return the id; never null
   */
  public SeriesId series() {
    return series.id;
  }

  @Override
  public String toString() {
    return "handle(" + series.id + ")";
  }
}
