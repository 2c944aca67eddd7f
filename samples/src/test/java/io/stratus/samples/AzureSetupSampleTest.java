package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Azure SPIs a host's environment enables; no call reaches Azure. */
class AzureSetupSampleTest {
  @Test
  void setUp_withoutSubscription_enablesPricingOnly() {
    AzureSetupSample.Setup setup = AzureSetupSample.setUp(Map.of("STRATUS_AZURE_REGIONS", "westeurope")::get);
    assertThat(setup.pricing().id()).isEqualTo("azure");
    assertThat(setup.inventory()).isEmpty();
    assertThat(setup.billing()).isEmpty();
    assertThat(setup.metrics()).isEmpty();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AzureSetupSample.run(Map.of("STRATUS_AZURE_REGIONS", "westeurope")::get,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("inventory: disabled: set AZURE_SUBSCRIPTION_ID");
  }

  @Test
  void setUp_withSubscription_enablesEveryAzureSpi() {
    AzureSetupSample.Setup setup = AzureSetupSample.setUp(Map.of(
        "AZURE_SUBSCRIPTION_ID", "00000000-1111-2222-3333-444444444444",
        "AZURE_CLIENT_SECRET", "never-printed")::get);
    assertThat(setup.inventory()).isPresent();
    assertThat(setup.billing()).isPresent();
    assertThat(setup.metrics()).isPresent();
    assertThat(String.join("\n", setup.describe())).contains("Cost Management query API")
        .doesNotContain("never-printed");
  }
}
