package io.stratus.samples;

import com.google.auth.Credentials;
import io.stratus.adapters.gcp.GcpAdapter;
import io.stratus.finops.spi.BillingSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PricingProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The set-up a host needs for Google Cloud: a project, credentials (Application Default Credentials unless the host
 * passes its own), and which of the four providers it enables: prices (Cloud Billing Catalog API), inventory (Compute
 * Engine), billing (the BigQuery billing export, when a table is named) and metrics (Cloud Monitoring). Building it
 * calls nothing remote; the first call of a provider does.
 *
 * <p>Run it with {@code GOOGLE_APPLICATION_CREDENTIALS=key.json STRATUS_GCP_PROJECT=my-project ./mvnw -B -q -pl
 * samples -am compile exec:java -Dexec.mainClass=io.stratus.samples.GcpSetupSample}: it prints the set-up and, with
 * credentials present, the number of on-demand offers and running machines. Not thread-safe (a program).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpSetupSample {
  private GcpSetupSample() {}

  /**
   * Reads the project and billing table from the environment and prints the set-up; with credentials present, also
   * reads prices and the fleet.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    String project = System.getenv(GcpAdapter.PROJECT_SETTING);
    if (project == null) {
      System.out.println("set " + GcpAdapter.PROJECT_SETTING + " (and GOOGLE_APPLICATION_CREDENTIALS) to run against"
          + " Google Cloud");
      return;
    }
    try (GcpAdapter adapter = adapter(project, null, System.getenv(GcpAdapter.BILLING_TABLE_SETTING))) {
      describe(adapter, System.out);
      if (System.getenv("GOOGLE_APPLICATION_CREDENTIALS") != null) {
        System.out.println("on-demand offers: " + adapter.pricingProvider().offers(io.stratus.spi.OfferQuery.all()
            .withPurchaseOptions(List.of(io.stratus.model.PurchaseOption.ON_DEMAND))).size());
        try {
          System.out.println("running machines: " + adapter.inventoryProvider().runningVms().size());
        } catch (io.stratus.spi.PriceUnavailableException e) {
          // custom and GPU machine types have no catalog price: the priced rest is still usable, knowingly
          System.out.println("running machines: " + e.pricedVms().size() + " priced, without a price: "
              + e.unpriced());
        }
      }
    }
  }

  /**
   * The adapter of a host: one project, the host's credentials or ADC, the billing export when there is one, and a
   * retry policy sized for a batch job: 30 s per attempt, and a 5-minute deadline for a call with its retries and
   * rate-limit waits (the adapter's default is 2 minutes).
   *
   * @param project the Google Cloud project id; never null
   * @param credentials the host's credentials, or null for Application Default Credentials
   * @param billingExportTable {@code project.dataset.table} of the billing export, or null to leave billing off
   * @return the adapter, to be closed by the caller; never null
   */
  public static GcpAdapter adapter(String project, Credentials credentials,
      String billingExportTable) {
    GcpAdapter.Builder b =
        GcpAdapter.builder()
            .projectId(project)
            .retry(5, Duration.ofMillis(500), Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(30))
            .callDeadline(Duration.ofMinutes(5))
            .priceTtl(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(24));
    if (credentials != null) {
      b.credentials(credentials);
    }
    if (billingExportTable != null) {
      b.billingExportTable(billingExportTable);
    }
    return b.build();
  }

  /**
   * Lists the providers the adapter enables, as a host would wire them.
   *
   * @param adapter the adapter; never null
   * @param out where to print; never null
   * @return the ids of the enabled SPIs, e.g. {@code pricing:gcp}; never null
   */
  public static List<String> describe(GcpAdapter adapter, PrintStream out) {
    List<String> enabled = new ArrayList<>();
    PricingProvider pricing = adapter.pricingProvider();
    enabled.add("pricing:" + pricing.id());
    InventoryProvider inventory = adapter.inventoryProvider();
    enabled.add("inventory:" + inventory.id());
    MetricsSource metrics = adapter.metricsSource();
    enabled.add("metrics:" + metrics.id() + " (dialect " + metrics.dialect() + ")");
    try {
      BillingSource billing = adapter.billingSource();
      enabled.add("billing:" + billing.id());
    } catch (io.stratus.InvalidConfigurationException e) {
      out.println("billing off: " + e.getMessage());
    }
    out.println(adapter + " enables " + enabled);
    return enabled;
  }
}
