package io.stratus.scheduler.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlacementProblemTest {

  @Test
  void builder_validInput_exposesCopiedValues() {
    PlacementProblem.Builder b = PlacementProblem.builder(2).dimensionNames("cpu", "memory");
    double[] cap = {4, 16};
    int type = b.addBinType(cap, 0.5, 3);
    double[] demand = {1, 2};
    int item = b.addItem(demand, 7, new int[] {type});
    cap[0] = 99;
    demand[0] = 99;

    PlacementProblem p = b.build();

    assertThat(p.capacity(type, 0)).isEqualTo(4);
    assertThat(p.demand(item, 0)).isEqualTo(1);
    assertThat(p.priority(item)).isEqualTo(7);
    assertThat(p.openingCost(type)).isEqualTo(0.5);
    assertThat(p.maxCount(type)).isEqualTo(3);
    assertThat(p.isAllowed(item, type)).isTrue();
    assertThat(p.dimensionName(1)).isEqualTo("memory");
  }

  @Test
  void builder_negativeDemand_failsNamingFieldValueAndRule() {
    PlacementProblem.Builder b = PlacementProblem.builder(2).dimensionNames("cpu", "memory");
    assertThatThrownBy(() -> b.addItem(new double[] {1, -2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("items[0].demand[1] (memory) must be finite and >= 0, got -2.0");
  }

  @Test
  void builder_nanOrInfiniteValues_fail() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    assertThatThrownBy(() -> b.addItem(new double[] {Double.NaN})).hasMessageContaining("got NaN");
    assertThatThrownBy(() -> b.addBinType(new double[] {Double.POSITIVE_INFINITY}, 1, 1))
        .hasMessageContaining("binTypes[0].capacity[0]");
    assertThatThrownBy(() -> b.addBinType(new double[] {1}, Double.NaN, 1))
        .hasMessageContaining("binTypes[0].openingCost must be finite and >= 0, got NaN");
    assertThatThrownBy(() -> b.addBinType(new double[] {1}, -1, 1)).hasMessageContaining("openingCost");
  }

  @Test
  void builder_wrongLengthOrNull_fails() {
    PlacementProblem.Builder b = PlacementProblem.builder(3);
    assertThatThrownBy(() -> b.addItem(new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must have 3 entries");
    assertThatThrownBy(() -> b.addItem(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("items[0].demand");
    assertThatThrownBy(() -> b.dimensionNames("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimensionNames");
  }

  @Test
  void builder_badCountsAndDimensions_fail() {
    assertThatThrownBy(() -> PlacementProblem.builder(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be >= 1, got 0");
    assertThatThrownBy(() -> PlacementProblem.builder(1).addBinType(new double[] {1}, 1, 0))
        .hasMessage("binTypes[0].maxCount must be >= 1, got 0");
  }

  @Test
  void build_unknownAllowedBinType_failsNamingItem() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {1}, 1, 1);
    b.addItem(new double[] {1}, 0, new int[] {0, 4});
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("items[0].allowedBinTypes contains 4, must be a bin type index in [0, 1)");
  }

  @Test
  void fits_withinTolerance_acceptsRoundingOnly() {
    assertThat(PlacementProblem.fits(0.1 + 0.2, 0.3)).isTrue();
    assertThat(PlacementProblem.fits(10.000001, 10)).isFalse();
  }
}
