package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Jurisdiction;
import io.stratus.scheduler.PlacementPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spread sample keeps the four replicas on four machines in four EU regions and prints the plan. */
class SpreadSampleTest {

  @Test
  void run_replicasOnDistinctMachinesAndRegions() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlacementPlan plan;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      plan = SpreadSample.run(out);
    }

    List<PlacementPlan.Assignment> replicas =
        plan.assignments().stream().filter(a -> a.workloadId().startsWith("checkout-")).toList();
    assertThat(replicas).hasSize(4);
    assertThat(replicas.stream().map(PlacementPlan.Assignment::targetId).distinct()).hasSize(4);
    assertThat(replicas.stream().map(a -> a.candidate().region().id()).distinct()).hasSize(4);
    assertThat(replicas).allSatisfy(a -> assertThat(a.candidate().region().jurisdictions())
        .contains(Jurisdiction.EU));
    assertThat(plan.placedCount()).isEqualTo(6);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("checkout-0 -> ").contains("total ");
  }
}
