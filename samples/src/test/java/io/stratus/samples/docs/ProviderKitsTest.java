package io.stratus.samples.docs;

import io.stratus.finops.spi.CostStore;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.samples.OnPremPricingProvider;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.catalog.InMemoryInventory;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import io.stratus.testkit.PricingProviderCompatibilityKit;
import io.stratus.testkit.finops.CostStoreCompatibilityKit;
import io.stratus.testkit.monitoring.MetricStoreCompatibilityKit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * The code of docs/integration-guide.md: an implementation passes the testkit's compatibility kit by extending it and
 * supplying itself; the kit's inherited tests then run against it.
 */
class ProviderKitsTest {

  // tag::pricing-kit[]
  @Nested
  class OnPremPricingKit extends PricingProviderCompatibilityKit {
    @Override
    protected PricingProvider createProvider() {
      return new OnPremPricingProvider();
    }
  }
  // end::pricing-kit[]

  // tag::inventory-kit[]
  @Nested
  class InventoryKit extends InventoryProviderCompatibilityKit {
    @Override
    protected InventoryProvider createProvider() {
      Offer m5 = BundledCatalog.load().offers(OfferQuery.all()
          .withInstanceTypeIds(List.of("aws:m5.large"))
          .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND))).get(0);
      VirtualMachine vm = VirtualMachine.builder("vm-1")
          .instanceType(m5.instanceType())
          .region(m5.region())
          .hourlyPrice(m5.hourlyPrice())
          .launchedAt(Instant.parse("2026-01-01T00:00:00Z"))
          .allocated(ResourceDemand.of(1, 2))
          .build();
      return InMemoryInventory.of(List.of(vm));   // your InventoryProvider here
    }
  }
  // end::inventory-kit[]

  // tag::store-kits[]
  @Nested
  class CostStoreKit extends CostStoreCompatibilityKit {
    @Override
    protected CostStore createStore() {
      return CostStore.inMemory();               // your CostStore here (a fresh, empty one per test)
    }
  }

  @Nested
  class MetricStoreKit extends MetricStoreCompatibilityKit {
    @Override
    protected MetricStore createStore() {
      return InMemoryMetricStore.create();       // your MetricStore here
    }
  }
  // end::store-kits[]
}
