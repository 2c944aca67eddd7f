package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.PlacementPlan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler API's values survive a JSON round trip, and invalid JSON fails with the rule it breaks. */
class SchedulerJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void decision_placedAndUnschedulable_roundTrip() throws Exception {
    CostAwareScheduler s = CostAwareSchedulerTest.scheduler(CostAwareSchedulerTest.offers());
    Decision placed = s.schedule(CostAwareSchedulerTest.web());
    Decision unschedulable = s.schedule(Workload.builder("huge").demand(ResourceDemand.of(512, 4)).build());

    for (Decision d : List.of(placed, unschedulable)) {
      String json = mapper.writeValueAsString(d);
      assertThat(mapper.readValue(json, Decision.class)).isEqualTo(d);
    }
    String json = mapper.writeValueAsString(unschedulable);
    assertThat(json).contains("\"outcome\":\"UNSCHEDULABLE\"").contains("\"reasons\":[\"5 insufficient vCPU\",\"2 spot not allowed\"]")
        .doesNotContain("\"candidate\"");
  }

  /**
   * The JSON shape of a decision is a format hosts store and exchange: compare it with the golden file. Refresh
   * with {@code -Dstratus.golden.update=true} and review the diff.
   */
  @Test
  void decision_json_matchesGoldenFile() throws Exception {
    Workload w = CostAwareSchedulerTest.web().toBuilder()
        .compliance(ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build())
        .build();
    Decision d = CostAwareSchedulerTest.scheduler(CostAwareSchedulerTest.offers()).schedule(w);
    String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(d) + "\n";
    java.nio.file.Path golden = java.nio.file.Path.of("src/test/resources/golden/decision-placed.json");

    if (Boolean.getBoolean("stratus.golden.update")) {
      java.nio.file.Files.writeString(golden, json);
    }
    assertThat(sortSets(mapper.readTree(json)))
        .isEqualTo(sortSets(mapper.readTree(java.nio.file.Files.readString(golden))));
  }

  /** The model serializes sets (jurisdictions, certifications) in the JVM's per-run set order: compare them sorted. */
  private static com.fasterxml.jackson.databind.JsonNode sortSets(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isObject()) {
      var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
      List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        com.fasterxml.jackson.databind.JsonNode child = sortSets(object.get(name));
        if (child.isArray() && Set.of("jurisdictions", "certifications").contains(name)) {
          List<String> values = new java.util.ArrayList<>();
          child.forEach(v -> values.add(v.asText()));
          java.util.Collections.sort(values);
          var sorted = object.putArray(name);
          values.forEach(sorted::add);
        } else {
          object.set(name, child);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, sortSets(node.get(i)));
      }
    }
    return node;
  }

  @Test
  void placementPlan_roundTrip() throws Exception {
    List<Workload> ws = List.of(
        Workload.builder("a").demand(ResourceDemand.of(1, 2)).build(),
        Workload.builder("b").demand(ResourceDemand.of(1, 2)).build(),
        Workload.builder("eu-only").demand(ResourceDemand.of(1, 2))
            .compliance(ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.of("CH"))).build())
            .build());
    PlacementPlan plan = CostAwareSchedulerTest.scheduler(CostAwareSchedulerTest.offers()).placeAll(ws);

    String json = mapper.writeValueAsString(plan);

    assertThat(mapper.readValue(json, PlacementPlan.class)).isEqualTo(plan);
    assertThat(plan.unschedulable()).singleElement().extracting(Decision::workloadId).isEqualTo("eu-only");
  }

  @Test
  void paretoFront_roundTrip() throws Exception {
    ParetoFront front = EnhancedScheduler.builder()
        .pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers()))
        .build()
        .paretoFront(EnhancedSchedulerTest.web());

    assertThat(mapper.readValue(mapper.writeValueAsString(front), ParetoFront.class)).isEqualTo(front);
  }

  @Test
  void placementPlan_tamperedTotal_rejectedOnRead() throws Exception {
    PlacementPlan plan = CostAwareSchedulerTest.scheduler(CostAwareSchedulerTest.offers())
        .placeAll(List.of(CostAwareSchedulerTest.web()));
    com.fasterxml.jackson.databind.node.ObjectNode tree = mapper.valueToTree(plan);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("totalHourlyCost")).put("amount", "0.080");
    String json = mapper.writeValueAsString(tree);

    assertThatThrownBy(() -> mapper.readValue(json, PlacementPlan.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("totalHourlyCost must equal the sum");
  }
}
