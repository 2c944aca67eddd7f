package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.iac.Estimate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IacEstimateSampleTest {

  @Test
  void run_sizingUp_raisesTheEstimateAndListsTheVolume() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Estimate change = IacEstimateSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(change.monthlyAfter()).isGreaterThan(change.monthlyBefore());
    assertThat(change.resources()).allSatisfy(r -> assertThat(r.action()).isEqualTo("update"));
    assertThat(change.resources()).anySatisfy(r -> {
      assertThat(r.address()).isEqualTo("Workers");
      assertThat(r.after().instances()).isEqualTo(3.0);
      assertThat(r.after().region()).isEqualTo("eu-west-1");
    });
    assertThat(change.unpriced()).extracting(u -> u.address()).containsExactly("Logs");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("not priced: Logs");
  }
}
