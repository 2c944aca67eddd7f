package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceRequirementsTest {

  @Test
  void violations_none_permitsEveryRegion() {
    assertThat(ComplianceRequirements.none().violations(Samples.virginia())).isEmpty();
    assertThat(ComplianceRequirements.none().permits(Samples.frankfurt())).isTrue();
  }

  @Test
  void violations_compliantRegion_isEmpty() {
    assertThat(Samples.euOnly().violations(Samples.frankfurt())).isEmpty();
  }

  @Test
  void violations_jurisdiction_anyOfAllowedSuffices() {
    ComplianceRequirements c =
        ComplianceRequirements.builder().allowedJurisdictions(List.of(Jurisdiction.UK, Jurisdiction.EEA)).build();

    assertThat(c.permits(Samples.frankfurt())).isTrue();
    assertThat(c.violations(Samples.virginia())).containsExactly("region not in allowed jurisdiction EEA/UK");
  }

  @Test
  void violations_everyBrokenRuleIsReported() {
    List<String> reasons = Samples.euOnly().violations(Samples.virginia());

    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "region not in allowed countries [DE, FR]",
            "region not in allowed jurisdiction EU",
            "region not in allowed regions",
            "region lacks certification C5");
  }

  @Test
  void violations_deniedProvider_isReported() {
    ComplianceRequirements c = ComplianceRequirements.builder().deniedProviders(List.of(CloudProvider.AWS)).build();

    assertThat(c.violations(Samples.frankfurt())).containsExactly("provider aws denied");
    assertThat(c.permits(Samples.belgium())).isTrue();
  }

  @Test
  void violations_providerNotAllowed_isReported() {
    ComplianceRequirements c = ComplianceRequirements.builder().allowedProviders(List.of(CloudProvider.GCP)).build();

    assertThat(c.violations(Samples.frankfurt())).containsExactly("provider not in allowed providers [gcp]");
    assertThat(c.violations(Samples.belgium())).isEmpty();
  }

  @Test
  void violations_missingCertifications_listedSorted() {
    ComplianceRequirements c =
        ComplianceRequirements.builder().requiredCertifications(Set.of("PCI_DSS", "HIPAA", "C5")).build();

    assertThat(c.violations(Samples.frankfurt())).containsExactly("region lacks certification HIPAA/PCI_DSS");
  }

  @Test
  void violations_allowedRegion_matchesById() {
    ComplianceRequirements c = ComplianceRequirements.builder().allowedRegions(List.of("gcp:europe-west1")).build();

    assertThat(c.permits(Samples.belgium())).isTrue();
    assertThat(c.permits(Samples.frankfurt())).isFalse();
  }

  @Test
  void violations_resultIsImmutable() {
    List<String> reasons = Samples.euOnly().violations(Samples.virginia());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reasons.add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void build_allowedAndDeniedOverlap_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ComplianceRequirements.builder()
                    .allowedProviders(List.of(CloudProvider.AWS, CloudProvider.GCP))
                    .deniedProviders(List.of(CloudProvider.GCP))
                    .build())
        .withMessageContaining("must not overlap")
        .withMessageContaining("gcp");
  }

  @Test
  void builder_malformedCountry_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ComplianceRequirements.builder().allowedCountries(List.of("de")))
        .withMessageContaining("compliance.allowedCountries")
        .withMessageContaining("'de'");
  }

  @Test
  void builder_regionWithoutProviderPrefix_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ComplianceRequirements.builder().allowedRegions(List.of("eu-central-1")))
        .withMessageContaining("compliance.allowedRegions")
        .withMessageContaining("'eu-central-1'");
  }

  @Test
  void toBuilder_roundTrips() {
    ComplianceRequirements c = Samples.euOnly();

    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().dataClassification(DataClassification.PUBLIC).build()).isNotEqualTo(c);
  }
}
