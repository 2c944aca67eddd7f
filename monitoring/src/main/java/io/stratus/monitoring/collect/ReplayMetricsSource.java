package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A {@link MetricsSource} that serves recorded samples: traces replayed in tests, evaluations and simulations. Each
 * fetch returns the recorded samples inside the window, so a window can be served again.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReplayMetricsSource implements MetricsSource {
  private final String id;
  private final String dialect;
  private final List<RawSample> samples;
  private final long[] times;

  private ReplayMetricsSource(String id, String dialect, Collection<RawSample> samples) {
    this.id = Checks.nonBlank(id, "id");
    this.dialect = Checks.nonBlank(dialect, "dialect");
    List<RawSample> sorted = new ArrayList<>(Checks.nonNull(samples, "samples"));
    sorted.sort(Comparator.comparingLong(RawSample::epochMillis));
    this.samples = List.copyOf(sorted);
    this.times = this.samples.stream().mapToLong(RawSample::epochMillis).toArray();
  }

  /**
   * A replay source.
   *
   * @param id the source id; not blank
   * @param dialect the naming dialect of the samples, e.g. {@code aws} or {@code stratus}
   * @param samples the recorded samples, any order; copied
   * @return the source; never null
   */
  public static ReplayMetricsSource of(String id, String dialect, Collection<RawSample> samples) {
    return new ReplayMetricsSource(id, dialect, samples);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String dialect() {
    return dialect;
  }

  @Override
  public String description() {
    return "replay of " + samples.size() + " recorded samples (" + dialect + ")";
  }

  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    Checks.nonNull(from, "from");
    Checks.nonNull(to, "to");
    int lo = lowerBound(from.toEpochMilli());
    int hi = lowerBound(to.toEpochMilli());
    return lo >= hi ? List.of() : samples.subList(lo, hi);
  }

  private int lowerBound(long t) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
