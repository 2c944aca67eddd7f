package io.stratus.finops.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A slice of spend named by equality on dimensions: the whole bill ({@link #total()}), one provider, one account, one
 * service, one team tag, or a conjunction of these ({@code tag:team=payments AND ServiceName=EC2}). Anomaly monitors
 * and budgets are defined per scope.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostScope {
  private static final CostScope TOTAL = new CostScope(Map.of());

  private final Map<Dimension, String> filters;

  private CostScope(Map<Dimension, String> filters) {
    this.filters = filters;
  }

  /**
   * All spend.
   *
   * @return the scope with no filter; never null
   */
  public static CostScope total() {
    return TOTAL;
  }

  /**
   * The spend whose dimension has the given value.
   *
   * @param dimension the dimension, e.g. {@link Dimension#SUB_ACCOUNT} or {@code Dimension.tag("team")}; never null
   * @param value the value; never null or blank
   * @return the scope; never null
   * @throws IllegalArgumentException if the value is blank
   */
  public static CostScope of(Dimension dimension, String value) {
    return TOTAL.and(dimension, value);
  }

  /**
   * This scope narrowed by one more equality.
   *
   * @param dimension the dimension; never null, not already constrained by this scope
   * @param value the value; never null or blank
   * @return a new scope; never null
   * @throws IllegalArgumentException if the value is blank or the dimension is already constrained
   */
  public CostScope and(Dimension dimension, String value) {
    Objects.requireNonNull(dimension, "costScope.dimension");
    Objects.requireNonNull(value, "costScope.value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("costScope.value for " + dimension + " must not be blank, got '" + value
          + "'");
    }
    if (filters.containsKey(dimension)) {
      throw new IllegalArgumentException("costScope already constrains " + dimension + " to '"
          + filters.get(dimension) + "', cannot add '" + value + "'");
    }
    Map<Dimension, String> m = new LinkedHashMap<>(filters);
    m.put(dimension, value);
    return new CostScope(Collections.unmodifiableMap(m));
  }

  /**
   * The equalities, in the order they were added.
   *
   * @return the filters; never null, empty for {@link #total()}
   */
  public Map<Dimension, String> filters() {
    return filters;
  }

  /**
   * Whether a set of attributes (e.g. a workload's team and project tags and the candidate's provider) falls in this
   * scope: every constrained dimension has the scope's value among the attributes.
   *
   * @param attributes dimension values; never null
   * @return true if every filter is met; always true for {@link #total()}
   */
  public boolean covers(Map<Dimension, String> attributes) {
    for (Map.Entry<Dimension, String> f : filters.entrySet()) {
      if (!f.getValue().equals(attributes.get(f.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds this scope's filters to a query.
   *
   * @param builder the query being built; never null
   * @return the same builder; never null
   */
  public CostQuery.Builder applyTo(CostQuery.Builder builder) {
    filters.forEach(builder::where);
    return builder;
  }

  /**
   * A stable label, e.g. {@code ProviderName=AWS, tag:team=payments}; {@code total} for all spend.
   *
   * @return the label; never null
   */
  public String label() {
    if (filters.isEmpty()) {
      return "total";
    }
    StringBuilder sb = new StringBuilder();
    filters.forEach((d, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(d.name()).append('=').append(v));
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostScope && sorted(((CostScope) o).filters).equals(sorted(filters));
  }

  @Override
  public int hashCode() {
    return sorted(filters).hashCode();
  }

  private static Map<String, String> sorted(Map<Dimension, String> m) {
    Map<String, String> s = new TreeMap<>();
    m.forEach((d, v) -> s.put(d.name(), v));
    return s;
  }

  @Override
  public String toString() {
    return "CostScope[" + label() + "]";
  }
}
