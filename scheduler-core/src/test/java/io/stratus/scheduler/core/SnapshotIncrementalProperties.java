package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Candidate;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A snapshot refreshed from its predecessor equals a snapshot built from scratch from the same sources. */
class SnapshotIncrementalProperties {
  private static final Instant T1 = Fixtures.T0.plusSeconds(900);
  private static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");
  private static final List<ComplianceRequirements> REQUIREMENTS = List.of(ComplianceRequirements.none(),
      ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build());

  /** A change between two reads: re-price offer i, change its interruption rate, drop it, or add a new one. */
  record Change(int kind, int index, int cents, double rate) {}

  @Provide
  Arbitrary<List<Offer>> offerLists() {
    Arbitrary<Offer> offer = Arbitraries.of(Fixtures.REGIONS).flatMap(r -> Combinators.combine(
            SchedulerPropertiesTest.types(r.provider()),
            Arbitraries.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT, PurchaseOption.RESERVED_1Y),
            Arbitraries.integers().between(1, 5000),
            Arbitraries.of(0.05, 0.10, 0.20))
        .as((t, po, cents, rate) -> new Offer(t, r, po, new Money(BigDecimal.valueOf(cents, 3), Money.USD),
            po == PurchaseOption.SPOT ? rate : 0, Fixtures.T0)));
    return offer.list().ofMaxSize(30).map(list -> {
      Map<String, Offer> unique = new LinkedHashMap<>();
      list.forEach(o -> unique.putIfAbsent(o.id(), o));
      return List.copyOf(unique.values());
    });
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    return Combinators.combine(
            Arbitraries.frequency(net.jqwik.api.Tuple.of(12, 0), net.jqwik.api.Tuple.of(4, 1),
                net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 3), net.jqwik.api.Tuple.of(1, 4)),
            Arbitraries.integers().between(0, 29),
            Arbitraries.integers().between(1, 5000),
            Arbitraries.of(0.0, 0.07, 0.3))
        .as(Change::new)
        .list().ofMaxSize(8);
  }

  @Property(tries = 300)
  void build_fromPrevious_equalsFullBuild(
      @ForAll("offerLists") List<Offer> offers,
      @ForAll("changes") List<Change> changes,
      @ForAll boolean withMachines) {
    List<VirtualMachine> vms = new ArrayList<>();
    if (withMachines) {
      for (int i = 0; i < offers.size() && vms.size() < 3; i += 4) {
        Offer o = offers.get(i);
        vms.add(Fixtures.vm("vm-" + i, o.instanceType(), o.region(),
            o.purchaseOption() == PurchaseOption.SPOT ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND,
            io.stratus.model.ResourceDemand.of(0, 0)));
      }
    }
    Fixtures.StaticPricing pricing = new Fixtures.StaticPricing(offers);
    Fixtures.StaticPricing second = new Fixtures.StaticPricing(List.of());
    List<PricingProvider> providers = List.of(pricing, second);
    History history = new History();
    if (!offers.isEmpty()) {
      history.cpu(offers.get(0).instanceType(), offers.get(0).region(), "web", 1.7, 0.02);
    }
    Snapshot first = Snapshot.build(null, Fixtures.T0, providers, OfferQuery.all(), Fixtures.inventory(vms), history);
    REQUIREMENTS.forEach(first::complianceVerdicts);

    List<Offer> next = new ArrayList<>(offers);
    for (Change c : changes) {
      if (next.isEmpty()) {
        break;
      }
      int i = c.index() % next.size();
      Offer o = next.get(i);
      switch (c.kind()) {
        case 0 -> next.set(i, new Offer(o.instanceType(), o.region(), o.purchaseOption(),
            new Money(BigDecimal.valueOf(c.cents(), 3), Money.USD), o.interruptionRate(), T1));
        case 1 -> next.set(i, new Offer(o.instanceType(), o.region(), o.purchaseOption(), o.hourlyPrice(),
            o.purchaseOption() == PurchaseOption.SPOT ? c.rate() : 0, T1));
        case 2 -> next.remove(i);
        case 3 -> second.offers.set(List.of(new Offer(o.instanceType(), o.region(), o.purchaseOption(),
            new Money(BigDecimal.valueOf(c.cents(), 3), Money.USD), o.interruptionRate(), T1)));
        default -> next.set(i, new Offer(o.instanceType(), o.region(), o.purchaseOption(),
            new Money(BigDecimal.valueOf(c.cents(), 3), EUR), o.interruptionRate(), T1));
      }
    }
    pricing.offers.set(List.copyOf(next));

    Snapshot incremental = Snapshot.build(first, T1, providers, OfferQuery.all(), Fixtures.inventory(vms), history);
    Snapshot full = Snapshot.build(null, T1, providers, OfferQuery.all(), Fixtures.inventory(vms), history);
    assertSameSnapshot(incremental, full);
  }

  @Test
  void build_onlyPricesChanged_sharesLayoutAndReusesUnchangedCandidates() {
    Offer a = Fixtures.offer(Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT,
        PurchaseOption.ON_DEMAND, "0.10");
    Offer b = Fixtures.offer(Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT,
        PurchaseOption.SPOT, "0.04", 0.05);
    Fixtures.StaticPricing pricing = new Fixtures.StaticPricing(List.of(a, b));
    Snapshot first = Snapshot.build(null, Fixtures.T0, List.of(pricing), OfferQuery.all(), null, null);
    Offer b2 = new Offer(b.instanceType(), b.region(), b.purchaseOption(), Money.of("0.05", "USD"), 0.05, T1);
    pricing.offers.set(List.of(a, b2));

    Snapshot second = Snapshot.build(first, T1, List.of(pricing), OfferQuery.all(), null, null);

    assertThat(second.regions).isSameAs(first.regions);
    assertThat(second.groupStart).isSameAs(first.groupStart);
    int ia = indexOf(second, a.id());
    int ib = indexOf(second, b.id());
    assertThat(second.candidates[ia]).isSameAs(first.candidates[ia]);
    assertThat(second.price[ib]).isEqualTo(0.05);
    assertThat(first.price[ib]).isEqualTo(0.04);
    assertThat(second.builtAt).isEqualTo(T1);
  }

  @Test
  void build_offerSetChanged_laysOutAgain() {
    Offer a = Fixtures.offer(Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT,
        PurchaseOption.ON_DEMAND, "0.10");
    Offer c = Fixtures.offer(Fixtures.type(CloudProvider.GCP, "n2-standard-2", 2, 8), Fixtures.GCP_BELGIUM,
        PurchaseOption.ON_DEMAND, "0.09");
    Fixtures.StaticPricing pricing = new Fixtures.StaticPricing(List.of(a));
    Snapshot first = Snapshot.build(null, Fixtures.T0, List.of(pricing), OfferQuery.all(), null, null);
    pricing.offers.set(List.of(a, c));

    Snapshot second = Snapshot.build(first, T1, List.of(pricing), OfferQuery.all(), null, null);

    assertThat(second.regions).isNotSameAs(first.regions).hasSize(2);
    assertThat(second.n).isEqualTo(2);
  }

  /** A price source that reports a version the test sets. */
  static final class VersionedPricing extends Fixtures.StaticPricing {
    final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    VersionedPricing(List<Offer> offers) {
      super(offers);
    }

    @Override
    public java.util.OptionalLong pricesVersion() {
      return java.util.OptionalLong.of(version.get());
    }
  }

  @Test
  void build_sameVersion_doesNotReadOffersAgain_newVersion_does() {
    Offer a = Fixtures.offer(Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT,
        PurchaseOption.ON_DEMAND, "0.10");
    VersionedPricing pricing = new VersionedPricing(List.of(a));
    Snapshot first = Snapshot.build(null, Fixtures.T0, List.of(pricing), OfferQuery.all(), null, null);
    pricing.offers.set(List.of(new Offer(a.instanceType(), a.region(), a.purchaseOption(), Money.of("0.20", "USD"),
        0, T1)));

    Snapshot same = Snapshot.build(first, T1, List.of(pricing), OfferQuery.all(), null, null);
    pricing.version.incrementAndGet();
    Snapshot bumped = Snapshot.build(same, T1, List.of(pricing), OfferQuery.all(), null, null);

    assertThat(pricing.reads.get()).isEqualTo(2);
    assertThat(same.price).containsExactly(0.10);
    assertThat(same.builtAt).isEqualTo(T1);
    assertThat(bumped.price).containsExactly(0.20);
  }

  @Test
  void build_oneProviderWithoutVersion_readsEveryTime() {
    Offer a = Fixtures.offer(Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT,
        PurchaseOption.ON_DEMAND, "0.10");
    VersionedPricing versioned = new VersionedPricing(List.of(a));
    Fixtures.StaticPricing plain = new Fixtures.StaticPricing(List.of());
    Snapshot first = Snapshot.build(null, Fixtures.T0, List.of(versioned, plain), OfferQuery.all(), null, null);

    Snapshot.build(first, T1, List.of(versioned, plain), OfferQuery.all(), null, null);

    assertThat(versioned.reads.get()).isEqualTo(2);
    assertThat(plain.reads.get()).isEqualTo(2);
  }

  @Property(tries = 100)
  void layoutOrder_anyCandidates_sortsLikeTheLayoutComparator(@ForAll("offerLists") List<Offer> offers) {
    List<Candidate> candidates = new ArrayList<>();
    offers.forEach(o -> candidates.add(Candidate.newInstance(o)));
    int[] order = Snapshot.layoutOrder(candidates);
    List<Candidate> expected = new ArrayList<>(candidates);
    expected.sort(Snapshot.LAYOUT);
    List<Candidate> actual = new ArrayList<>();
    for (int i : order) {
      actual.add(candidates.get(i));
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static int indexOf(Snapshot s, String id) {
    for (int i = 0; i < s.n; i++) {
      if (s.candidates[i].id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no candidate " + id);
  }

  private static void assertSameSnapshot(Snapshot a, Snapshot b) {
    assertThat(a.builtAt).isEqualTo(b.builtAt);
    assertThat(a.n).isEqualTo(b.n);
    assertThat(a.candidates).containsExactly(b.candidates);
    assertThat(a.currency).isEqualTo(b.currency);
    assertThat(a.regions).containsExactly(b.regions);
    assertThat(a.regionStart).containsExactly(b.regionStart);
    assertThat(a.regionGroupStart).containsExactly(b.regionGroupStart);
    assertThat(a.groupStart).containsExactly(b.groupStart);
    assertThat(a.anyOtherCurrency).isEqualTo(b.anyOtherCurrency);
    assertThat(a.regionOf).containsExactly(b.regionOf);
    assertThat(a.kind).containsExactly(b.kind);
    assertThat(a.arch).containsExactly(b.arch);
    assertThat(a.purchase).containsExactly(b.purchase);
    assertThat(a.gpus).containsExactly(b.gpus);
    assertThat(a.vcpus).containsExactly(b.vcpus);
    assertThat(a.memory).containsExactly(b.memory);
    assertThat(a.network).containsExactly(b.network);
    assertThat(a.price).containsExactly(b.price);
    assertThat(a.interruption).containsExactly(b.interruption);
    assertThat(a.expectedCost).containsExactly(b.expectedCost);
    assertThat(a.otherCurrency).containsExactly(b.otherCurrency);
    assertThat(a.preference).containsExactly(b.preference);
    for (String workloadClass : List.of("web", "batch")) {
      Snapshot.ClassTable ta = a.classTable(workloadClass);
      Snapshot.ClassTable tb = b.classTable(workloadClass);
      assertThat(ta.cpuScore).containsExactly(tb.cpuScore);
      assertThat(ta.cpuObserved).containsExactly(tb.cpuObserved);
      assertThat(ta.failureRate).containsExactly(tb.failureRate);
      assertThat(ta.failureObserved).containsExactly(tb.failureObserved);
    }
    Snapshot.LocationTable la = a.locationTable(Fixtures.PARIS);
    Snapshot.LocationTable lb = b.locationTable(Fixtures.PARIS);
    assertThat(la.p95Millis).containsExactly(lb.p95Millis);
    for (ComplianceRequirements req : REQUIREMENTS) {
      assertThat(a.complianceVerdicts(req)).containsExactly(b.complianceVerdicts(req));
    }
  }
}
