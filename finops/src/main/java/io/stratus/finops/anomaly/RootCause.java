package io.stratus.finops.anomaly;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A slice of the monitored scope that explains part of an anomaly: the path down the drill-down tree (e.g.
 * {@code SubAccountId=1234 › ServiceName=EC2 › RegionId=us-east-1}), its actual and expected cost over the anomaly,
 * and the share of the scope's deviation it explains.
 *
 * <p>The root causes of one anomaly are disjoint slices, so their shares add up to at most 1; offsetting moves (a
 * slice that fell while the scope rose) explain nothing and are not reported.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the dimension values from the scope down to the slice; never null or empty
 * @param actual the slice's exact cost over the anomaly's buckets; never null
 * @param expected the slice's expected cost over those buckets (its own seasonal baseline); never null
 * @param share the share of the scope's deviation this slice explains, in {@code (0, 1]}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RootCause(List<DimensionValue> path, BigDecimal actual, BigDecimal expected, double share) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the path is empty or the share is outside (0, 1]
   */
  public RootCause {
    path = List.copyOf(Objects.requireNonNull(path, "rootCause.path"));
    Objects.requireNonNull(actual, "rootCause.actual");
    Objects.requireNonNull(expected, "rootCause.expected");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("rootCause.path must not be empty");
    }
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("rootCause.share must be within (0, 1], got " + share);
    }
  }

  /**
   * The deepest dimension value of the path, the most specific explanation.
   *
   * @return the leaf; never null
   */
  public DimensionValue leaf() {
    return path.get(path.size() - 1);
  }

  /**
   * The path as text, e.g. {@code SubAccountId=1234 > ServiceName=EC2}.
   *
   * @return the label; never null
   */
  public String label() {
    return path.stream().map(DimensionValue::toString).collect(Collectors.joining(" > "));
  }
}
