package io.stratus.adapters.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure VM prices from the public <a href="https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices">Retail
 * Prices API</a>: for each configured region, the {@code Virtual Machines} items of the price types a query needs
 * ({@code Consumption}: pay-as-you-go, spot and savings plans; {@code Reservation}), read page by page through {@code
 * NextPageLink} with an OData {@code $filter}, normalized to {@link Offer}s (Linux, per instance-hour; see the mapping
 * rules below) and cached per region and price type for the TTL of that price type ({@link
 * AzureConfig#consumptionPriceTtl()}, {@link AzureConfig#reservationPriceTtl()}).
 *
 * <p>Mapping: pay-as-you-go → ON_DEMAND; {@code … Spot} SKUs → SPOT with {@link AzureConfig#spotInterruptionRate()}
 * (the API publishes no eviction rate); savings plan 1/3 years → COMMITMENT_1Y/3Y at its hourly price; reservations
 * 1/3 years → RESERVED_1Y/3Y at the term price over the term's hours (8,760 or 26,280). Windows, Low Priority,
 * Dev/Test, tiered and non-hourly items are skipped and counted (logged at INFO per load), and so are sizes whose
 * vCPUs and memory are unknown: sizes come from the Resource SKUs API when a subscription is configured, else from
 * the bundled table of documented sizes.
 *
 * <p>A load reads every page or fails: when a page cannot be read after the retries, {@link #offers} throws a {@link
 * ProviderException} that says how many pages were read, and nothing of the load is cached or returned.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) uses the default
 * {@link AzureConfig} (no subscription); hosts with a subscription register {@code create(config)} by hand; the Retail Prices API needs no credential.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzurePricingProvider implements PricingProvider {
  private static final Logger LOG = LoggerFactory.getLogger(AzurePricingProvider.class);
  static final String API_VERSION = "2023-01-01-preview";

  /** Azure's price types, each cached for its own TTL. */
  enum PriceType {
    CONSUMPTION("Consumption"),
    RESERVATION("Reservation");

    final String odata;

    PriceType(String odata) {
      this.odata = odata;
    }
  }

  private record Key(String regionCode, PriceType type) {}

  private final Lazy<State> state;

  private final class State {
    final AzureConfig config;
    final AzureCalls calls;
    final Lazy<Map<String, InstanceType>> specs;
    final LoadingCache<Key, List<Offer>> cache;

    State(AzureConfig config) {
      this.config = config;
      this.calls = new AzureCalls("azure", config);
      this.specs = new Lazy<>(() -> config.subscriptionId()
          .map(s -> VmSpecs.fromResourceSkus(calls, config, s))
          .orElseGet(VmSpecs::bundled));
      this.cache = Caffeine.newBuilder()
          .ticker(() -> config.clock().instant().toEpochMilli() * 1_000_000L)
          .executor(Runnable::run)
          .expireAfter(Expiry.<Key, List<Offer>>creating((key, value) -> key.type() == PriceType.CONSUMPTION
              ? config.consumptionPriceTtl() : config.reservationPriceTtl()))
          .build(this::load);
    }

    List<Offer> load(Key key) {
      Region region = config.regions().stream().filter(r -> r.code().equals(key.regionCode())).findFirst()
          .orElseThrow();
      RetailPrices prices = new RetailPrices(region, config.currency(), specs.get(), config.spotInterruptionRate(),
          config.clock().instant());
      String filter = "serviceName eq 'Virtual Machines' and armRegionName eq '" + region.code()
          + "' and priceType eq '" + key.type().odata + "'";
      String url = config.retailPricesEndpoint() + "/api/retail/prices?api-version=" + API_VERSION
          + "&currencyCode=" + VmSpecs.encode("'" + config.currency().getCurrencyCode() + "'")
          + "&$filter=" + VmSpecs.encode(filter);
      PageTokens links = PageTokens.of("azure", "retail prices for " + region.code() + " " + key.type().odata);
      int page = 0;
      while (url != null) {
        page++;
        JsonNode body;
        try {
          body = calls.getPublic(AzureApi.RETAIL_PRICES, region.code(), "retail prices",
              region.code() + " " + key.type().odata + " page " + page, url);
          prices.addPage(body, page);
        } catch (ProviderException e) {
          if (page == 1) {
            throw e;
          }
          throw new ProviderException("azure", "retail prices for " + region.code() + " " + key.type().odata
              + ": incomplete, " + (page - 1) + " page(s) (" + prices.items() + " items) were read before page "
              + page + " failed; nothing of this listing is returned", e);
        } catch (AzureCalls.MalformedResponseException e) {
          throw new ProviderException("azure", "retail prices for " + region.code() + " page " + page + ": "
              + e.getMessage(), e);
        }
        url = calls.nextPage(body.get("NextPageLink"), links, config.retailPricesEndpoint(), AzureApi.RETAIL_PRICES);
      }
      List<Offer> offers = prices.offers();
      LOG.info("azure retail prices {} {}: {} items in {} page(s) -> {} offers; skipped {}", region.code(),
          key.type().odata, prices.items(), page, offers.size(), prices.skipped());
      return offers;
    }
  }

  /**
   * A provider with the default configuration (built on first use), for {@link java.util.ServiceLoader}: every
   * region of the bundled table, no subscription, {@code DefaultAzureCredential}.
   */
  public AzurePricingProvider() {
    this.state = new Lazy<>(() -> new State(AzureConfig.builder().build()));
  }

  private AzurePricingProvider(AzureConfig config) {
    State s = new State(config);
    this.state = new Lazy<>(() -> s);
  }

  /**
   * A provider with this configuration.
   *
   * @param config the configuration; never null
   * @return a new provider; never null
   */
  public static AzurePricingProvider create(AzureConfig config) {
    return new AzurePricingProvider(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String description() {
    return "Azure Retail Prices API (Virtual Machines, Linux)";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of(CloudProvider.AZURE);
  }

  @Override
  public List<Region> regions() {
    return state.get().config.regions();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The VM sizes whose vCPUs and memory are known (Resource SKUs API, else the bundled table).
   */
  @Override
  public List<InstanceType> instanceTypes() {
    return List.copyOf(state.get().specs.get().values());
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    Objects.requireNonNull(query, "query");
    if (!query.providers().isEmpty() && !query.providers().contains(CloudProvider.AZURE)) {
      return List.of();
    }
    State s = state.get();
    Set<PriceType> types = new HashSet<>();
    if (query.purchaseOptions().isEmpty()) {
      types.add(PriceType.CONSUMPTION);
      types.add(PriceType.RESERVATION);
    }
    for (PurchaseOption option : query.purchaseOptions()) {
      types.add(option == PurchaseOption.RESERVED_1Y || option == PurchaseOption.RESERVED_3Y
          ? PriceType.RESERVATION : PriceType.CONSUMPTION);
    }
    List<Offer> out = new ArrayList<>();
    for (Region region : s.config.regions()) {
      if (!query.regionIds().isEmpty() && !query.regionIds().contains(region.id())) {
        continue;
      }
      for (PriceType type : PriceType.values()) {
        if (!types.contains(type)) {
          continue;
        }
        List<Offer> offers;
        try {
          offers = s.cache.get(new Key(region.code(), type));
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        for (Offer o : offers) {
          if (query.matches(o)) {
            out.add(o);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** How long entries of a price type live (tests). */
  Duration ttl(PriceType type) {
    AzureConfig c = state.get().config;
    return type == PriceType.CONSUMPTION ? c.consumptionPriceTtl() : c.reservationPriceTtl();
  }

  /** The calls (tests look at circuit state). */
  AzureCalls calls() {
    return state.get().calls;
  }

  @Override
  public String toString() {
    return "AzurePricingProvider{" + state.get().config + "}";
  }
}
