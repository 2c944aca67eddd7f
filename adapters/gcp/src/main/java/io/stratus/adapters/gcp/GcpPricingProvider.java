package io.stratus.adapters.gcp;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.Sku;
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
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compute Engine prices from the Cloud Billing Catalog API: on-demand, Spot (the catalog's "Preemptible" usage type)
 * and 1- and 3-year committed-use offers for every predefined machine type of the project's zones, priced as
 * vCPUs × the family's core rate + GiB × its memory rate (see the package-private {@code SkuRates} for how SKUs are
 * read and units converted). Machine shapes come from Compute Engine {@code machineTypes.aggregatedList}.
 *
 * <p>Left out, and logged: shared-core types (e2-micro/small/medium, f1-micro, g1-small: billed as a fraction of a
 * core), types with attached GPUs (their GPU SKUs are not added), families without both a core and a memory rate in a
 * region, and regions neither in the bundled table nor added with {@link GcpAdapter.Builder#region}. Spot offers
 * carry {@link GcpAdapter.Builder#spotInterruptionRate} (Google publishes none).
 *
 * <p>Offers are cached per price type with its own time to live ({@link GcpAdapter.Builder#priceTtl}); the SKU
 * listing and the machine types are read once for all three. {@code observedAt} is when the catalog was read.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) uses an adapter with the client
 * libraries' default project and credentials, built on first use; hosts with settings build a {@link GcpAdapter}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpPricingProvider implements PricingProvider {
  /** The Cloud Billing Catalog id of the Compute Engine service. */
  static final String COMPUTE_ENGINE_SERVICE = "services/6F81-5844-456A";

  private static final Logger LOG = LoggerFactory.getLogger(GcpPricingProvider.class);

  /** The price types, each cached with its own time to live. */
  enum Kind {
    ON_DEMAND,
    SPOT,
    COMMITMENT;

    static Kind of(PurchaseOption o) {
      return o == PurchaseOption.SPOT ? SPOT : o.isCommitment() ? COMMITMENT : ON_DEMAND;
    }
  }

  private final Supplier<GcpAdapter> adapter;
  private volatile @org.jspecify.annotations.Nullable State state;

  /** A provider configured from the environment on first use (for {@link java.util.ServiceLoader}). */
  public GcpPricingProvider() {
    this.adapter = Environment.ADAPTER;
  }

  GcpPricingProvider(GcpAdapter adapter) {
    this.adapter = () -> adapter;
  }

  private State state() {
    State s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = new State(adapter.get());
          state = s;
        }
      }
    }
    return s;
  }

  @Override
  public String id() {
    return GcpAdapter.ID;
  }

  @Override
  public String description() {
    return "Google Cloud Compute Engine prices (Cloud Billing Catalog API)";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of(CloudProvider.GCP);
  }

  @Override
  public List<Region> regions() {
    Map<String, Region> out = new TreeMap<>();
    for (Offer o : all()) {
      out.putIfAbsent(o.region().code(), o.region());
    }
    return List.copyOf(out.values());
  }

  @Override
  public List<InstanceType> instanceTypes() {
    Map<String, InstanceType> out = new TreeMap<>();
    for (Offer o : all()) {
      out.putIfAbsent(o.instanceType().id(), o.instanceType());
    }
    return List.copyOf(out.values());
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    Objects.requireNonNull(query, "query must not be null (use OfferQuery.all())");
    if (!query.providers().isEmpty() && !query.providers().contains(CloudProvider.GCP)) {
      return List.of();
    }
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    if (query.purchaseOptions().isEmpty()) {
      kinds.addAll(EnumSet.allOf(Kind.class));
    } else {
      query.purchaseOptions().forEach(o -> kinds.add(Kind.of(o)));
    }
    List<Offer> out = new ArrayList<>();
    for (Kind k : kinds) {
      for (Offer o : state().offers.get(k)) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The cheapest matching offer of a machine type in a region, for the inventory's prices. */
  Optional<Offer> offer(String regionCode, String typeName, PurchaseOption option) {
    for (Offer o : state().offers.get(Kind.of(option))) {
      if (o.region().code().equals(regionCode) && o.instanceType().name().equals(typeName)
          && o.purchaseOption() == option) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** The machine shapes (cached), shared with the inventory. */
  MachineShapes shapes() {
    return state().shapes.get(Boolean.TRUE);
  }

  /** The SKUs left out of the last catalog read, for tests and diagnostics. */
  List<SkuRates.Rejected> rejectedSkus() {
    return state().rates.get(Boolean.TRUE).rejected;
  }

  private List<Offer> all() {
    return offers(OfferQuery.all());
  }

  /** The caches, created on first use. */
  private static final class State {
    final GcpAdapter adapter;
    final LoadingCache<Boolean, MachineShapes> shapes;
    final LoadingCache<Boolean, SkuRates> rates;
    final LoadingCache<Kind, List<Offer>> offers;
    final GcpRegions regions;

    State(GcpAdapter adapter) {
      this.adapter = adapter;
      GcpAdapter.Builder c = adapter.config;
      Ticker ticker = () -> c.clock.millis() * 1_000_000L;
      this.regions = new GcpRegions(c.regions);
      this.shapes =
          Caffeine.newBuilder().ticker(ticker).expireAfterWrite(c.onDemandTtl)
              .build(k -> MachineShapes.fetch(adapter));
      // One catalog read serves the three price types when they load together (cold start, or equal TTLs).
      this.rates =
          Caffeine.newBuilder().ticker(ticker).expireAfterWrite(Duration.ofMinutes(1))
              .build(k -> readCatalog(adapter));
      this.offers =
          Caffeine.newBuilder()
              .ticker(ticker)
              .expireAfter(Expiry.<Kind, List<Offer>>creating((k, v) -> ttl(c, k)))
              .build(this::load);
    }

    private static Duration ttl(GcpAdapter.Builder c, Kind k) {
      return k == Kind.SPOT ? c.spotTtl : k == Kind.COMMITMENT ? c.commitmentTtl : c.onDemandTtl;
    }

    private List<Offer> load(Kind kind) {
      GcpAdapter.Builder c = adapter.config;
      SkuRates r = rates.get(Boolean.TRUE);
      MachineShapes s = shapes.get(Boolean.TRUE);
      Instant observed = c.clock.instant();
      Currency currency = Currency.getInstance(r.currency);
      List<PurchaseOption> options =
          kind == Kind.SPOT ? List.of(PurchaseOption.SPOT)
              : kind == Kind.COMMITMENT ? List.of(PurchaseOption.COMMITMENT_1Y, PurchaseOption.COMMITMENT_3Y)
              : List.of(PurchaseOption.ON_DEMAND);
      List<Offer> out = new ArrayList<>();
      Set<String> unknownRegions = new TreeSet<>();
      Map<String, Integer> skipped = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, MachineShapes.Shape>> e : s.byRegion.entrySet()) {
        Optional<Region> region = regions.region(e.getKey(), s.zonesByRegion.getOrDefault(e.getKey(), Set.of()));
        if (region.isEmpty()) {
          unknownRegions.add(e.getKey());
          continue;
        }
        for (MachineShapes.Shape shape : e.getValue().values()) {
          InstanceType t = shape.type();
          if (shape.sharedCpu()) {
            skipped.merge("shared-core", 1, Integer::sum);
            continue;
          }
          if (t.gpus() > 0) {
            skipped.merge("with GPUs", 1, Integer::sum);
            continue;
          }
          for (PurchaseOption option : options) {
            BigDecimal core = r.hourly.get(new SkuRates.Key(t.family(), SkuRates.Resource.CORE, e.getKey(), option));
            BigDecimal ram = r.hourly.get(new SkuRates.Key(t.family(), SkuRates.Resource.RAM, e.getKey(), option));
            if (core == null || ram == null) {
              skipped.merge("no " + option + " core and memory rate", 1, Integer::sum);
              continue;
            }
            BigDecimal price =
                core.multiply(BigDecimal.valueOf(t.vcpus()))
                    .add(ram.multiply(BigDecimal.valueOf(t.memoryGib()), MathContext.DECIMAL128))
                    .setScale(10, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            out.add(new Offer(t, region.get(), option, new Money(price, currency),
                option.isInterruptible() ? c.spotInterruptionRate : 0, observed));
          }
        }
      }
      if (!unknownRegions.isEmpty()) {
        LOG.warn("gcp: no metadata for regions {}: their {} offers are left out (add them with"
            + " GcpAdapter.Builder.region)", unknownRegions, kind);
      }
      if (!skipped.isEmpty()) {
        LOG.info("gcp: {} offers: {} priced; machine types left out: {}", kind, out.size(), skipped);
      }
      out.sort(Comparator.comparing(Offer::id));
      return List.copyOf(out);
    }

    private static SkuRates readCatalog(GcpAdapter adapter) {
      Guard guard = adapter.guard(Api.CATALOG);
      List<Sku> skus = new ArrayList<>();
      String token = "";
      PageTokens tokens = PageTokens.of(GcpAdapter.ID, "cloudbilling.googleapis.com listSkus");
      int page = 0;
      do {
        page++;
        ListSkusRequest request =
            ListSkusRequest.newBuilder()
                .setParent(COMPUTE_ENGINE_SERVICE)
                .setCurrencyCode(adapter.config.currency)
                .setPageSize(5000)
                .setPageToken(token)
                .build();
        ListSkusResponse response =
            guard.call("listSkus", "page " + page, () -> adapter.catalog().listSkusCallable().call(request));
        skus.addAll(response.getSkusList());
        token = response.getNextPageToken();
      } while (tokens.more(token));
      SkuRates rates = SkuRates.parse(skus, adapter.config.currency);
      if (!rates.rejected.isEmpty()) {
        LOG.warn("gcp: {} of {} Compute Engine SKUs rejected as malformed, first: {}", rates.rejected.size(),
            skus.size(), rates.rejected.get(0));
      }
      return rates;
    }
  }
}
