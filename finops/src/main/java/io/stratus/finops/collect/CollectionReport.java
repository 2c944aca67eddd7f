package io.stratus.finops.collect;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.Watermark;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one {@link CostCollector#collect()} run did, per source and billing period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pulls one entry per source and billing period pulled
 * @param failures the sources that failed to list their periods (their id and the error)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CollectionReport(List<Pull> pulls, List<Failure> failures) {
  /**
   * Copies.
   *
   * @throws NullPointerException if a component is null
   */
  public CollectionReport {
    pulls = List.copyOf(pulls);
    failures = List.copyOf(failures);
  }

  /**
   * Records added over all pulls.
   *
   * @return the sum
   */
  public long added() {
    return pulls.stream().mapToLong(Pull::added).sum();
  }

  /**
   * Stored records replaced over all pulls (restated lines, re-issued periods).
   *
   * @return the sum
   */
  public long removed() {
    return pulls.stream().mapToLong(Pull::removed).sum();
  }

  /**
   * Whether every source and period was collected without error.
   *
   * @return true if nothing failed
   */
  public boolean isComplete() {
    return failures.isEmpty() && pulls.stream().allMatch(p -> p.error().isEmpty());
  }

  /**
   * One pull of one source and billing period.
   *
   * @param sourceId the source
   * @param period the billing period
   * @param mode the batch mode, null when the pull failed
   * @param added records stored
   * @param removed stored records the batch replaced
   * @param before the watermark passed to the source
   * @param after the watermark stored afterwards (equal to {@code before} when the pull failed)
   * @param error why the pull failed, if it did
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Pull(
      String sourceId,
      BillingPeriod period,
      BillingBatch.Mode mode,
      long added,
      long removed,
      Watermark before,
      Watermark after,
      Optional<String> error) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a mandatory component is null
     */
    public Pull {
      Objects.requireNonNull(sourceId, "pull.sourceId");
      Objects.requireNonNull(period, "pull.period");
      Objects.requireNonNull(before, "pull.before");
      Objects.requireNonNull(after, "pull.after");
      Objects.requireNonNull(error, "pull.error");
    }
  }

  /**
   * A source that could not list its billing periods.
   *
   * @param sourceId the source
   * @param error what went wrong
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Failure(String sourceId, String error) {}
}
