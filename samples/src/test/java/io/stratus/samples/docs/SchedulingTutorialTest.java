package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.EnhancedScheduler;
import java.util.List;
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
}
