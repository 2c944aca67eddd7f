package io.stratus.finops.anomaly;

import io.stratus.finops.query.Dimension;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One step down a drill-down tree: a dimension and the value followed, e.g. {@code ServiceName=Amazon EC2}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param dimension the dimension; never null
 * @param value the value; null stands for the records that have no value for the dimension (an untagged team)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DimensionValue(Dimension dimension, String value) {

  /**
   * Validates.
   *
   * @throws NullPointerException if the dimension is null
   */
  public DimensionValue {
    Objects.requireNonNull(dimension, "dimensionValue.dimension");
  }

  @Override
  public String toString() {
    return dimension.name() + "=" + (value == null ? "(none)" : value);
  }
}
