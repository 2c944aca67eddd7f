package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What one {@link MetricsCollector#poll()} did, per source.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the poll started
 * @param sources one report per source, in source-id order
 * @param bufferSize samples waiting in the buffer after the poll
 * @param bufferCapacity the buffer's capacity
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CollectionReport(Instant at, List<SourceReport> sources, int bufferSize, int bufferCapacity) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public CollectionReport {
    Checks.nonNull(at, "collectionReport.at");
    sources = List.copyOf(Checks.nonNull(sources, "collectionReport.sources"));
  }

  /**
   * Samples deferred by back-pressure over all sources.
   *
   * @return the count
   */
  public int deferred() {
    return sources.stream().mapToInt(SourceReport::deferred).sum();
  }

  /**
   * Samples buffered over all sources.
   *
   * @return the count
   */
  public int buffered() {
    return sources.stream().mapToInt(SourceReport::buffered).sum();
  }

  /**
   * Sources that failed.
   *
   * @return the failing sources' reports; never null
   */
  public List<SourceReport> failures() {
    return sources.stream().filter(s -> s.error().isPresent()).toList();
  }
}
