package io.stratus.finops.anomaly;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One time bucket of a monitored scope: the actual cost, the cost the monitor expected and the band around it that it
 * regards as ordinary, with the detector's score.
 *
 * <p>Immutable and thread-safe.
 *
 * @param bucketStart start of the day or hour (UTC); never null
 * @param actual the exact cost of the bucket; never null
 * @param expected the expected cost (seasonal baseline), rounded to the currency's minor unit; never null
 * @param lower the lower edge of the ordinary band, never below zero; never null
 * @param upper the upper edge of the ordinary band; never null
 * @param score the calibrated detector's score in {@code [0, 1]}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BandPoint(Instant bucketStart, BigDecimal actual, BigDecimal expected, BigDecimal lower,
    BigDecimal upper, double score) {

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the band does not contain the expected value or the score is outside [0, 1]
   */
  public BandPoint {
    Objects.requireNonNull(bucketStart, "bandPoint.bucketStart");
    Objects.requireNonNull(actual, "bandPoint.actual");
    Objects.requireNonNull(expected, "bandPoint.expected");
    Objects.requireNonNull(lower, "bandPoint.lower");
    Objects.requireNonNull(upper, "bandPoint.upper");
    if (lower.compareTo(expected) > 0 || upper.compareTo(expected) < 0) {
      throw new IllegalArgumentException("bandPoint band [" + lower + ", " + upper + "] must contain expected "
          + expected);
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("bandPoint.score must be within [0, 1], got " + score);
    }
  }

  /**
   * Whether the actual cost lies outside the band.
   *
   * @return true above the upper or below the lower edge
   */
  public boolean outsideBand() {
    return actual.compareTo(upper) > 0 || actual.compareTo(lower) < 0;
  }
}
