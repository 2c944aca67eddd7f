package io.stratus.samples;

import io.stratus.adapters.aws.AwsAdapter;
import io.stratus.adapters.aws.AwsResilience;
import io.stratus.adapters.aws.AwsService;
import io.stratus.finops.spi.BillingSource;
import io.stratus.model.PurchaseOption;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How a host sets up the AWS adapter ({@code stratus-aws}): the home region and the regions to price, credentials
 * (here the AWS SDK's default chain: environment, profile, container or instance role; a host may pass its own {@code
 * AwsCredentialsProvider} to {@code credentials(...)}), the resilience policy, and which SPIs it enables, registered
 * by hand in the registries its engines read. Building the adapter calls nothing; AWS is called when an SPI is used,
 * which {@link #main} does only with {@code --live} (and credentials in the environment).
 *
 * <pre>{@code ./mvnw -q -pl samples exec:java -Dexec.skip=false -Dexec.mainClass=io.stratus.samples.AwsSetupSample}</pre>
 *
 * <p>Not thread-safe (a program).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsSetupSample {
  private AwsSetupSample() {}

  /**
   * Runs the sample: prints the set-up; with {@code --live}, also reads prices from AWS.
   *
   * @param args {@code --live} to call AWS
   */
  public static void main(String[] args) {
    boolean live = List.of(args).contains("--live");
    try (AwsAdapter aws = adapter("eu-central-1", List.of("eu-central-1", "eu-west-1"))) {
      run(aws, live, System.out);
    }
  }

  /**
   * The adapter a host would build: home region, covered regions, SDK default credentials, a resilience policy that
   * keeps Cost Explorer (billed per request) at 2 requests per second.
   *
   * @param homeRegion the region of CloudWatch and S3, e.g. {@code eu-central-1}; never null
   * @param coveredRegions the regions to price and list; never null
   * @return the adapter; never null, to be closed by the caller
   */
  public static AwsAdapter adapter(String homeRegion, List<String> coveredRegions) {
    return AwsAdapter.builder()
        .region(homeRegion)
        .coveredRegions(coveredRegions)
        .priceTtl(Duration.ofHours(12), Duration.ofMinutes(10))
        .resilience(AwsResilience.builder().maxAttempts(4).ratePerSecond(AwsService.COST_EXPLORER, 2).build())
        .build();
  }

  /**
   * Registers the adapter's SPIs and prints what is enabled; reads prices from AWS only when {@code live}.
   *
   * @param aws the adapter; never null
   * @param live whether to call AWS
   * @param out where the report goes; never null
   * @return the ids of the enabled SPIs, one line each; never null
   */
  public static List<String> run(AwsAdapter aws, boolean live, PrintStream out) {
    ProviderRegistry<PricingProvider> pricing = ProviderRegistry.empty(PricingProvider.class)
        .register(aws.pricingProvider());
    ProviderRegistry<InventoryProvider> inventory = ProviderRegistry.empty(InventoryProvider.class)
        .register(aws.inventoryProvider());
    ProviderRegistry<BillingSource> billing = ProviderRegistry.empty(BillingSource.class)
        .register(aws.costExplorerBillingSource());
    ProviderRegistry<MetricsSource> metrics = ProviderRegistry.empty(MetricsSource.class)
        .register(aws.metricsSource());
    List<String> enabled = List.of(
        "pricing " + pricing.ids() + ": " + pricing.require("aws").description(),
        "inventory " + inventory.ids() + ": " + inventory.require("aws").description(),
        "billing " + billing.ids() + ": " + billing.require("aws").description(),
        "metrics " + metrics.ids() + ": " + metrics.require("aws").description());
    out.println(aws);
    enabled.forEach(out::println);
    if (live) {
      long spot = pricing.require("aws").offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.SPOT)))
          .size();
      int all = pricing.require("aws").offers(OfferQuery.all()).size();
      out.printf(Locale.ROOT, "live: %d offers (%d spot) in %s%n", all, spot, pricing.require("aws").regions());
    }
    return enabled;
  }
}
