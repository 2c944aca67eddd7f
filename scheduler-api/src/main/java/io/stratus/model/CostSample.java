package io.stratus.model;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * What a machine cost over a period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start start of the period, inclusive
 * @param end end of the period, exclusive; after {@code start}
 * @param cost the cost
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostSample(Instant start, Instant end, Money cost) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the period is empty or reversed
   */
  public CostSample {
    Require.nonNull(start, "costSample.start");
    Require.nonNull(end, "costSample.end");
    Require.nonNull(cost, "costSample.cost");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("costSample.end must be after start " + start + ", got " + end);
    }
  }
}
