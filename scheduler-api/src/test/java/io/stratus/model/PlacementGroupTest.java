package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.stratus.GoldenJson;
import io.stratus.model.PlacementGroup.Spread;
import io.stratus.model.PlacementGroup.Topology;
import io.stratus.model.PlacementGroup.WhenUnsatisfiable;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placement groups: defaults, the Kubernetes-style rules, validation messages and JSON. */
class PlacementGroupTest {

  @Test
  void builder_defaults_noCapNoSpread() {
    PlacementGroup g = PlacementGroup.builder("web").build();
    assertThat(g.name()).isEqualTo("web");
    assertThat(g.maxPerMachine()).isEqualTo(PlacementGroup.UNLIMITED);
    assertThat(g.spread()).isEmpty();
  }

  @Test
  void antiAffinity_isMaxOnePerMachine() {
    assertThat(PlacementGroup.antiAffinity("db").maxPerMachine()).isEqualTo(1);
    assertThat(PlacementGroup.antiAffinity("db")).isEqualTo(PlacementGroup.builder("db").maxPerMachine(1).build());
  }

  @Test
  void spread_twoTopologies_keptInOrder_andToBuilderCopies() {
    PlacementGroup g = PlacementGroup.builder("web")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE)
        .spread(Topology.PROVIDER, 2, WhenUnsatisfiable.SCHEDULE_ANYWAY)
        .build();
    assertThat(g.spread()).containsExactly(new Spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE),
        new Spread(Topology.PROVIDER, 2, WhenUnsatisfiable.SCHEDULE_ANYWAY));
    assertThat(g.spread().get(0).isHard()).isTrue();
    assertThat(g.spread().get(1).isHard()).isFalse();
    assertThat(g.toBuilder().build()).isEqualTo(g).hasSameHashCodeAs(g);
    assertThat(g.toBuilder().maxPerMachine(3).build()).isNotEqualTo(g);
  }

  @Test
  void name_malformed_isRejectedNamingFieldValueAndRule() {
    assertThatIllegalArgumentException().isThrownBy(() -> PlacementGroup.builder(" web"))
        .withMessage("placementGroup.name must match [A-Za-z0-9][A-Za-z0-9._:/-]{0,252}, got ' web'");
    assertThatNullPointerException().isThrownBy(() -> PlacementGroup.builder(null))
        .withMessage("placementGroup.name must not be null");
  }

  @Test
  void maxPerMachine_belowOne_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> PlacementGroup.builder("web").maxPerMachine(0))
        .withMessage("placementGroup.maxPerMachine must be >= 1 (1 is anti-affinity, 2147483647 no cap), got 0");
  }

  @Test
  void maxSkew_belowOne_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Spread(Topology.REGION, 0, WhenUnsatisfiable.DO_NOT_SCHEDULE))
        .withMessage("placementGroup.spread.maxSkew must be >= 1 (as in Kubernetes topologySpreadConstraints),"
            + " got 0");
  }

  @Test
  void spread_nullTopologyOrMode_isRejected() {
    assertThatNullPointerException().isThrownBy(() -> new Spread(null, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE))
        .withMessage("placementGroup.spread.topology must not be null");
    assertThatNullPointerException().isThrownBy(() -> new Spread(Topology.REGION, 1, null))
        .withMessage("placementGroup.spread.whenUnsatisfiable must not be null");
  }

  @Test
  void spread_twoForOneTopology_isRejected() {
    PlacementGroup.Builder b =
        PlacementGroup.builder("web").spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> b.spread(Topology.REGION, 2, WhenUnsatisfiable.SCHEDULE_ANYWAY))
        .withMessage("placementGroup.spread must have at most one constraint per topology: group 'web' has two for"
            + " REGION");
    Spread s = new Spread(Topology.PROVIDER, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY);
    assertThatIllegalArgumentException().isThrownBy(() -> PlacementGroup.builder("web").spread(List.of(s, s)))
        .withMessageContaining("group 'web' has two for PROVIDER");
  }

  @Test
  void workload_placementGroup_defaultsToEmptyAndIsPartOfEquality() {
    Workload plain = Workload.builder("w1").build();
    Workload grouped = plain.toBuilder().placementGroup(PlacementGroup.antiAffinity("db")).build();
    assertThat(plain.placementGroup()).isEmpty();
    assertThat(grouped.placementGroup()).contains(PlacementGroup.antiAffinity("db"));
    assertThat(grouped).isNotEqualTo(plain);
    assertThat(grouped.toBuilder().build()).isEqualTo(grouped);
    assertThatNullPointerException().isThrownBy(() -> Workload.builder("w1").placementGroup(null))
        .withMessage("workload.placementGroup must not be null");
  }

  @Test
  void json_workloadWithGroup_roundTripsAndMatchesGolden() throws IOException {
    Workload w = Workload.builder("web-1")
        .placementGroup(PlacementGroup.builder("web")
            .maxPerMachine(2)
            .spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE)
            .spread(Topology.PROVIDER, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY)
            .build())
        .build();
    GoldenJson.assertRoundTrip("workload-placement-group", w);
  }

  @Test
  void json_badMaxSkew_isRejectedWithTheRule() {
    String json = "{\"name\":\"web\",\"spread\":[{\"topology\":\"REGION\",\"maxSkew\":0,"
        + "\"whenUnsatisfiable\":\"DO_NOT_SCHEDULE\"}]}";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoldenJson.MAPPER.readValue(json, PlacementGroup.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("placementGroup.spread.maxSkew must be >= 1");
  }
}
