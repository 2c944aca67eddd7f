package io.stratus.security.residency;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.testing.RecordingAuditLog;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The residency policy as a scheduler filter, run through scheduler-core's cost-aware scheduler. */
class ResidencyPlacementTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final List<Jurisdiction> CODES = Jurisdiction.known();

  static Region region(CloudProvider p, String code, String country, Set<Jurisdiction> in) {
    return new Region(p, code, code, country, in, List.of(), new GeoPoint(0, 0), Set.of());
  }

  static InstanceType type(CloudProvider p) {
    return new InstanceType(p, p.id() + ".small", "small", 2, 8, 0, "", Architecture.X86_64, 10);
  }

  record Pricing(List<Offer> all) implements PricingProvider {
    @Override
    public String id() {
      return "test";
    }

    @Override
    public Set<CloudProvider> providers() {
      Set<CloudProvider> out = new LinkedHashSet<>();
      all.forEach(o -> out.add(o.region().provider()));
      return out;
    }

    @Override
    public List<Region> regions() {
      return all.stream().map(Offer::region).distinct().toList();
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return all.stream().map(Offer::instanceType).distinct().toList();
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      return all.stream().filter(query::matches).toList();
    }
  }

  static Decision place(ResidencyPolicy policy, List<Offer> offers, String workload) {
    return CostAwareScheduler.builder().pricing(new Pricing(offers)).filter(policy.placementFilter()).build()
        .schedule(Workload.builder(workload).demand(ResourceDemand.of(2, 4)).build());
  }

  @Test
  void cheapestRegionOutsideThePolicy_isRejectedWithAReasonNamingThePolicy_andEachRefusalIsAudited() {
    Region virginia = region(CloudProvider.AWS, "us-east-1", "US", Set.of(Jurisdiction.US));
    Region oregon = region(CloudProvider.AWS, "us-west-2", "US", Set.of(Jurisdiction.US));
    Region frankfurt = region(CloudProvider.AWS, "eu-central-1", "DE", Set.of(Jurisdiction.EU, Jurisdiction.EEA));
    InstanceType t = type(CloudProvider.AWS);
    List<Offer> offers = List.of(new Offer(t, virginia, PurchaseOption.ON_DEMAND, Money.of("0.09", "USD"), 0, T0),
        new Offer(t, oregon, PurchaseOption.ON_DEMAND, Money.of("0.10", "USD"), 0, T0),
        new Offer(t, frankfurt, PurchaseOption.ON_DEMAND, Money.of("0.12", "USD"), 0, T0));
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU), log, CLOCK);

    Decision d = place(policy, offers, "ledger");

    assertThat(d.candidate().orElseThrow().region()).isEqualTo(frankfurt);
    assertThat(d.explanation().rejections())
        .contains(new Explanation.Rejection("residency-policy: region outside residency policy allowing [EU]", 2));
    assertThat(log.events).hasSize(2).allSatisfy(e -> {
      assertThat(e.actor()).isEqualTo("residency-policy");
      assertThat(e.action()).isEqualTo("residency.placement");
      assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
      assertThat(e.origin()).isEqualTo("[US]");
      assertThat(e.at()).isEqualTo(T0);
    });
    assertThat(log.events).extracting(AuditEvent::resource)
        .containsExactlyInAnyOrder("placement:ledger@aws:us-east-1", "placement:ledger@aws:us-west-2");
  }

  @Test
  void noRegionInsideThePolicy_isUnschedulable_notPlacedOutside() {
    Region virginia = region(CloudProvider.AWS, "us-east-1", "US", Set.of(Jurisdiction.US));
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.CH), log, CLOCK);
    Decision d = place(policy, List.of(new Offer(type(CloudProvider.AWS), virginia, PurchaseOption.ON_DEMAND,
        Money.of("0.09", "USD"), 0, T0)), "w");
    assertThat(d.isPlaced()).isFalse();
    assertThat(log.events).hasSize(1);
    FilterPlugin f = policy.placementFilter();
    assertThat(f.name()).isEqualTo("residency-policy");
  }

  record Scenario(List<Offer> offers, Set<Jurisdiction> allowed) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Set<Jurisdiction>>> regionJurisdictions = Arbitraries.of(CODES).set().ofMaxSize(3).list()
        .ofSize(10);
    Arbitrary<Set<Jurisdiction>> allowed = Arbitraries.of(CODES).set().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<int[]>> picks = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 9), Arbitraries.integers().between(1, 500))
        .as((p, n, cents) -> new int[] {p, n, cents}).list().ofMinSize(1).ofMaxSize(12)
        .uniqueElements(a -> a[0] * 10 + a[1]);
    return Combinators.combine(regionJurisdictions, picks, allowed).as((in, ps, a) -> {
      List<CloudProvider> providers = List.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
      List<Offer> offers = new ArrayList<>();
      for (int[] pick : ps) {
        CloudProvider p = providers.get(pick[0]);
        offers.add(new Offer(type(p), region(p, "region-" + pick[1], "DE", in.get(pick[1])),
            PurchaseOption.ON_DEMAND, Money.of("0." + String.format("%03d", pick[2]), "USD"), 0, T0));
      }
      return new Scenario(offers, a);
    });
  }

  @Property(tries = 200)
  void batchPlanning_residencyIsNeverViolated_andEveryRefusalIsAuditedOnce(
      @ForAll("scenarios") Scenario s, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 5) int count) {
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(s.allowed(), log, CLOCK);
    List<Workload> workloads = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      workloads.add(Workload.builder("w" + k).demand(ResourceDemand.of(1 + k % 2, 2 + 2 * (k % 3))).build());
    }
    io.stratus.scheduler.PlacementPlan plan = CostAwareScheduler.builder().pricing(new Pricing(s.offers()))
        .filter(policy.placementFilter()).build().placeAll(workloads);

    assertThat(plan.assignments()).allSatisfy(a ->
        assertThat(a.candidate().region().jurisdictions()).containsAnyElementsOf(s.allowed()));
    long refusedByPolicy = 0;
    for (Workload w : workloads) {
      refusedByPolicy += plan.decision(w.id()).orElseThrow().explanation().rejections().stream()
          .filter(r -> r.reason().startsWith("residency-policy: region outside residency policy"))
          .mapToLong(Explanation.Rejection::count).sum();
    }
    assertThat(log.events).hasSize((int) refusedByPolicy)
        .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED));
    assertThat(log.events).extracting(AuditEvent::resource).doesNotHaveDuplicates();
  }

  @Property(tries = 300)
  void residencyIsNeverViolated_andEveryRefusalIsAudited(@ForAll("scenarios") Scenario s) {
    RecordingAuditLog log = new RecordingAuditLog();
    ResidencyPolicy policy = ResidencyPolicy.allowing(s.allowed(), log, CLOCK);
    Decision d = place(policy, s.offers(), "w1");
    List<Candidate> placed = new ArrayList<>(d.candidate().stream().toList());
    assertThat(placed).allSatisfy(c -> assertThat(c.region().jurisdictions()).containsAnyElementsOf(s.allowed()));
    long refusedByPolicy = d.explanation().rejections().stream()
        .filter(r -> r.reason().startsWith("residency-policy: region outside residency policy")).mapToLong(Explanation.Rejection::count)
        .sum();
    assertThat(log.events).hasSize((int) refusedByPolicy)
        .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED));
    boolean anyInside = s.offers().stream().anyMatch(o -> o.region().jurisdictions().stream()
        .anyMatch(s.allowed()::contains));
    if (!anyInside) {
      assertThat(d.isPlaced()).isFalse();
    }
  }
}
