package io.stratus.monitoring.spi;

import io.stratus.spi.StratusProvider;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where metrics come from: a cloud monitoring API (CloudWatch, Cloud Monitoring, Azure Monitor), a Prometheus server,
 * or the simulator. A {@link io.stratus.monitoring.collect.MetricsCollector} asks each source for the samples observed
 * in a window; the source answers in its own dialect and the {@link io.stratus.monitoring.collect.MetricNormalizer}
 * maps names, units and labels to the Stratus vocabulary.
 *
 * <p>The window rule (what {@code MetricsSourceCompatibilityKit} in {@code stratus-testkit} checks): {@link #fetch}
 * returns a sample in the window of its own timestamp and in no other, i.e.
 * <ul>
 *   <li>every sample it returns has {@code from <= epochMillis < to} (a sample outside the window is a source bug,
 *       not a late delivery);</li>
 *   <li>asking for the same window twice returns the same samples, in any order;</li>
 *   <li>splitting a window in two at any instant returns the same samples as the whole window, none lost and none
 *       twice;</li>
 *   <li>a window with no data returns an empty list, never null.</li>
 * </ul>
 * The collector asks for {@code [watermark, now)} and then moves its watermark to {@code now}, so a sample that
 * becomes visible at the source only after its window was asked for is not fetched again; a source with delivery lag
 * (a cloud monitoring API that publishes a minute late) should serve windows that end at least that lag in the past
 * as empty-until-complete, or the host should poll with a lag. A store with an out-of-order window
 * ({@link MetricStore#outOfOrderWindow()}) accepts samples that a source delivers out of time order across polls.
 *
 * <p>Implementations are thread-safe. A source must bound the time it spends in {@link #fetch} (the collector runs it
 * on the host's executor and does not interrupt it), and must be able to serve the same window again: when the
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
    return "stratus"; // MetricVocabulary.STRATUS, which this package may not depend on
  }

  /**
   * The samples observed in {@code [from, to)}, in any order, following the window rule of the type documentation.
   *
   * @param from start of the window, inclusive; never null
   * @param to end of the window, exclusive; never null, after {@code from}
   * @return the samples; never null, empty when nothing was observed
   * @throws io.stratus.ProviderException if the source cannot be read
   */
  List<RawSample> fetch(Instant from, Instant to);
}
