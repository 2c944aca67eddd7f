package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.adapters.gcp.GcpAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GcpSetupSampleTest {
  @Test
  void adapter_withATable_enablesAllFourProviders_withoutCallingGoogle() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GcpAdapter a = GcpSetupSample.adapter("my-project-123", null,
        "my-project-123.billing.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9")) {
      assertThat(GcpSetupSample.describe(a, new PrintStream(bytes, true, StandardCharsets.UTF_8)))
          .containsExactly("pricing:gcp", "inventory:gcp", "metrics:gcp (dialect gcp)", "billing:gcp");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("my-project-123").contains("application-default");
  }

  @Test
  void adapter_withoutATable_leavesBillingOffAndSaysHowToTurnItOn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GcpAdapter a = GcpSetupSample.adapter("my-project-123", null, null)) {
      assertThat(GcpSetupSample.describe(a, new PrintStream(bytes, true, StandardCharsets.UTF_8))).hasSize(3);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("billing off").contains("billingExportTable")
        .contains("application-default");
  }
}
