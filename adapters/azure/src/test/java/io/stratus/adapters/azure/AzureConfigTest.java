package io.stratus.adapters.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureConfigTest {
  @Test
  void fromEnvironment_readsTheDocumentedVariables() {
    Map<String, String> env = Map.of(
        "AZURE_SUBSCRIPTION_ID", Stubs.SUBSCRIPTION,
        "STRATUS_AZURE_REGIONS", "westeurope, eastus",
        "STRATUS_AZURE_CURRENCY", "EUR",
        "STRATUS_AZURE_COST_TYPE", "AmortizedCost",
        "STRATUS_AZURE_EXPORT_CONTAINER_URL", "https://acct.blob.core.windows.net/exports",
        "AZURE_CLIENT_SECRET", Stubs.SECRET);
    AzureConfig config = AzureConfig.fromEnvironment(env::get);
    assertThat(config.subscriptionId()).contains(Stubs.SUBSCRIPTION);
    assertThat(config.regions()).extracting(r -> r.code()).containsExactly("westeurope", "eastus");
    assertThat(config.currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(config.costType()).isEqualTo(AzureConfig.CostType.AMORTIZED_COST);
    assertThat(config.exportContainer()).contains(URI.create("https://acct.blob.core.windows.net/exports"));
    assertThat(config.toString()).doesNotContain(Stubs.SECRET);
  }

  @Test
  void fromEnvironment_badValue_namesTheVariable() {
    assertThatThrownBy(() -> AzureConfig.fromEnvironment(Map.of("STRATUS_AZURE_COST_TYPE", "Cheap")::get))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("STRATUS_AZURE_COST_TYPE")
        .hasMessageContaining("Cheap");
    assertThatThrownBy(() -> AzureConfig.fromEnvironment(Map.of("STRATUS_AZURE_REGIONS", "moon-1")::get))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("moon-1");
  }

  @Test
  void builder_rejectsBadValuesNamingFieldAndRule() {
    assertThatThrownBy(() -> AzureConfig.builder().subscriptionId("nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriptionId must be a GUID");
    assertThatThrownBy(() -> AzureConfig.builder().exportContainer(URI.create("https://a.blob.core.windows.net/c?sig="
        + Stubs.SECRET)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SAS tokens")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Stubs.SECRET));
    assertThatThrownBy(() -> AzureConfig.builder().metricNames(List.of("a,b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without commas");
    assertThatThrownBy(() -> AzureConfig.builder().spotInterruptionRate(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
  }

  @Test
  void tokenPolicy_refusesPlainHttpToOtherHosts() {
    assertThat(TokenPolicy.isLoopback("localhost")).isTrue();
    assertThat(TokenPolicy.isLoopback("127.0.0.1")).isTrue();
    assertThat(TokenPolicy.isLoopback("management.azure.com")).isFalse();
  }
}
