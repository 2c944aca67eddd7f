package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Jurisdiction;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first lines of code place the EU workload in an EU region and say why others were rejected. */
class GettingStartedTest {

  @Test
  void run_placesTheEuWorkloadInTheEuAndExplains() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Decision decision;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      decision = GettingStarted.run(out);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(decision.isPlaced()).as(report).isTrue();
    Candidate c = decision.candidate().orElseThrow();
    assertThat(c.region().jurisdictions()).contains(Jurisdiction.EU);
    assertThat(c.instanceType().vcpus()).isGreaterThanOrEqualTo(4);
    assertThat(c.instanceType().memoryGib()).isGreaterThanOrEqualTo(16);
    assertThat(report).startsWith("shop-api -> new ").contains(c.region().id()).contains("why: ")
        .contains("jurisdiction");
  }
}
