package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one poll of one source did: the window asked for, how many samples came back and what happened to each.
 * {@code fetched == buffered + deferred + alreadyTaken + the sum of outcomes}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceId the source
 * @param from window start, inclusive
 * @param to window end, exclusive
 * @param fetched samples the source returned
 * @param buffered normalized samples put into the collector's buffer
 * @param deferred samples not taken because the buffer was full; the next poll asks for them again
 * @param alreadyTaken samples at the start of the window that an earlier, back-pressured poll already took
 * @param outcomes count per normalizer status of samples that produced no buffered sample (rejections, primed
 *     counters, duplicates)
 * @param reasons up to ten example reasons for those outcomes
 * @param error why the source failed, empty when it answered
 * @param consecutiveFailures failures in a row, including this one (0 when it answered)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SourceReport(
    String sourceId,
    Instant from,
    Instant to,
    int fetched,
    int buffered,
    int deferred,
    int alreadyTaken,
    Map<MetricNormalizer.Status, Integer> outcomes,
    List<String> reasons,
    Optional<String> error,
    int consecutiveFailures) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public SourceReport {
    Checks.nonBlank(sourceId, "sourceReport.sourceId");
    Checks.nonNull(from, "sourceReport.from");
    Checks.nonNull(to, "sourceReport.to");
    if (fetched < 0 || buffered < 0 || deferred < 0 || alreadyTaken < 0 || consecutiveFailures < 0) {
      throw new IllegalArgumentException("sourceReport counts must be >= 0");
    }
    outcomes = Map.copyOf(Checks.nonNull(outcomes, "sourceReport.outcomes"));
    reasons = List.copyOf(Checks.nonNull(reasons, "sourceReport.reasons"));
    Checks.nonNull(error, "sourceReport.error");
  }

  /**
   * How many samples were refused (the {@code REJECTED_*} statuses).
   *
   * @return the count, {@code >= 0}
   */
  public int rejected() {
    return outcomes.entrySet().stream().filter(e -> e.getKey().isRejection()).mapToInt(Map.Entry::getValue).sum();
  }
}
