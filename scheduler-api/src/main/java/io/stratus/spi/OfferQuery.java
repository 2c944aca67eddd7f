package io.stratus.spi;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which offers a caller wants from a {@link PricingProvider}. Each set narrows the result; an empty set matches
 * everything in that dimension.
 *
 * <p>Immutable and thread-safe.
 *
 * @param providers providers to include
 * @param regionIds regions to include, by {@link Region#id()}
 * @param instanceTypeIds instance types to include, by {@link InstanceType#id()}
 * @param purchaseOptions purchase options to include
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OfferQuery(
    Set<CloudProvider> providers,
    Set<String> regionIds,
    Set<String> instanceTypeIds,
    Set<PurchaseOption> purchaseOptions) {
  private static final OfferQuery ALL = new OfferQuery(Set.of(), Set.of(), Set.of(), Set.of());

  /**
   * Copies the sets.
   *
   * @throws NullPointerException if a set or element is null
   */
  public OfferQuery {
    providers = Set.copyOf(Objects.requireNonNull(providers, "offerQuery.providers"));
    regionIds = Set.copyOf(Objects.requireNonNull(regionIds, "offerQuery.regionIds"));
    instanceTypeIds = Set.copyOf(Objects.requireNonNull(instanceTypeIds, "offerQuery.instanceTypeIds"));
    purchaseOptions = Set.copyOf(Objects.requireNonNull(purchaseOptions, "offerQuery.purchaseOptions"));
  }

  /**
   * Every offer.
   *
   * @return the query; never null
   */
  public static OfferQuery all() {
    return ALL;
  }

  /**
   * This query narrowed to providers.
   *
   * @param values the providers; never null
   * @return a new query; never null
   */
  public OfferQuery withProviders(Collection<CloudProvider> values) {
    return new OfferQuery(Set.copyOf(values), regionIds, instanceTypeIds, purchaseOptions);
  }

  /**
   * This query narrowed to regions.
   *
   * @param values region ids; never null
   * @return a new query; never null
   */
  public OfferQuery withRegionIds(Collection<String> values) {
    return new OfferQuery(providers, Set.copyOf(values), instanceTypeIds, purchaseOptions);
  }

  /**
   * This query narrowed to instance types.
   *
   * @param values instance type ids; never null
   * @return a new query; never null
   */
  public OfferQuery withInstanceTypeIds(Collection<String> values) {
    return new OfferQuery(providers, regionIds, Set.copyOf(values), purchaseOptions);
  }

  /**
   * This query narrowed to purchase options.
   *
   * @param values the options; never null
   * @return a new query; never null
   */
  public OfferQuery withPurchaseOptions(Collection<PurchaseOption> values) {
    return new OfferQuery(providers, regionIds, instanceTypeIds, Set.copyOf(values));
  }

  /**
   * Whether an offer matches every non-empty dimension.
   *
   * @param offer the offer; never null
   * @return true if it matches
   */
  public boolean matches(Offer offer) {
    return (providers.isEmpty() || providers.contains(offer.region().provider()))
        && (regionIds.isEmpty() || regionIds.contains(offer.region().id()))
        && (instanceTypeIds.isEmpty() || instanceTypeIds.contains(offer.instanceType().id()))
        && (purchaseOptions.isEmpty() || purchaseOptions.contains(offer.purchaseOption()));
  }
}
