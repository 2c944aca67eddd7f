package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A legal area that data-residency rules refer to, such as the European Union or the United States. A region belongs
 * to every jurisdiction its country is in (a region in Germany is in {@link #EU} and {@link #EEA}).
 *
 * <p>The set of jurisdictions is closed: the constants below are the only ones, so that a misspelt or invented code
 * in a compliance rule ({@code "MARS"}, {@code "eu"}) fails instead of silently matching no region.
 *
 * <p>Immutable and thread-safe. Serialized to JSON as its code.
 *
 * @param code one of the codes of {@link #known()}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Jurisdiction(@JsonValue String code) {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{0,15}");
  /** The codes of the constants below; declared first, since the constants are checked against it. */
  private static final SortedSet<String> CODES = Collections.unmodifiableSortedSet(
      new TreeSet<>(Set.of("EU", "EEA", "US", "US_GOV", "UK", "CH", "CA", "CN", "APAC")));

  /** European Union member states. */
  public static final Jurisdiction EU = new Jurisdiction("EU");
  /** European Economic Area: the EU plus Iceland, Liechtenstein and Norway. */
  public static final Jurisdiction EEA = new Jurisdiction("EEA");
  /** United States. */
  public static final Jurisdiction US = new Jurisdiction("US");
  /** United States government (FedRAMP / ITAR) regions. */
  public static final Jurisdiction US_GOV = new Jurisdiction("US_GOV");
  /** United Kingdom. */
  public static final Jurisdiction UK = new Jurisdiction("UK");
  /** Switzerland. */
  public static final Jurisdiction CH = new Jurisdiction("CH");
  /** Canada. */
  public static final Jurisdiction CA = new Jurisdiction("CA");
  /** Mainland China. */
  public static final Jurisdiction CN = new Jurisdiction("CN");
  /** Asia-Pacific (a grouping, not a legal area; useful for latency-driven rules). */
  public static final Jurisdiction APAC = new Jurisdiction("APAC");

  /**
   * Validates the code.
   *
   * @throws IllegalArgumentException if the code is malformed or not one of the known codes (the message lists them)
   */
  public Jurisdiction {
    Require.nonNull(code, "jurisdiction code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "jurisdiction code must match [A-Z][A-Z0-9_-]{0,15} (e.g. 'EU', 'US'), got '" + code + "'");
    }
    if (!CODES.contains(code)) {
      throw new IllegalArgumentException("jurisdiction code must be one of the known codes " + CODES + ", got '"
          + code + "'");
    }
  }

  /**
   * Every known jurisdiction, sorted by code.
   *
   * @return an immutable list; never null
   */
  public static List<Jurisdiction> known() {
    return CODES.stream().map(Jurisdiction::new).toList();
  }

  /**
   * Returns the jurisdiction with this code.
   *
   * @param code the code; never null
   * @return the jurisdiction; never null
   * @throws IllegalArgumentException if the code is malformed or unknown (the message lists the known codes)
   */
  @JsonCreator
  public static Jurisdiction of(String code) {
    return new Jurisdiction(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
