package io.stratus.samples;

import io.stratus.adapters.azure.AzureBillingSource;
import io.stratus.adapters.azure.AzureConfig;
import io.stratus.adapters.azure.AzureInventoryProvider;
import io.stratus.adapters.azure.AzureMetricsSource;
import io.stratus.adapters.azure.AzurePricingProvider;
import io.stratus.finops.spi.BillingSource;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The set-up a host needs for Azure ({@code stratus-azure}): a configuration from the environment (credentials
 * through {@code DefaultAzureCredential}: {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code
 * AZURE_CLIENT_SECRET}, or a managed identity; the subscription in {@code AZURE_SUBSCRIPTION_ID}; regions in {@code
 * STRATUS_AZURE_REGIONS}), and which SPIs that enables: prices always (the Retail Prices API is public), inventory,
 * billing and metrics once a subscription is set. With {@code AZURE_SUBSCRIPTION_ID} set, {@code main} reads the
 * prices of the first configured region; without it, it only prints the set-up and makes no call.
 *
 * <p>Run: {@code ./mvnw -B -q -pl samples -am compile exec:java -Dexec.mainClass=io.stratus.samples.AzureSetupSample}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzureSetupSample {
  private AzureSetupSample() {}

  /**
   * The Azure providers a host registers, each present when its configuration allows it.
   *
   * @param config the configuration they share
   * @param pricing Retail Prices (needs no subscription)
   * @param inventory virtual machines, when a subscription is set
   * @param billing Cost Management query or Blob exports, when a subscription or an export container is set
   * @param metrics Azure Monitor, when a subscription is set
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Setup(AzureConfig config, PricingProvider pricing, Optional<InventoryProvider> inventory,
      Optional<BillingSource> billing, Optional<MetricsSource> metrics) {
    /**
     * One line per SPI: enabled or why not.
     *
     * @return the lines; never null
     */
    public List<String> describe() {
      String why = "disabled: set AZURE_SUBSCRIPTION_ID";
      return List.of(
          "config:    " + config,
          "pricing:   enabled (Retail Prices API, " + config.regions().size() + " regions, " + config.currency() + ")",
          "inventory: " + (inventory.isPresent() ? "enabled" : why),
          "billing:   " + billing.map(BillingSource::description).map(d -> "enabled (" + d + ")").orElse(why
              + " or STRATUS_AZURE_EXPORT_CONTAINER_URL"),
          "metrics:   " + (metrics.isPresent() ? "enabled (" + config.metricNames() + ")" : why));
    }
  }

  /**
   * Builds the Azure providers from environment variables; makes no remote call.
   *
   * @param environment the variables, e.g. {@code System::getenv}; never null
   * @return the set-up; never null
   * @throws io.stratus.InvalidConfigurationException if a variable is malformed
   */
  public static Setup setUp(Function<String, String> environment) {
    AzureConfig config = AzureConfig.fromEnvironment(environment);
    boolean subscription = config.subscriptionId().isPresent();
    return new Setup(config, AzurePricingProvider.create(config),
        subscription ? Optional.of(AzureInventoryProvider.create(config)) : Optional.empty(),
        subscription || config.exportContainer().isPresent()
            ? Optional.of(AzureBillingSource.create(config)) : Optional.empty(),
        subscription ? Optional.of(AzureMetricsSource.create(config)) : Optional.empty());
  }

  /**
   * Prints the set-up of this process's environment and, with a subscription, the on-demand offers of the first
   * region.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System::getenv, System.out);
  }

  static void run(Function<String, String> environment, PrintStream out) {
    Setup setup = setUp(environment);
    setup.describe().forEach(out::println);
    if (setup.config().subscriptionId().isPresent()) {
      String region = setup.config().regions().get(0).id();
      setup.pricing().offers(OfferQuery.all().withRegionIds(List.of(region))).stream().limit(10)
          .forEach(o -> out.println("  " + o.id() + " " + o.hourlyPrice() + "/h"));
    }
  }
}
