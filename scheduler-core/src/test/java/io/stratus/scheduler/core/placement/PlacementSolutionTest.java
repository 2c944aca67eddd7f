package io.stratus.scheduler.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.scheduler.core.placement.PlacementSolution.OpenedBin;
import io.stratus.scheduler.core.placement.PlacementSolution.Unassigned;
import io.stratus.scheduler.core.placement.PlacementSolution.UnassignedReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementSolutionTest {

  private static PlacementProblem twoItemsOneBin() {
    PlacementProblem.Builder b = PlacementProblem.builder(2).dimensionNames("cpu", "memory");
    b.addBinType(new double[] {4, 8}, 2.5, 1);
    b.addItem(new double[] {3, 4});
    b.addItem(new double[] {2, 4}, 0, new int[0]);
    return b.build();
  }

  @Test
  void violations_overloadedBin_namesDimensionAndLoad() {
    PlacementProblem p = twoItemsOneBin();
    PlacementSolution bad =
        new PlacementSolution(
            p,
            new int[] {0, 0},
            new int[] {0, 0},
            List.of(new OpenedBin(0, 0, 2.5, List.of(0, 1))),
            List.of(),
            2.5,
            0,
            0);

    assertThat(bad.isFeasible()).isFalse();
    assertThat(bad.violations())
        .anySatisfy(v -> assertThat(v).contains("cpu load 5.0 exceeds capacity 4.0"))
        .anySatisfy(v -> assertThat(v).contains("item 1 is in bin type 0 which it does not allow"));
  }

  @Test
  void violations_itemWithoutReasonOrBadInstance_areReported() {
    PlacementProblem p = twoItemsOneBin();
    PlacementSolution bad =
        new PlacementSolution(
            p,
            new int[] {0, -1},
            new int[] {1, -1},
            List.of(new OpenedBin(0, 1, 2.5, List.of(0))),
            List.of(),
            2.5,
            0,
            0);

    assertThat(bad.violations())
        .anySatisfy(v -> assertThat(v).contains("instance index out of [0, 1)"))
        .anySatisfy(v -> assertThat(v).contains("item 1 is unassigned without a reason"));
  }

  @Test
  void violations_consistentSolution_isEmpty() {
    PlacementProblem p = twoItemsOneBin();
    PlacementSolution ok =
        new PlacementSolution(
            p,
            new int[] {0, -1},
            new int[] {0, -1},
            List.of(new OpenedBin(0, 0, 2.5, List.of(0))),
            List.of(new Unassigned(1, UnassignedReason.NO_ALLOWED_BIN_TYPE, "allows none")),
            2.5,
            0,
            0);

    assertThat(ok.violations()).isEmpty();
    assertThat(ok.totalCost()).isEqualTo(2.5);
    assertThat(ok.gap()).isEqualTo(1.0);
    assertThat(ok.unassignedReason(1)).isPresent();
    assertThat(ok.unassignedReason(0)).isEmpty();
  }
}
