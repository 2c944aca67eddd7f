package io.stratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ModelArbitrariesTest {

  @Provide
  Arbitrary<Offer> offers() {
    return ModelArbitraries.offers();
  }

  @Provide
  Arbitrary<Workload> workloads() {
    return ModelArbitraries.workloads();
  }

  @Provide
  Arbitrary<VirtualMachine> vms() {
    return ModelArbitraries.virtualMachines();
  }

  @Provide
  Arbitrary<Region> regions() {
    return ModelArbitraries.regions();
  }

  @Provide
  Arbitrary<InstanceType> types() {
    return ModelArbitraries.instanceTypes();
  }

  @Property(tries = 200)
  void offers_areConsistent(@ForAll("offers") Offer offer) {
    assertThat(offer.region().provider()).isEqualTo(offer.instanceType().provider());
    if (!offer.purchaseOption().isInterruptible()) {
      assertThat(offer.interruptionRate()).isZero();
    }
    assertThat(offer.hourlyPrice().isNegative()).isFalse();
    assertThat(offer.observedAt()).isAfterOrEqualTo(ModelArbitraries.EPOCH);
  }

  @Property(tries = 200)
  void regions_sameIdMeansEqual(@ForAll("regions") Region a, @ForAll("regions") Region b) {
    if (a.id().equals(b.id())) {
      assertThat(a).isEqualTo(b);
    }
    if (a.country().equals("DE")) {
      assertThat(a.jurisdictions()).contains(Jurisdiction.EU, Jurisdiction.EEA);
    }
  }

  @Property(tries = 200)
  void instanceTypes_sameIdMeansEqual(@ForAll("types") InstanceType a, @ForAll("types") InstanceType b) {
    if (a.id().equals(b.id())) {
      assertThat(a).isEqualTo(b);
    }
  }

  @Property(tries = 200)
  void workloads_areValidAndProviderRulesDisjoint(@ForAll("workloads") Workload w) {
    ComplianceRequirements c = w.compliance();
    assertThat(c.allowedProviders()).noneMatch(c.deniedProviders()::contains);
    assertThat(w.demand().vcpus()).isPositive();
    assertThat(w.labels()).containsKey(Workload.LABEL_TEAM);
  }

  @Property(tries = 200)
  void virtualMachines_fitAndHaveOrderedHistory(@ForAll("vms") VirtualMachine vm) {
    assertThat(vm.allocated().fitsIn(vm.instanceType().capacity())).isTrue();
    assertThat(vm.region().zones()).contains(vm.zone());
    for (int i = 1; i < vm.performanceHistory().size(); i++) {
      assertThat(vm.performanceHistory().get(i).at()).isAfter(vm.performanceHistory().get(i - 1).at());
    }
  }

  @Property(tries = 50)
  void uniqueWorkloadLists_areUsable(@ForAll("uniqueWorkloads") @Size(max = 20) List<Workload> ws) {
    assertThat(ws.stream().map(Workload::id).distinct().count()).isEqualTo(ws.size());
  }

  @Provide
  Arbitrary<List<Workload>> uniqueWorkloads() {
    return ModelArbitraries.workloads().list().uniqueElements(Workload::id).ofMaxSize(20);
  }

  @Property(tries = 100)
  void complianceRequirements_sometimesBite(@ForAll("regions") Region r) {
    // the generated regions and requirements share countries and jurisdictions, so violations are reachable
    List<String> reasons =
        ComplianceRequirements.builder().allowedJurisdictions(List.of(Jurisdiction.EU)).build().violations(r);
    assertThat(reasons.isEmpty()).isEqualTo(r.isIn(Jurisdiction.EU));
  }
}
