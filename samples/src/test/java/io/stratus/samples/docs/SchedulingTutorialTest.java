package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PriceUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/scheduling.md, run. */
class SchedulingTutorialTest {

  @Test
  void placeOneWorkload_thenABatch() {
    // tag::place[]
    BundledCatalog catalog = BundledCatalog.load();
    EnhancedScheduler scheduler = EnhancedScheduler.builder()
        .pricing(catalog)
        .tradeOff(0.3)           // 0 = cheapest, 1 = fastest
        .build();
    Workload api = Workload.builder("shop-api")
        .label(Workload.LABEL_TEAM, "shop")
        .demand(ResourceDemand.of(4, 16))
        .compliance(ComplianceRequirements.builder()
            .allowedJurisdictions(Set.of(Jurisdiction.EU))
            .build())
        .build();
    Decision decision = scheduler.schedule(api);
    String where = decision.isPlaced()
        ? decision.candidate().orElseThrow().region().id()
        : "nowhere: " + decision.reasons();
    // end::place[]
    assertThat(decision.isPlaced()).isTrue();
    assertThat(decision.candidate().orElseThrow().region().isIn(Jurisdiction.EU)).as(where).isTrue();

    // tag::batch[]
    Workload worker = Workload.builder("shop-worker")
        .label(Workload.LABEL_TEAM, "shop")
        .demand(ResourceDemand.of(2, 8))
        .build();
    PlacementPlan plan = scheduler.placeAll(List.of(api, worker));
    Money perHour = plan.totalHourlyCost();
    List<Decision> unplaced = plan.unschedulable();
    // end::batch[]
    assertThat(plan.placedCount()).isEqualTo(2);
    assertThat(unplaced).isEmpty();
    assertThat(perHour.amount().signum()).isPositive();
  }

  @Test
  void runningMachineWithoutAPrice_isReportedNotChosen() {
    // a fleet of one custom machine type that the price list does not cover, as the GCP adapter reports it
    InventoryProvider inventory = new InventoryProvider() {
      @Override
      public String id() {
        return "gcp";
      }

      @Override
      public List<VirtualMachine> runningVms() {
        throw new PriceUnavailableException("gcp", List.of(),
            Map.of("4711", "no ON_DEMAND price for n2-custom-6-20480 in gcp:europe-west1"));
      }
    };
    Workload worker = Workload.builder("shop-worker").demand(ResourceDemand.of(2, 8)).build();
    // tag::unpriced[]
    CostAwareScheduler scheduler = CostAwareScheduler.builder()
        .pricing(BundledCatalog.load())
        .inventory(inventory)              // its runningVms() throws PriceUnavailableException
        .build();                          // .failOnUnpricedMachines(true) would fail every decision instead
    Decision decision = scheduler.schedule(worker);
    List<String> unknown = decision.explanation().rejections().stream()
        .map(Explanation.Rejection::reason)
        .filter(reason -> reason.startsWith("unknown price: "))
        .toList();
    // end::unpriced[]
    assertThat(decision.isPlaced()).isTrue();
    assertThat(decision.candidate().orElseThrow().isRunning()).isFalse();
    assertThat(unknown).containsExactly("unknown price: no ON_DEMAND price for n2-custom-6-20480 in gcp:europe-west1");
    assertThat(decision.explanation().notes()).contains(
        "1 running machine of inventory 'gcp' left out, price unknown (never chosen): 4711");
  }
}
