package io.stratus.adapters.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.finops.spi.BillingSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;

class ServiceLoaderRegistrationTest {
  @Test
  void everySpi_findsTheAzureProviderThroughServiceLoader() {
    assertThat(ProviderRegistry.load(PricingProvider.class).require("azure"))
        .isInstanceOf(AzurePricingProvider.class);
    assertThat(ProviderRegistry.load(InventoryProvider.class).require("azure"))
        .isInstanceOf(AzureInventoryProvider.class);
    assertThat(ProviderRegistry.load(BillingSource.class).require("azure")).isInstanceOf(AzureBillingSource.class);
    assertThat(ProviderRegistry.load(MetricsSource.class).require("azure")).isInstanceOf(AzureMetricsSource.class);
  }

  @Test
  void defaultInventory_withoutSubscription_saysHowToRegisterAConfiguredOne() {
    InventoryProvider loaded = ProviderRegistry.load(InventoryProvider.class).require("azure");
    assertThatThrownBy(loaded::runningVms).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("AZURE_SUBSCRIPTION_ID").hasMessageContaining("register it by hand");
  }
}
