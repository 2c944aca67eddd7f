package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * Where normalized samples go: a {@code MetricStore}, an alert engine, or both.
 *
 * <p>Implementations say whether they are thread-safe; the {@link io.stratus.monitoring.collect.MetricsCollector} calls
 * a sink from one thread at a time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface MetricSink {
  /**
   * Takes one sample.
   *
   * @param sample the sample; never null
   */
  void accept(MetricSample sample);
}
