package io.stratus.scheduler.catalog;

import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default price catalog (provider id {@value #ID}): list prices for AWS EC2, GCP Compute Engine and
 * Azure VMs from public tables that ship inside this artifact, so that pricing works offline with no cloud account.
 * Thread-safe and immutable once loaded.
 *
 * <p>The tables are parsed once per class loader, on first use, and shared by every instance; the
 * no-arg constructor (used by {@link java.util.ServiceLoader}) is cheap and defers parsing to the first call.
 *
 * <p>What it holds (details, sources and licences in {@code io/stratus/scheduler/catalog/README.md}):
 *
 * <ul>
 *   <li>AWS: on-demand prices for us-east-1, GovCloud and cn-north-1 (in CNY) as published; the other regions
 *       derived from us-east-1 with documented regional factors; spot prices derived from an observed spot/on-demand
 *       ratio, with the Spot Instance Advisor interruption band of each region; reserved 1y/3y (Standard, No
 *       Upfront) derived from a published reserved/on-demand ratio.
 *   <li>GCP: on-demand, spot and 1y/3y committed-use prices in six regions as published.
 *   <li>Azure: on-demand prices in six regions as published, for the sizes whose vCPU and memory are known.
 * </ul>
 *
 * <p>Prices are in USD except AWS cn-north-1, which is in CNY; there is no currency conversion. Network bandwidth
 * is 0 (unknown) for every instance type. Each offer's {@code observedAt} is its source's generation date.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BundledCatalog implements PricingProvider {
  /** The provider id, {@value}. */
  public static final String ID = CatalogLoader.PROVIDER_ID;

  private static final Logger LOG = LoggerFactory.getLogger(BundledCatalog.class);
  private static final Object LOCK = new Object();
  private static volatile CatalogData shared;

  private volatile CatalogData data;

  /**
   * Creates a catalog that parses the bundled tables on first use (shared with every other instance).
   */
  public BundledCatalog() {
    this.data = null;
  }

  BundledCatalog(CatalogData data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  /**
   * Returns a catalog whose tables are parsed now (or were already), so that a broken resource fails here.
   *
   * @return the catalog; never null
   * @throws ProviderException if the bundled tables are missing or malformed
   */
  public static BundledCatalog load() {
    BundledCatalog catalog = new BundledCatalog();
    catalog.data();
    return catalog;
  }

  /**
   * Parses a catalog from resources given by name; for tests of bad resources.
   *
   * @param resources opens a resource by file name
   * @return the catalog
   * @throws ProviderException if a resource is missing or malformed
   */
  static BundledCatalog load(CatalogLoader.Resources resources) {
    return new BundledCatalog(CatalogLoader.load(resources));
  }

  private CatalogData data() {
    CatalogData d = data;
    if (d == null) {
      d = sharedData();
      data = d;
    }
    return d;
  }

  private static CatalogData sharedData() {
    CatalogData d = shared;
    if (d == null) {
      synchronized (LOCK) {
        d = shared;
        if (d == null) {
          d = CatalogLoader.load(BundledCatalog.class::getResourceAsStream);
          LOG.debug(
              "bundled catalog loaded: {} regions, {} instance types, {} offers; skipped rows {}",
              d.regions().size(), d.instanceTypes().size(), d.offerCount(), d.skipped());
          shared = d;
        }
      }
    }
    return d;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Bundled price catalog (AWS, GCP, Azure list prices; see io/stratus/scheduler/catalog/README.md)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws ProviderException if the bundled tables are missing or malformed
   */
  @Override
  public Set<CloudProvider> providers() {
    return data().providers();
  }

  /**
   * {@inheritDoc}
   *
   * @throws ProviderException if the bundled tables are missing or malformed
   */
  @Override
  public List<Region> regions() {
    return data().regions();
  }

  /**
   * {@inheritDoc} Only types with at least one offer are listed.
   *
   * @throws ProviderException if the bundled tables are missing or malformed
   */
  @Override
  public List<InstanceType> instanceTypes() {
    return data().instanceTypes();
  }

  /**
   * {@inheritDoc} Looks offers up through indexes by instance type, region and provider; {@link OfferQuery#all()}
   * returns the shared list of every offer without copying. The order is deterministic.
   */
  @Override
  public List<Offer> offers(OfferQuery query) {
    return data().offers(Objects.requireNonNull(query, "query"));
  }

  /**
   * Source rows that were not turned into instance types, by reason, e.g. {@code "azure: vCPU or memory unknown"}.
   * The catalog never invents a missing figure; such rows are counted here instead.
   *
   * @return an immutable map from reason to row count; never null
   * @throws ProviderException if the bundled tables are missing or malformed
   */
  public Map<String, Integer> skippedRows() {
    return data().skipped();
  }

  @Override
  public String toString() {
    return "BundledCatalog[" + ID + "]";
  }
}
