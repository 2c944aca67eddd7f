package io.stratus.monitoring.spi;

import io.stratus.spi.StratusProvider;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where metrics come from: a cloud monitoring API (CloudWatch, Cloud Monitoring, Azure Monitor), a Prometheus server,
 * or the simulator. A {@link io.stratus.monitoring.collect.MetricsCollector} asks each source for the samples observed in a window; the source
 * answers in its own dialect and the {@link io.stratus.monitoring.collect.MetricNormalizer} maps names, units and labels to the Stratus vocabulary.
 *
 * <p>Implementations are thread-safe. A source must bound the time it spends in {@link #fetch} (the collector runs it
 * on the host's executor and does not interrupt it), and should be able to serve the same window again: when the
 * collector's buffer is full it asks again, from the first sample it could not take.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MetricsSource extends StratusProvider {
  /**
   * The naming dialect of this source's samples: one of the dialects the vocabulary knows, e.g. {@code aws},
   * {@code gcp}, {@code azure}, {@code prometheus} or {@code stratus} (names already canonical).
   *
   * @return the dialect id; never null
   */
  default String dialect() {
    return "stratus";
  }

  /**
   * The samples observed in {@code [from, to)}, in any order.
   *
   * @param from start of the window, inclusive; never null
   * @param to end of the window, exclusive; never null, after {@code from}
   * @return the samples; never null, empty when nothing was observed
   * @throws io.stratus.ProviderException if the source cannot be read
   */
  List<RawSample> fetch(Instant from, Instant to);
}
