package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Where a workload's data may live and who may host it. Every non-empty rule must hold at once: a region passes when
 * its country is allowed (if countries are listed), it is in at least one allowed jurisdiction (if listed), it is
 * itself allowed (if regions are listed), its provider is allowed (if listed) and not denied, and it holds every
 * required certification. Empty sets place no restriction.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #none()} allows everything.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ComplianceRequirements {
  private static final ComplianceRequirements NONE = builder().build();

  @JsonProperty private final Set<String> allowedCountries;
  @JsonProperty private final Set<Jurisdiction> allowedJurisdictions;
  @JsonProperty private final Set<String> allowedRegions;
  @JsonProperty private final Set<CloudProvider> allowedProviders;
  @JsonProperty private final Set<CloudProvider> deniedProviders;
  @JsonProperty private final Set<String> requiredCertifications;
  @JsonProperty private final DataClassification dataClassification;

  private ComplianceRequirements(Builder b) {
    this.allowedCountries = Set.copyOf(b.allowedCountries);
    this.allowedJurisdictions = Set.copyOf(b.allowedJurisdictions);
    this.allowedRegions = Set.copyOf(b.allowedRegions);
    this.allowedProviders = Set.copyOf(b.allowedProviders);
    this.deniedProviders = Set.copyOf(b.deniedProviders);
    this.requiredCertifications = Set.copyOf(b.requiredCertifications);
    this.dataClassification = b.dataClassification;
  }

  @JsonCreator
  static ComplianceRequirements fromJson(
      @JsonProperty("allowedCountries") Set<String> allowedCountries,
      @JsonProperty("allowedJurisdictions") Set<Jurisdiction> allowedJurisdictions,
      @JsonProperty("allowedRegions") Set<String> allowedRegions,
      @JsonProperty("allowedProviders") Set<CloudProvider> allowedProviders,
      @JsonProperty("deniedProviders") Set<CloudProvider> deniedProviders,
      @JsonProperty("requiredCertifications") Set<String> requiredCertifications,
      @JsonProperty("dataClassification") DataClassification dataClassification) {
    Builder b = builder();
    if (allowedCountries != null) {
      b.allowedCountries(allowedCountries);
    }
    if (allowedJurisdictions != null) {
      b.allowedJurisdictions(allowedJurisdictions);
    }
    if (allowedRegions != null) {
      b.allowedRegions(allowedRegions);
    }
    if (allowedProviders != null) {
      b.allowedProviders(allowedProviders);
    }
    if (deniedProviders != null) {
      b.deniedProviders(deniedProviders);
    }
    if (requiredCertifications != null) {
      b.requiredCertifications(requiredCertifications);
    }
    if (dataClassification != null) {
      b.dataClassification(dataClassification);
    }
    return b.build();
  }

  /**
   * No restriction.
   *
   * @return the shared instance; never null
   */
  public static ComplianceRequirements none() {
    return NONE;
  }

  /**
   * A new builder with no restriction and classification {@link DataClassification#INTERNAL}.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this value.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowedCountries = allowedCountries;
    b.allowedJurisdictions = allowedJurisdictions;
    b.allowedRegions = allowedRegions;
    b.allowedProviders = allowedProviders;
    b.deniedProviders = deniedProviders;
    b.requiredCertifications = requiredCertifications;
    b.dataClassification = dataClassification;
    return b;
  }

  /**
   * Every rule the region breaks, as reasons fit for an explanation, e.g. {@code "region not in allowed jurisdiction
   * EU"}. This is the single definition of compliance that every scheduler applies.
   *
   * @param region the region; never null
   * @return an immutable list, empty when the region complies
   */
  public List<String> violations(Region region) {
    List<String> reasons = new ArrayList<>(2);
    if (!allowedProviders.isEmpty() && !allowedProviders.contains(region.provider())) {
      reasons.add("provider not in allowed providers " + sorted(allowedProviders));
    }
    if (deniedProviders.contains(region.provider())) {
      reasons.add("provider " + region.provider() + " denied");
    }
    if (!allowedCountries.isEmpty() && !allowedCountries.contains(region.country())) {
      reasons.add("region not in allowed countries " + sorted(allowedCountries));
    }
    if (!allowedJurisdictions.isEmpty()
        && allowedJurisdictions.stream().noneMatch(region.jurisdictions()::contains)) {
      reasons.add("region not in allowed jurisdiction " + String.join("/", sorted(allowedJurisdictions)));
    }
    if (!allowedRegions.isEmpty() && !allowedRegions.contains(region.id())) {
      reasons.add("region not in allowed regions");
    }
    if (!region.certifications().containsAll(requiredCertifications)) {
      TreeSet<String> missing = new TreeSet<>(requiredCertifications);
      missing.removeAll(region.certifications());
      reasons.add("region lacks certification " + String.join("/", missing));
    }
    return List.copyOf(reasons);
  }

  /**
   * Whether the region complies with every rule.
   *
   * @param region the region; never null
   * @return true if {@link #violations(Region)} is empty
   */
  public boolean permits(Region region) {
    return violations(region).isEmpty();
  }

  private static TreeSet<String> sorted(Collection<?> values) {
    TreeSet<String> out = new TreeSet<>();
    values.forEach(v -> out.add(v.toString()));
    return out;
  }

  /**
   * Allowed ISO country codes.
   *
   * @return an immutable set; empty means any country
   */
  public Set<String> allowedCountries() {
    return allowedCountries;
  }

  /**
   * Allowed jurisdictions; a region must be in at least one.
   *
   * @return an immutable set; empty means any jurisdiction
   */
  public Set<Jurisdiction> allowedJurisdictions() {
    return allowedJurisdictions;
  }

  /**
   * Allowed regions by {@link Region#id()}.
   *
   * @return an immutable set; empty means any region
   */
  public Set<String> allowedRegions() {
    return allowedRegions;
  }

  /**
   * Allowed providers.
   *
   * @return an immutable set; empty means any provider
   */
  public Set<CloudProvider> allowedProviders() {
    return allowedProviders;
  }

  /**
   * Denied providers.
   *
   * @return an immutable set; never null
   */
  public Set<CloudProvider> deniedProviders() {
    return deniedProviders;
  }

  /**
   * Certifications the region must hold, e.g. {@code HIPAA}.
   *
   * @return an immutable set; never null
   */
  public Set<String> requiredCertifications() {
    return requiredCertifications;
  }

  /**
   * How sensitive the workload's data is.
   *
   * @return the classification; never null
   */
  public DataClassification dataClassification() {
    return dataClassification;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComplianceRequirements c
        && allowedCountries.equals(c.allowedCountries)
        && allowedJurisdictions.equals(c.allowedJurisdictions)
        && allowedRegions.equals(c.allowedRegions)
        && allowedProviders.equals(c.allowedProviders)
        && deniedProviders.equals(c.deniedProviders)
        && requiredCertifications.equals(c.requiredCertifications)
        && dataClassification == c.dataClassification;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        allowedCountries, allowedJurisdictions, allowedRegions, allowedProviders, deniedProviders,
        requiredCertifications, dataClassification);
  }

  @Override
  public String toString() {
    return "ComplianceRequirements{countries=" + allowedCountries + ", jurisdictions=" + allowedJurisdictions
        + ", regions=" + allowedRegions + ", providers=" + allowedProviders + ", denied=" + deniedProviders
        + ", certifications=" + requiredCertifications + ", classification=" + dataClassification + "}";
  }

  /** Builder for {@link ComplianceRequirements}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Set<String> allowedCountries = Set.of();
    private Set<Jurisdiction> allowedJurisdictions = Set.of();
    private Set<String> allowedRegions = Set.of();
    private Set<CloudProvider> allowedProviders = Set.of();
    private Set<CloudProvider> deniedProviders = Set.of();
    private Set<String> requiredCertifications = Set.of();
    private DataClassification dataClassification = DataClassification.INTERNAL;

    private Builder() {}

    /**
     * Sets the allowed countries.
     *
     * @param values upper-case ISO 3166-1 alpha-2 codes; never null
     * @return this builder
     * @throws IllegalArgumentException if a code is malformed
     */
    public Builder allowedCountries(Collection<String> values) {
      Require.noNullElements(values, "compliance.allowedCountries");
      for (String c : values) {
        if (!c.matches("[A-Z]{2}")) {
          throw new IllegalArgumentException(
              "compliance.allowedCountries must hold ISO 3166-1 alpha-2 codes (e.g. 'DE'), got '" + c + "'");
        }
      }
      this.allowedCountries = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the allowed jurisdictions.
     *
     * @param values the jurisdictions; never null
     * @return this builder
     */
    public Builder allowedJurisdictions(Collection<Jurisdiction> values) {
      Require.noNullElements(values, "compliance.allowedJurisdictions");
      this.allowedJurisdictions = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the allowed regions.
     *
     * @param values region ids as {@code provider:code}; never null
     * @return this builder
     * @throws IllegalArgumentException if an id lacks the provider prefix
     */
    public Builder allowedRegions(Collection<String> values) {
      Require.noNullElements(values, "compliance.allowedRegions");
      for (String r : values) {
        if (r.indexOf(':') <= 0) {
          throw new IllegalArgumentException(
              "compliance.allowedRegions must hold ids 'provider:code' (e.g. 'aws:eu-central-1'), got '" + r + "'");
        }
      }
      this.allowedRegions = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the allowed providers.
     *
     * @param values the providers; never null
     * @return this builder
     */
    public Builder allowedProviders(Collection<CloudProvider> values) {
      Require.noNullElements(values, "compliance.allowedProviders");
      this.allowedProviders = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the denied providers.
     *
     * @param values the providers; never null
     * @return this builder
     */
    public Builder deniedProviders(Collection<CloudProvider> values) {
      Require.noNullElements(values, "compliance.deniedProviders");
      this.deniedProviders = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the required certifications.
     *
     * @param values upper-case names such as {@code HIPAA}; never null
     * @return this builder
     */
    public Builder requiredCertifications(Collection<String> values) {
      Require.noNullElements(values, "compliance.requiredCertifications");
      this.requiredCertifications = Set.copyOf(values);
      return this;
    }

    /**
     * Sets the data classification.
     *
     * @param value the classification; never null
     * @return this builder
     */
    public Builder dataClassification(DataClassification value) {
      this.dataClassification = Require.nonNull(value, "compliance.dataClassification");
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the requirements; never null
     * @throws IllegalArgumentException if a provider is both allowed and denied
     */
    public ComplianceRequirements build() {
      for (CloudProvider p : allowedProviders) {
        if (deniedProviders.contains(p)) {
          throw new IllegalArgumentException(
              "compliance.allowedProviders and deniedProviders must not overlap, both contain '" + p + "'");
        }
      }
      return new ComplianceRequirements(this);
    }
  }
}
