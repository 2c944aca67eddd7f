package io.stratus.adapters.aws;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * AWS prices as {@link Offer}s: on-demand Linux prices from the Price List Query API ({@code GetProducts} for
 * {@code AmazonEC2}, shared tenancy, no pre-installed software, paged with {@code NextToken}, each price document
 * parsed), and spot prices from EC2 {@code DescribeSpotPriceHistory} ({@code Linux/UNIX}, the price in effect now per
 * availability zone; the region's spot offer is the lowest zone price). Instance shapes (vCPUs, memory, GPUs, network,
 * architecture) come from the Price List's product attributes, so a spot offer exists only for types the Price List
 * sells in that region. Spot offers carry the configured interruption rate ({@link
 * AwsAdapter.Builder#spotInterruptionRate}); reserved and savings-plan prices are not read.
 *
 * <p>Prices are cached per region with Caffeine: on-demand for {@link AwsAdapter.Builder#priceTtl} (24 h by default),
 * spot for 15 min; {@code observedAt} is the time a region's prices were read. A failure to read a region (after the
 * retries of {@link AwsResilience}), or a malformed price document, fails {@link #offers} with a {@link
 * ProviderException} naming the page and item: offers are never returned from a partly read price list.
 *
 * <p>Registered in {@code META-INF/services}: the no-argument constructor uses {@link AwsAdapter#builder()}'s defaults
 * (SDK credentials and region chains), built on first use. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsPricingProvider implements PricingProvider {
  private static final Logger LOG = LoggerFactory.getLogger(AwsPricingProvider.class);

  private final Supplier<AwsAdapter> adapter;
  private volatile @Nullable Caches caches;

  /** The ServiceLoader entry: cheap; the default adapter is built on the first call that needs it. */
  public AwsPricingProvider() {
    this.adapter = AwsAdapter::shared;
  }

  AwsPricingProvider(AwsAdapter adapter) {
    this.adapter = () -> adapter;
  }

  @Override
  public String id() {
    return AwsAdapter.ID;
  }

  @Override
  public String description() {
    return "AWS Price List (on-demand) and EC2 spot price history";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of(CloudProvider.AWS);
  }

  @Override
  public List<Region> regions() {
    AwsAdapter a = adapter.get();
    return a.coveredRegions().stream().map(c -> a.regionTable().find(c).orElseThrow()).toList();
  }

  @Override
  public List<InstanceType> instanceTypes() {
    Map<String, InstanceType> types = new TreeMap<>();
    for (Offer o : offers(OfferQuery.all())) {
      types.putIfAbsent(o.instanceType().id(), o.instanceType());
    }
    return List.copyOf(types.values());
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    Objects.requireNonNull(query, "query");
    if (!query.providers().isEmpty() && !query.providers().contains(CloudProvider.AWS)) {
      return List.of();
    }
    AwsAdapter a = adapter.get();
    List<Offer> out = new ArrayList<>();
    for (String code : a.coveredRegions()) {
      if (!query.regionIds().isEmpty() && !query.regionIds().contains(CloudProvider.AWS.id() + ":" + code)) {
        continue;
      }
      for (Offer o : regionOffers(a, code, query)) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
    }
    return List.copyOf(out);
  }

  private List<Offer> regionOffers(AwsAdapter a, String code, OfferQuery query) {
    Caches c = caches(a);
    List<Offer> onDemand = c.onDemand.get(code);
    boolean wantSpot = a.spotPrices() && (query.purchaseOptions().isEmpty()
        || query.purchaseOptions().contains(PurchaseOption.SPOT));
    if (!wantSpot) {
      return onDemand;
    }
    List<Offer> all = new ArrayList<>(onDemand);
    all.addAll(c.spot.get(code));
    return all;
  }

  private Caches caches(AwsAdapter a) {
    Caches c = caches;
    if (c == null) {
      synchronized (this) {
        c = caches;
        if (c == null) {
          c = new Caches(a);
          caches = c;
        }
      }
    }
    return c;
  }

  /** The on-demand and spot caches, keyed by region code. */
  private final class Caches {
    final LoadingCache<String, List<Offer>> onDemand;
    final LoadingCache<String, List<Offer>> spot;

    Caches(AwsAdapter a) {
      this.onDemand = Caffeine.newBuilder().expireAfterWrite(a.onDemandTtl())
          .ticker(() -> a.clock().millis() * 1_000_000L).build(code -> loadOnDemand(a, code));
      this.spot = Caffeine.newBuilder().expireAfterWrite(a.spotTtl())
          .ticker(() -> a.clock().millis() * 1_000_000L).build(code -> loadSpot(a, code, onDemand.get(code)));
    }
  }

  private List<Offer> loadOnDemand(AwsAdapter a, String code) {
    Instant observedAt = a.clock().instant();
    List<software.amazon.awssdk.services.pricing.model.Filter> filters = new ArrayList<>();
    filters.add(term("regionCode", code));
    filters.add(term("operatingSystem", "Linux"));
    filters.add(term("tenancy", "Shared"));
    filters.add(term("preInstalledSw", "NA"));
    filters.add(term("capacitystatus", "Used"));
    filters.add(term("operation", "RunInstances"));
    if (!a.instanceTypes().isEmpty()) {
      filters.add(software.amazon.awssdk.services.pricing.model.Filter.builder().type(FilterType.ANY_OF)
          .field("instanceType").value(String.join(",", a.instanceTypes())).build());
    }
    Map<String, Offer> byType = new LinkedHashMap<>();
    int withoutPrice = 0;
    String token = null;
    PageTokens tokens = PageTokens.of(AwsAdapter.ID, "GetProducts " + code);
    int page = 0;
    do {
      page++;
      GetProductsRequest.Builder request = GetProductsRequest.builder().serviceCode("AmazonEC2")
          .formatVersion("aws_v1").filters(filters).maxResults(100);
      if (token != null) {
        request.nextToken(token);
      }
      GetProductsRequest r = request.build();
      GetProductsResponse response = a.calls().call(AwsService.PRICING, code, "GetProducts",
          () -> a.pricingClient().getProducts(r));
      List<String> items = response.priceList();
      for (int i = 0; i < items.size(); i++) {
        String where = "GetProducts " + code + " page " + page + ", item " + (i + 1);
        PriceListParser.Product p;
        try {
          p = PriceListParser.parse(items.get(i), where, a.regionTable()).orElse(null);
        } catch (PriceListParser.MalformedProductException e) {
          throw new ProviderException(id(), String.valueOf(e.getMessage()), e);
        }
        if (p == null) {
          withoutPrice++;
          continue;
        }
        if (!p.region().code().equals(code)) {
          throw Failures.of(id(), where + ": product of region " + p.region().code()
              + " in the answer for regionCode " + code);
        }
        Offer offer = new Offer(p.type(), p.region(), PurchaseOption.ON_DEMAND, new Money(p.hourly(), p.currency()), 0,
            observedAt);
        byType.merge(p.type().name(), offer, (x, y) -> x.hourlyPrice().compareTo(y.hourlyPrice()) <= 0 ? x : y);
      }
      token = response.nextToken();
    } while (tokens.more(token));
    if (withoutPrice > 0) {
      LOG.debug("{}: {} products without an hourly on-demand price (reserved-only SKUs) not offered", code,
          withoutPrice);
    }
    LOG.debug("{}: {} on-demand offers from {} GetProducts pages", code, byType.size(), page);
    return List.copyOf(byType.values());
  }

  private static software.amazon.awssdk.services.pricing.model.Filter term(String field, String value) {
    return software.amazon.awssdk.services.pricing.model.Filter.builder().type(FilterType.TERM_MATCH).field(field)
        .value(value).build();
  }

  private List<Offer> loadSpot(AwsAdapter a, String code, List<Offer> onDemand) {
    Instant now = a.clock().instant();
    Map<String, InstanceType> types = new HashMap<>();
    onDemand.forEach(o -> types.put(o.instanceType().name(), o.instanceType()));
    Region region = a.regionTable().find(code).orElseThrow();
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("product-description").values("Linux/UNIX").build());
    if (!a.instanceTypes().isEmpty()) {
      filters.add(Filter.builder().name("instance-type").values(a.instanceTypes()).build());
    }
    // latest price per type and zone
    Map<String, Map<String, SpotPrice>> latest = new HashMap<>();
    String token = null;
    PageTokens tokens = PageTokens.of(AwsAdapter.ID, "DescribeSpotPriceHistory " + code);
    do {
      DescribeSpotPriceHistoryRequest.Builder request = DescribeSpotPriceHistoryRequest.builder().filters(filters)
          .startTime(now).endTime(now).maxResults(1000);
      if (token != null) {
        request.nextToken(token);
      }
      DescribeSpotPriceHistoryRequest r = request.build();
      DescribeSpotPriceHistoryResponse response = a.calls().call(AwsService.EC2, code, "DescribeSpotPriceHistory",
          () -> a.ec2(code).describeSpotPriceHistory(r));
      for (SpotPrice p : response.spotPriceHistory()) {
        if (p.instanceTypeAsString() == null || p.availabilityZone() == null || p.spotPrice() == null) {
          throw Failures.of(id(), "DescribeSpotPriceHistory " + code + ": an item lacks instanceType,"
              + " availabilityZone or spotPrice: " + p);
        }
        latest.computeIfAbsent(p.instanceTypeAsString(), k -> new HashMap<>())
            .merge(p.availabilityZone(), p, (x, y) -> timestamp(y).isAfter(timestamp(x)) ? y : x);
      }
      token = response.nextToken();
    } while (tokens.more(token));
    List<Offer> out = new ArrayList<>();
    int unknown = 0;
    for (Map.Entry<String, Map<String, SpotPrice>> e : new TreeMap<>(latest).entrySet()) {
      InstanceType type = types.get(e.getKey());
      if (type == null) {
        unknown++;
        continue;
      }
      BigDecimal min = null;
      for (SpotPrice p : e.getValue().values()) {
        BigDecimal v = decimal(p.spotPrice(), code, p);
        min = min == null || v.compareTo(min) < 0 ? v : min;
      }
      out.add(new Offer(type, region, PurchaseOption.SPOT, Money.usd(Objects.requireNonNull(min)),
          a.spotInterruptionRate(), now));
    }
    if (unknown > 0) {
      LOG.debug("{}: spot prices of {} instance types without a Price List shape not offered", code, unknown);
    }
    return List.copyOf(out);
  }

  private static Instant timestamp(SpotPrice p) {
    return p.timestamp() == null ? Instant.EPOCH : p.timestamp();
  }

  private BigDecimal decimal(String text, String code, SpotPrice p) {
    try {
      BigDecimal v = new BigDecimal(text);
      if (v.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ProviderException(id(), "DescribeSpotPriceHistory " + code + ": spotPrice must be a decimal >= 0, got '"
          + text + "' for " + p.instanceTypeAsString() + " in " + p.availabilityZone(), e);
    }
  }
}
