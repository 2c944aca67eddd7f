package io.stratus.finops.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.spi.CostStore;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Instant;
import java.time.InstantSource;
import java.util.AbstractList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The optimizer indexes a version-less catalog once while the provider returns the same offer list. */
class CatalogReuseTest {
  static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");

  /** A version-less provider over TestCatalog whose offer list counts how often it is scanned. */
  static final class CountingProvider implements PricingProvider {
    final TestCatalog base = new TestCatalog();
    final AtomicInteger scans = new AtomicInteger();
    final List<Region> regions = base.regions();
    final List<InstanceType> types = base.instanceTypes();
    List<Offer> offers = counting(base.offers(OfferQuery.all()));

    List<Offer> counting(List<Offer> l) {
      return new AbstractList<>() {
        @Override
        public Offer get(int i) {
          if (i == 0) {
            scans.incrementAndGet();
          }
          return l.get(i);
        }

        @Override
        public int size() {
          return l.size();
        }
      };
    }

    @Override
    public String id() {
      return "counting";
    }

    @Override
    public Set<CloudProvider> providers() {
      return base.providers();
    }

    @Override
    public List<Region> regions() {
      return regions;
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return types;
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      return offers;
    }
  }

  @Test
  void recommend_sameOfferList_indexesTheCatalogOnce_newList_reindexes() {
    CostStore store = CostStore.inMemory();
    CostFixtures.daily(store, "i-1", AS_OF, 30, "2.304");
    CountingProvider p = new CountingProvider();
    CostOptimizer optimizer = CostOptimizer.create(store, p, InstantSource.fixed(AS_OF), OptimizerOptions.defaults());
    List<ManagedResource> rs = List.of(CostOptimizerTest.resource("i-1", "aws:m5.large", "aws:us-east-1",
        CostOptimizerTest.workload("w").build(), new Utilization(0.02, 0.1, 20, 1)));
    RecommendationReport first = optimizer.recommend(rs);
    optimizer.recommend(rs);
    optimizer.recommend(rs);
    assertThat(p.scans.get()).isEqualTo(1);

    p.offers = p.counting(p.base.offers(OfferQuery.all()).stream()
        .filter(o -> o.purchaseOption() == PurchaseOption.ON_DEMAND).toList());
    RecommendationReport after = optimizer.recommend(rs);
    assertThat(p.scans.get()).isEqualTo(2);
    assertThat(after.recommendations()).hasSameSizeAs(first.recommendations());
  }
}
