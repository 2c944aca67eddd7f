package io.stratus.reporting.query;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A named drill-down path: the dimensions a user walks down, one level at a time (see
 * {@link AnalyticsQuery#drillDown}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the path's name; not blank
 * @param levels the dimensions from the top down; at least two, no repeats
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DrillPath(String name, List<String> levels) {
  /** Cost: provider, then billing account, then service, then resource. */
  public static final DrillPath PROVIDER_ACCOUNT_SERVICE_RESOURCE =
      new DrillPath("provider-account-service-resource", List.of("provider", "account", "service", "resource"));
  /** Cost or metrics: region, then the machine (resource). */
  public static final DrillPath REGION_VM = new DrillPath("region-vm", List.of("region", "resource"));

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name is blank or the levels are fewer than two or repeat
   */
  public DrillPath {
    Objects.requireNonNull(name, "drillPath.name");
    levels = List.copyOf(Objects.requireNonNull(levels, "drillPath.levels"));
    if (name.isBlank()) {
      throw new IllegalArgumentException("drillPath.name must not be blank");
    }
    if (levels.size() < 2 || levels.stream().distinct().count() != levels.size()) {
      throw new IllegalArgumentException("drillPath.levels must hold at least two distinct dimensions, got "
          + levels);
    }
  }
}
