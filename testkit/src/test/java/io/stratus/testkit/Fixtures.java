package io.stratus.testkit;

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
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.PricingProvider;
import io.stratus.ProviderException;
import io.stratus.model.UserLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Tiny, correct test-scope implementations of the SPIs, and data for them. */
final class Fixtures {
  private Fixtures() {}

  static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  static Region region(CloudProvider p, String code, String country, Jurisdiction... js) {
    return new Region(p, code, code, country, Set.of(js), List.of(code + "a"), new GeoPoint(50, 8), Set.of());
  }

  static InstanceType type(CloudProvider p, String name, double vcpus, double mem) {
    return new InstanceType(p, name, name.substring(0, 2), vcpus, mem, 0, "", Architecture.X86_64, 10);
  }

  static List<Offer> offers() {
    List<Offer> out = new ArrayList<>();
    for (CloudProvider p : List.of(CloudProvider.AWS, CloudProvider.GCP)) {
      List<Region> regions = List.of(region(p, "de-1", "DE", Jurisdiction.EU), region(p, "us-1", "US", Jurisdiction.US));
      List<InstanceType> types = List.of(type(p, "s1.small", 2, 4), type(p, "s1.large", 8, 32), type(p, "g2.huge", 64, 256));
      for (Region r : regions) {
        for (InstanceType t : types) {
          double price = t.vcpus() * (r.country().equals("DE") ? 0.05 : 0.04);
          out.add(new Offer(t, r, PurchaseOption.ON_DEMAND, Money.usd(price), 0, T));
          out.add(new Offer(t, r, PurchaseOption.SPOT, Money.usd(price * 0.3), 0.1, T));
          out.add(new Offer(t, r, PurchaseOption.RESERVED_1Y, Money.usd(price * 0.6), 0, T));
        }
      }
    }
    return List.copyOf(out);
  }

  /** A correct pricing provider over a fixed list. */
  static class ListPricing implements PricingProvider {
    final List<Offer> offers;

    ListPricing(List<Offer> offers) {
      this.offers = List.copyOf(offers);
    }

    @Override
    public String id() {
      return "list";
    }

    @Override
    public Set<CloudProvider> providers() {
      return offers.stream().map(o -> o.region().provider()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<Region> regions() {
      return List.copyOf(offers.stream().map(Offer::region).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return List.copyOf(offers.stream().map(Offer::instanceType).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      Objects.requireNonNull(query, "query");
      return offers.stream().filter(query::matches).collect(Collectors.toUnmodifiableList());
    }
  }

  static List<VirtualMachine> vms() {
    List<VirtualMachine> out = new ArrayList<>();
    int i = 0;
    for (Offer o : offers()) {
      if (o.purchaseOption() == PurchaseOption.ON_DEMAND) {
        out.add(
            VirtualMachine.builder("vm-" + i++)
                .instanceType(o.instanceType())
                .region(o.region())
                .hourlyPrice(o.hourlyPrice())
                .launchedAt(T)
                .allocated(ResourceDemand.of(o.instanceType().vcpus() / 2, 1))
                .build());
      }
    }
    return List.copyOf(out);
  }

  /** A correct inventory over a fixed list. */
  static class ListInventory implements InventoryProvider {
    final List<VirtualMachine> vms;

    ListInventory(List<VirtualMachine> vms) {
      this.vms = vms;
    }

    @Override
    public String id() {
      return "list";
    }

    @Override
    public List<VirtualMachine> runningVms() {
      return List.copyOf(vms);
    }
  }

  /** A correct history over fixed maps. */
  static class MapHistory implements PerformanceHistoryProvider {
    final Map<String, PerformanceObservation> performance;
    final Map<String, LatencyObservation> latency;

    MapHistory(List<PerformanceObservation> performance, List<LatencyObservation> latency) {
      this.performance =
          performance.stream()
              .collect(Collectors.toUnmodifiableMap(
                  o -> o.instanceTypeId() + "|" + o.regionId() + "|" + o.workloadClass(), o -> o));
      this.latency =
          latency.stream().collect(Collectors.toUnmodifiableMap(o -> o.regionId() + "|" + o.locationName(), o -> o));
    }

    @Override
    public String id() {
      return "map";
    }

    @Override
    public Optional<PerformanceObservation> performance(InstanceType instanceType, Region region, String workloadClass) {
      return Optional.ofNullable(
          performance.get(instanceType.id() + "|" + region.id() + "|" + Objects.requireNonNull(workloadClass)));
    }

    @Override
    public Optional<LatencyObservation> latency(Region region, UserLocation location) {
      return Optional.ofNullable(latency.get(region.id() + "|" + location.name()));
    }
  }

  /** A correct channel that records what it delivers; fails every send when {@code failing}. */
  static class Outbox implements NotificationChannel {
    final List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
    final boolean failing;

    Outbox(boolean failing) {
      this.failing = failing;
    }

    @Override
    public String id() {
      return failing ? "failing-outbox" : "outbox";
    }

    @Override
    public void send(Notification notification) {
      Objects.requireNonNull(notification, "notification");
      if (failing) {
        throw new ProviderException(id(), "sink refused " + notification.key(), null);
      }
      delivered.add(notification);
    }
  }
}
