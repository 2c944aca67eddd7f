package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against the real Google Cloud: runs only when GOOGLE_APPLICATION_CREDENTIALS names a credentials file (and
 * STRATUS_GCP_PROJECT or the gcloud default names a project); reads prices and the project's instances, never writes.
 */
class GcpLiveSmokeTest {
  @Test
  void realCatalogAndInventory_answer() {
    String credentials = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    assumeTrue(credentials != null && !credentials.isBlank(),
        "GOOGLE_APPLICATION_CREDENTIALS is not set: the live Google Cloud smoke test is skipped (set it, and"
            + " STRATUS_GCP_PROJECT, to run it)");
    try (GcpAdapter adapter = GcpAdapter.fromSettings(System::getenv)) {
      assertThat(adapter.pricingProvider().offers(OfferQuery.all()
          .withRegionIds(List.of("gcp:us-central1")).withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND))))
          .isNotEmpty();
      assertThat(adapter.inventoryProvider().runningVms()).isNotNull();
    }
  }
}
