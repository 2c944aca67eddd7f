package io.stratus.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the bundled catalog against rows of its source tables. */
class BundledCatalogTest {
  private static final BundledCatalog CATALOG = BundledCatalog.load();
  private static final Instant AWS_DATE = Instant.parse("2026-07-20T00:00:00Z");

  private static Offer offer(String regionId, String typeName, PurchaseOption option) {
    return find(regionId, typeName, option)
        .orElseThrow(() -> new AssertionError("no offer " + regionId + " " + typeName + " " + option));
  }

  private static Optional<Offer> find(String regionId, String typeName, PurchaseOption option) {
    String provider = regionId.substring(0, regionId.indexOf(':'));
    List<Offer> found =
        CATALOG.offers(
            OfferQuery.all()
                .withRegionIds(List.of(regionId))
                .withInstanceTypeIds(List.of(provider + ":" + typeName))
                .withPurchaseOptions(List.of(option)));
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.stream().findFirst();
  }

  private static Region region(String id) {
    return CATALOG.regions().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static InstanceType type(String id) {
    return CATALOG.instanceTypes().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void id_isCatalog_andServiceLoaderFindsIt() {
    assertThat(CATALOG.id()).isEqualTo("catalog").isEqualTo(BundledCatalog.ID);
    PricingProvider found = ProviderRegistry.load(PricingProvider.class).require("catalog");
    assertThat(found).isInstanceOf(BundledCatalog.class);
    assertThat(found.offers(OfferQuery.all())).isSameAs(CATALOG.offers(OfferQuery.all()));
  }

  @Test
  void counts_perProvider() {
    Map<CloudProvider, Long> regions =
        CATALOG.regions().stream().collect(Collectors.groupingBy(Region::provider, Collectors.counting()));
    Map<CloudProvider, Long> types =
        CATALOG.instanceTypes().stream().collect(Collectors.groupingBy(InstanceType::provider, Collectors.counting()));
    Map<String, Long> offers =
        CATALOG.offers(OfferQuery.all()).stream()
            .collect(Collectors.groupingBy(o -> o.region().provider() + " " + o.purchaseOption(), Collectors.counting()));

    assertThat(CATALOG.providers()).containsExactlyInAnyOrder(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
    assertThat(regions).containsEntry(CloudProvider.AWS, 26L).containsEntry(CloudProvider.GCP, 6L)
        .containsEntry(CloudProvider.AZURE, 6L);
    assertThat(types).containsEntry(CloudProvider.AWS, 1352L).containsEntry(CloudProvider.GCP, 520L)
        .containsEntry(CloudProvider.AZURE, 90L);
    assertThat(offers)
        .containsEntry("aws ON_DEMAND", 32534L)
        .containsEntry("aws SPOT", 30935L)
        .containsEntry("aws RESERVED_1Y", 32230L)
        .containsEntry("aws RESERVED_3Y", 32230L)
        .containsEntry("gcp ON_DEMAND", 3003L)
        .containsEntry("gcp SPOT", 2979L)
        .containsEntry("gcp COMMITMENT_1Y", 2943L)
        .containsEntry("gcp COMMITMENT_3Y", 2943L)
        .containsEntry("azure ON_DEMAND", 540L)
        .hasSize(9);
  }

  @Test
  void skippedRows_countedByReason() {
    assertThat(CATALOG.skippedRows())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "aws: vCPU or memory unknown", 22,
                "aws: no price in any region", 11,
                "azure: vCPU or memory unknown", 1626,
                "azure: GPU count unknown (N-series)", 3,
                "gcp: fractional GPU (virtual workstation share)", 15));
  }

  @Test
  void aws_m5LargeUsEast1_matchesSourceRows() {
    Offer od = offer("aws:us-east-1", "m5.large", PurchaseOption.ON_DEMAND);
    assertThat(od.hourlyPrice()).isEqualTo(Money.of("0.096", "USD"));
    assertThat(od.interruptionRate()).isZero();
    assertThat(od.observedAt()).isEqualTo(AWS_DATE);
    assertThat(od.instanceType())
        .isEqualTo(new InstanceType(CloudProvider.AWS, "m5.large", "m5", 2, 8, 0, "", Architecture.X86_64, 0));
    // Price List API m5.large: Reserved Standard No Upfront 0.0600 (1yr) and 0.0410 (3yr).
    assertThat(offer("aws:us-east-1", "m5.large", PurchaseOption.RESERVED_1Y).hourlyPrice().isSameAs(Money.usd(0.06)))
        .isTrue();
    assertThat(offer("aws:us-east-1", "m5.large", PurchaseOption.RESERVED_3Y).hourlyPrice().isSameAs(Money.usd(0.041)))
        .isTrue();
    // Median of the observed spot history; us-east-1's advisor band is 5-10%.
    Offer spot = offer("aws:us-east-1", "m5.large", PurchaseOption.SPOT);
    assertThat(spot.hourlyPrice().isSameAs(Money.usd(0.0409))).isTrue();
    assertThat(spot.interruptionRate()).isEqualTo(0.10);
  }

  @Test
  void aws_typeSpecs_fromSourceRows() {
    assertThat(type("aws:p4d.24xlarge"))
        .isEqualTo(new InstanceType(CloudProvider.AWS, "p4d.24xlarge", "p4d", 96, 1152, 8, "a100", Architecture.X86_64, 0));
    assertThat(type("aws:m7g.large").architecture()).isEqualTo(Architecture.ARM64);
  }

  @Test
  void aws_derivedRegion_appliesDocumentedFactor() {
    // eu-west-2: 33.612 / 26.676 (x2iedn.32xlarge), band >20%
    Offer od = offer("aws:eu-west-2", "m5.large", PurchaseOption.ON_DEMAND);
    assertThat(od.hourlyPrice()).isEqualTo(Money.of("0.120961", "USD"));
    Offer spot = offer("aws:eu-west-2", "m5.large", PurchaseOption.SPOT);
    assertThat(spot.interruptionRate()).isEqualTo(0.25);
    assertThat(spot.hourlyPrice().toDouble()).isCloseTo(0.120961 * 0.0409 / 0.096, org.assertj.core.data.Offset.offset(1e-6));
    // eu-central-1: factor 37.348 / 26.676
    assertThat(offer("aws:eu-central-1", "c5.large", PurchaseOption.ON_DEMAND).hourlyPrice())
        .isEqualTo(Money.of("0.119005", "USD"));
    // us-west-2 has the same price as us-east-1 in the record: factor 1
    assertThat(offer("aws:us-west-2", "c5.large", PurchaseOption.ON_DEMAND).hourlyPrice().isSameAs(Money.usd(0.085)))
        .isTrue();
    for (String region :
        List.of("eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "us-west-2", "ap-northeast-1",
            "ap-southeast-1", "ca-central-1", "eu-west-2")) {
      assertThat(find("aws:" + region, "m5.large", PurchaseOption.ON_DEMAND)).as(region).isPresent();
    }
  }

  @Test
  void aws_govAndChina_usePublishedPricesWithoutSpot() {
    assertThat(offer("aws:us-gov-west-1", "m5.large", PurchaseOption.ON_DEMAND).hourlyPrice())
        .isEqualTo(Money.of("0.121", "USD"));
    assertThat(find("aws:us-gov-west-1", "m5.large", PurchaseOption.SPOT)).isEmpty();
    assertThat(find("aws:us-gov-east-1", "p4d.24xlarge", PurchaseOption.ON_DEMAND)).isEmpty();
    Offer cn = offer("aws:cn-north-1", "m5.large", PurchaseOption.ON_DEMAND);
    assertThat(cn.hourlyPrice()).isEqualTo(Money.of("1.013", "CNY"));
    assertThat(cn.observedAt()).isEqualTo(Instant.parse("2024-11-06T00:00:00Z"));
    assertThat(find("aws:cn-north-1", "m5.large", PurchaseOption.RESERVED_1Y)).isEmpty();
  }

  @Test
  void gcp_a2HighGpu_matchesSourceRow() {
    String r = "gcp:us-central1";
    assertThat(offer(r, "a2-highgpu-1g", PurchaseOption.ON_DEMAND).hourlyPrice())
        .isEqualTo(Money.of("3.673385", "USD"));
    Offer spot = offer(r, "a2-highgpu-1g", PurchaseOption.SPOT);
    assertThat(spot.hourlyPrice()).isEqualTo(Money.of("1.92802", "USD"));
    assertThat(spot.interruptionRate()).isEqualTo(0.20);
    assertThat(offer(r, "a2-highgpu-1g", PurchaseOption.COMMITMENT_1Y).hourlyPrice())
        .isEqualTo(Money.of("2.314207", "USD"));
    assertThat(offer(r, "a2-highgpu-1g", PurchaseOption.COMMITMENT_3Y).hourlyPrice())
        .isEqualTo(Money.of("1.285708", "USD"));
    assertThat(offer(r, "a2-highgpu-1g", PurchaseOption.ON_DEMAND).observedAt())
        .isEqualTo(Instant.parse("2026-07-30T00:00:00Z"));
    assertThat(type("gcp:a2-highgpu-1g"))
        .isEqualTo(new InstanceType(CloudProvider.GCP, "a2-highgpu-1g", "a2", 12, 85, 1, "a100", Architecture.X86_64, 0));
  }

  @Test
  void gcp_armFamilies_andMissingCud() {
    assertThat(type("gcp:t2a-standard-1").architecture()).isEqualTo(Architecture.ARM64);
    assertThat(type("gcp:c4a-standard-1").architecture()).isEqualTo(Architecture.ARM64);
    assertThat(type("gcp:n2-standard-2").architecture()).isEqualTo(Architecture.X86_64);
    assertThat(find("gcp:us-central1", "t2a-standard-1", PurchaseOption.COMMITMENT_1Y)).isEmpty();
    assertThat(offer("gcp:europe-west4", "c4a-standard-1", PurchaseOption.SPOT).hourlyPrice())
        .isEqualTo(Money.of("0.007434", "USD"));
  }

  @Test
  void azure_sizes_matchSourceRows() {
    assertThat(offer("azure:westeurope", "Standard_D2s_v5", PurchaseOption.ON_DEMAND).hourlyPrice())
        .isEqualTo(Money.of("0.115", "USD"));
    assertThat(offer("azure:southeastasia", "Standard_D16plds_v5", PurchaseOption.ON_DEMAND).hourlyPrice())
        .isEqualTo(Money.of("0.72", "USD"));
    assertThat(type("azure:Standard_D16plds_v5"))
        .isEqualTo(
            new InstanceType(CloudProvider.AZURE, "Standard_D16plds_v5", "Dpldsv5", 16, 32, 0, "", Architecture.ARM64, 0));
    assertThat(type("azure:Standard_D2s_v5").family()).isEqualTo("Dsv5");
    // vCPU known but memory unknown: skipped, not invented
    assertThat(CATALOG.instanceTypes()).extracting(InstanceType::id).doesNotContain("azure:Standard_D2ps_v5");
    assertThat(CATALOG.offers(OfferQuery.all().withProviders(List.of(CloudProvider.AZURE))))
        .allMatch(o -> o.purchaseOption() == PurchaseOption.ON_DEMAND);
  }

  @Test
  void regions_jurisdictionsAndCertifications() {
    assertThat(region("aws:eu-central-1").jurisdictions()).containsExactlyInAnyOrder(Jurisdiction.EU, Jurisdiction.EEA);
    assertThat(region("aws:eu-central-1").country()).isEqualTo("DE");
    assertThat(region("aws:eu-west-2").jurisdictions()).containsExactly(Jurisdiction.UK);
    assertThat(region("aws:eu-west-2").country()).isEqualTo("GB");
    assertThat(region("aws:us-gov-west-1").jurisdictions())
        .containsExactlyInAnyOrder(Jurisdiction.US, Jurisdiction.US_GOV);
    assertThat(region("aws:us-gov-west-1").certifications()).contains("FEDRAMP_HIGH", "HIPAA");
    assertThat(region("aws:us-east-1").certifications()).contains("HIPAA").doesNotContain("FEDRAMP_HIGH");
    assertThat(region("aws:cn-north-1").jurisdictions()).containsExactly(Jurisdiction.CN);
    assertThat(region("aws:ca-central-1").jurisdictions()).containsExactly(Jurisdiction.CA);
    assertThat(region("aws:ap-northeast-1").jurisdictions()).containsExactly(Jurisdiction.APAC);
    assertThat(region("gcp:europe-west1").jurisdictions()).contains(Jurisdiction.EU);
    assertThat(region("azure:northeurope").country()).isEqualTo("IE");
    assertThat(region("azure:westeurope").displayName()).isEqualTo("West Europe");
    assertThat(region("aws:sa-east-1").jurisdictions()).isEmpty();
    assertThat(region("aws:us-east-1").zones()).contains("us-east-1a");
    assertThat(region("aws:eu-central-1").location().distanceKm(region("gcp:europe-west1").location()))
        .isBetween(300.0, 400.0);
  }

  @Test
  void offers_allRegionsAndTypesListed_andEveryListedOneIsPriced() {
    List<Offer> all = CATALOG.offers(OfferQuery.all());
    assertThat(all.stream().map(Offer::region).distinct()).containsExactlyInAnyOrderElementsOf(CATALOG.regions());
    assertThat(all.stream().map(Offer::instanceType).distinct())
        .containsExactlyInAnyOrderElementsOf(CATALOG.instanceTypes());
    assertThat(all.stream().map(Offer::id).distinct().count()).isEqualTo(all.size());
  }

  @Test
  void offers_multiKeyQuery_isDeterministicAndMatches() {
    OfferQuery q =
        OfferQuery.all()
            .withProviders(List.of(CloudProvider.AWS, CloudProvider.GCP))
            .withRegionIds(List.of("aws:eu-west-1", "gcp:europe-west1", "azure:westeurope"));
    List<Offer> found = CATALOG.offers(q);

    assertThat(found).isNotEmpty().allMatch(q::matches);
    assertThat(found).isEqualTo(CATALOG.offers(q));
    assertThat(found.stream().filter(o -> o.region().id().equals("aws:eu-west-1")).count())
        .isEqualTo(CATALOG.offers(OfferQuery.all().withRegionIds(List.of("aws:eu-west-1"))).size());
    assertThat(CATALOG.offers(OfferQuery.all().withInstanceTypeIds(List.of("aws:nope")))).isEmpty();
  }

  @Test
  void constructor_isLazyAndSharesParsedData() {
    BundledCatalog lazy = new BundledCatalog();
    assertThat(lazy.regions()).isSameAs(CATALOG.regions());
    assertThat(lazy.description()).contains("README");
    assertThatThrownBy(() -> lazy.offers(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void resultsAreImmutable() {
    assertThatThrownBy(() -> CATALOG.regions().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> CATALOG.skippedRows().clear()).isInstanceOf(UnsupportedOperationException.class);
    List<Offer> some = CATALOG.offers(OfferQuery.all().withRegionIds(List.of("gcp:us-east1")));
    assertThatThrownBy(() -> some.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }
}
