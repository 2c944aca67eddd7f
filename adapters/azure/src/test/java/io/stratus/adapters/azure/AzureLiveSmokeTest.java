package io.stratus.adapters.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.spi.OfferQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads a real Azure subscription when {@code AZURE_SUBSCRIPTION_ID}, {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}
 * and {@code AZURE_CLIENT_SECRET} are set; skipped otherwise.
 */
class AzureLiveSmokeTest {
  @Test
  void liveSubscription_pricesAndInventoryAnswer() {
    List<String> needed = List.of("AZURE_SUBSCRIPTION_ID", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET");
    List<String> missing = needed.stream().filter(v -> System.getenv(v) == null).toList();
    assumeTrue(missing.isEmpty(), () -> "live Azure smoke test skipped: set " + missing
        + " (a service principal with Reader on the subscription) to run it");
    AzureConfig config = AzureConfig.fromEnvironment(System::getenv).toBuilder().regionCodes(List.of("westeurope")).build();
    assertThat(AzurePricingProvider.create(config).offers(OfferQuery.all().withRegionIds(List.of("azure:westeurope"))))
        .isNotEmpty();
    assertThat(AzureInventoryProvider.create(config).runningVms()).isNotNull();
  }
}
