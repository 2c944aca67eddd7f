package io.stratus.model;

import org.apiguardian.api.API;

/**
 * A point on the earth in degrees, used to estimate network latency between a region and its users when no
 * measurement exists.
 *
 * <p>Immutable and thread-safe.
 *
 * @param latitude degrees in [-90, 90]
 * @param longitude degrees in [-180, 180]
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GeoPoint(
    @JsonRequired double latitude, @JsonRequired double longitude) {
  private static final double EARTH_RADIUS_KM = 6371.0088;

  /**
   * Validates the coordinates.
   *
   * @throws IllegalArgumentException if a coordinate is out of range or not finite
   */
  public GeoPoint {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be in [-90, 90], got " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be in [-180, 180], got " + longitude);
    }
  }

  /**
   * Great-circle distance (haversine formula).
   *
   * @param other the other point; never null
   * @return the distance in kilometres, {@code >= 0}
   */
  public double distanceKm(GeoPoint other) {
    double lat1 = Math.toRadians(latitude);
    double lat2 = Math.toRadians(other.latitude);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(other.longitude - longitude);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
