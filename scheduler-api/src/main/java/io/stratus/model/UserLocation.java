package io.stratus.model;

import org.apiguardian.api.API;

/**
 * Where a workload's users are, for latency requirements: a name (a city, a region code, an office) and a point.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a label for reports, not blank
 * @param location the point
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UserLocation(String name, GeoPoint location) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public UserLocation {
    Require.nonBlank(name, "userLocation.name");
    Require.nonNull(location, "userLocation.location");
  }
}
