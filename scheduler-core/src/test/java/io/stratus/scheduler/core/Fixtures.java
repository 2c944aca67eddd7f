package io.stratus.scheduler.core;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Small, hand-written regions, instance types and providers for the scheduler tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final Region AWS_FRANKFURT =
      new Region(CloudProvider.AWS, "eu-central-1", "Frankfurt", "DE", Set.of(Jurisdiction.EU, Jurisdiction.EEA),
          List.of("eu-central-1a"), new GeoPoint(50.11, 8.68), Set.of("HIPAA", "ISO27001"));
  static final Region AWS_VIRGINIA =
      new Region(CloudProvider.AWS, "us-east-1", "N. Virginia", "US", Set.of(Jurisdiction.US),
          List.of("us-east-1a"), new GeoPoint(38.9, -77.4), Set.of("HIPAA", "ISO27001"));
  static final Region GCP_BELGIUM =
      new Region(CloudProvider.GCP, "europe-west1", "Belgium", "BE", Set.of(Jurisdiction.EU, Jurisdiction.EEA),
          List.of(), new GeoPoint(50.45, 3.82), Set.of("ISO27001"));
  static final Region AZURE_SINGAPORE =
      new Region(CloudProvider.AZURE, "southeastasia", "Singapore", "SG", Set.of(Jurisdiction.APAC),
          List.of(), new GeoPoint(1.35, 103.8), Set.of("ISO27001"));
  static final List<Region> REGIONS = List.of(AWS_FRANKFURT, AWS_VIRGINIA, GCP_BELGIUM, AZURE_SINGAPORE);

  static final UserLocation PARIS = new UserLocation("Paris", new GeoPoint(48.86, 2.35));

  private Fixtures() {}

  static InstanceType type(CloudProvider p, String name, double vcpus, double mem) {
    return new InstanceType(p, name, name.split("\\.")[0], vcpus, mem, 0, "", Architecture.X86_64, 10);
  }

  static InstanceType gpuType(CloudProvider p, String name, double vcpus, double mem, int gpus) {
    return new InstanceType(p, name, "gpu", vcpus, mem, gpus, "A100", Architecture.X86_64, 25);
  }

  static Offer offer(InstanceType t, Region r, PurchaseOption o, String usd) {
    return offer(t, r, o, usd, 0);
  }

  static Offer offer(InstanceType t, Region r, PurchaseOption o, String usd, double interruption) {
    return new Offer(t, r, o, Money.of(usd, "USD"), interruption, T0);
  }

  static VirtualMachine vm(String id, InstanceType t, Region r, PurchaseOption o, ResourceDemand allocated) {
    return VirtualMachine.builder(id)
        .instanceType(t)
        .region(r)
        .purchaseOption(o)
        .hourlyPrice(Money.of("0.50", "USD"))
        .launchedAt(T0)
        .allocated(allocated)
        .build();
  }

  /** A price source over a mutable list of offers that counts its reads. */
  static class StaticPricing implements PricingProvider {
    final AtomicReference<List<Offer>> offers;
    final AtomicInteger reads = new AtomicInteger();

    StaticPricing(List<Offer> offers) {
      this.offers = new AtomicReference<>(List.copyOf(offers));
    }

    @Override
    public String id() {
      return "static";
    }

    @Override
    public Set<CloudProvider> providers() {
      Set<CloudProvider> out = new LinkedHashSet<>();
      offers.get().forEach(o -> out.add(o.region().provider()));
      return out.isEmpty() ? Set.of(CloudProvider.AWS) : out;
    }

    @Override
    public List<Region> regions() {
      Set<Region> out = new LinkedHashSet<>();
      offers.get().forEach(o -> out.add(o.region()));
      return List.copyOf(out);
    }

    @Override
    public List<InstanceType> instanceTypes() {
      Set<InstanceType> out = new LinkedHashSet<>();
      offers.get().forEach(o -> out.add(o.instanceType()));
      return List.copyOf(out);
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      reads.incrementAndGet();
      List<Offer> out = new ArrayList<>();
      for (Offer o : offers.get()) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
      return List.copyOf(out);
    }
  }

  static InventoryProvider inventory(List<VirtualMachine> vms) {
    return new InventoryProvider() {
      @Override
      public String id() {
        return "static-inventory";
      }

      @Override
      public List<VirtualMachine> runningVms() {
        return List.copyOf(vms);
      }
    };
  }
}
