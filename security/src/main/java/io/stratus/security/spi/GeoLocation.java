package io.stratus.security.spi;

import io.stratus.model.GeoPoint;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Where a network address is, as a {@link GeoLocator} answers: a point and the country. Immutable value.
 *
 * @param point the approximate position; never null
 * @param country ISO 3166-1 alpha-2 country code, upper case, e.g. {@code DE}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record GeoLocation(GeoPoint point, String country) {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the country is not two upper-case letters
   */
  public GeoLocation {
    Objects.requireNonNull(point, "point");
    if (!COUNTRY.matcher(Objects.requireNonNull(country, "country")).matches()) {
      throw new IllegalArgumentException("country '" + country + "' must be an upper-case ISO 3166-1 alpha-2 code");
    }
  }
}
