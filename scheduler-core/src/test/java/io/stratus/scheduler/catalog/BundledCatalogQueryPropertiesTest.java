package io.stratus.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.CloudProvider;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The indexed lookup returns exactly what a full scan with {@link OfferQuery#matches} returns. */
class BundledCatalogQueryPropertiesTest {
  private static final BundledCatalog CATALOG = BundledCatalog.load();
  private static final List<Offer> ALL = CATALOG.offers(OfferQuery.all());

  @Provide
  Arbitrary<OfferQuery> queries() {
    List<String> regionIds = CATALOG.regions().stream().map(r -> r.id()).collect(Collectors.toList());
    // a mix of real ids of every provider and an unknown one
    List<String> typeIds =
        List.of("aws:m5.large", "aws:c7g.xlarge", "aws:p4d.24xlarge", "gcp:n2-standard-4", "gcp:e2-micro",
            "azure:Standard_D2s_v5", "azure:nope");
    return Combinators.combine(
            Arbitraries.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE).set().ofMaxSize(2),
            Arbitraries.of(regionIds).set().ofMaxSize(3),
            Arbitraries.of(typeIds).set().ofMaxSize(3),
            Arbitraries.of(PurchaseOption.class).set().ofMaxSize(2))
        .as(OfferQuery::new)
        .filter(q -> !(q.regionIds().isEmpty() && q.instanceTypeIds().isEmpty() && q.providers().isEmpty()));
  }

  @Property(tries = 60)
  void offers_equalsFullScan(@ForAll("queries") OfferQuery query) {
    Set<String> expected = ALL.stream().filter(query::matches).map(Offer::id).collect(Collectors.toSet());
    List<Offer> actual = CATALOG.offers(query);

    assertThat(actual).allMatch(query::matches);
    assertThat(actual.stream().map(Offer::id).collect(Collectors.toSet())).isEqualTo(expected);
    assertThat(actual).hasSize(expected.size());
  }
}
