package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.aws.AwsAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsSetupSampleTest {
  @Test
  void run_offline_enablesTheFourSpisWithoutCallingAws() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (AwsAdapter aws = AwsSetupSample.adapter("eu-central-1", List.of("eu-central-1", "eu-west-1"))) {
      List<String> enabled = AwsSetupSample.run(aws, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(enabled).hasSize(4).allSatisfy(line -> assertThat(line).contains("[aws]"));
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("region=eu-central-1")
        .contains("coveredRegions=[eu-central-1, eu-west-1]");
  }
}
