package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A provider's region: where it is (country, jurisdictions, location), what it offers (zones) and what it is certified
 * for (for example {@code HIPAA}, {@code FEDRAMP_HIGH}, {@code C5}).
 *
 * <p>Immutable and thread-safe; collections are copied. Two regions are equal when all components are equal; use
 * {@link #id()} as a key.
 *
 * @param provider the cloud provider
 * @param code the provider's region code, e.g. {@code eu-central-1}, {@code europe-west1}, {@code westeurope}
 * @param displayName a human-readable name, e.g. {@code Europe (Frankfurt)}
 * @param country ISO 3166-1 alpha-2 country code, upper case, e.g. {@code DE}
 * @param jurisdictions the legal areas the region is in; may be empty
 * @param zones availability-zone codes; may be empty
 * @param location approximate location of the region's data centres
 * @param certifications compliance certifications the region holds, upper case; may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Region(
    CloudProvider provider,
    String code,
    String displayName,
    String country,
    Set<Jurisdiction> jurisdictions,
    List<String> zones,
    GeoPoint location,
    Set<String> certifications) {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the code or country is malformed
   * @throws NullPointerException if a component or element is null
   */
  public Region {
    Require.nonNull(provider, "region.provider");
    Require.nonNull(code, "region.code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "region.code must match [a-z0-9][a-z0-9-]{0,63} (e.g. 'eu-central-1'), got '" + code + "'");
    }
    Require.nonBlank(displayName, "region.displayName");
    Require.nonNull(country, "region.country");
    if (!COUNTRY.matcher(country).matches()) {
      throw new IllegalArgumentException(
          "region.country must be an upper-case ISO 3166-1 alpha-2 code (e.g. 'DE'), got '" + country + "'");
    }
    Require.noNullElements(jurisdictions, "region.jurisdictions");
    Require.noNullElements(zones, "region.zones");
    Require.nonNull(location, "region.location");
    Require.noNullElements(certifications, "region.certifications");
    jurisdictions = Set.copyOf(jurisdictions);
    zones = List.copyOf(zones);
    certifications = Set.copyOf(certifications);
  }

  /**
   * The region's unique key across providers, {@code provider:code}, e.g. {@code aws:eu-central-1}.
   *
   * @return the key; never null
   */
  @JsonIgnore
  public String id() {
    return provider.id() + ":" + code;
  }

  /**
   * Whether the region is in the jurisdiction.
   *
   * @param jurisdiction the jurisdiction; never null
   * @return true if listed in {@link #jurisdictions()}
   */
  public boolean isIn(Jurisdiction jurisdiction) {
    return jurisdictions.contains(jurisdiction);
  }

  @Override
  public String toString() {
    return id();
  }
}
