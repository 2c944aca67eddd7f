package io.stratus.finops.forecast;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Which cost a forecast covers: the total, or the records whose dimensions have given values (a provider, an account,
 * a service, a team's tag...).
 *
 * <p>Immutable and thread-safe.
 *
 * @param filters dimension values every record must have; empty for the total
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostScope(Map<Dimension, String> filters) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if the map, a key or a value is null
   */
  public CostScope {
    Map<Dimension, String> copy = new LinkedHashMap<>();
    filters.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "costScope dimension"),
        Objects.requireNonNull(v, "costScope value of " + k)));
    filters = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * All cost.
   *
   * @return the total scope; never null
   */
  public static CostScope total() {
    return new CostScope(Map.of());
  }

  /**
   * The cost whose dimension has a value.
   *
   * @param dimension the dimension; never null
   * @param value the value; never null
   * @return the scope; never null
   */
  public static CostScope of(Dimension dimension, String value) {
    return total().and(dimension, value);
  }

  /**
   * This scope narrowed by one more dimension value (replacing an earlier value of the same dimension).
   *
   * @param dimension the dimension; never null
   * @param value the value; never null
   * @return the scope; never null
   */
  public CostScope and(Dimension dimension, String value) {
    Map<Dimension, String> m = new LinkedHashMap<>(filters);
    m.put(Objects.requireNonNull(dimension, "dimension"), Objects.requireNonNull(value, "value"));
    return new CostScope(m);
  }

  /** A query builder with this scope's filters. */
  CostQuery.Builder query() {
    CostQuery.Builder b = CostQuery.builder();
    filters.forEach(b::where);
    return b;
  }

  @Override
  public String toString() {
    return filters.isEmpty() ? "total" : filters.entrySet().stream()
        .map(e -> e.getKey().name() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
