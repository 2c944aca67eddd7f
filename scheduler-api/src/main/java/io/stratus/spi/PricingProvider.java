package io.stratus.spi;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Source of prices: the regions and instance types a provider sells and the offers (on-demand, spot with interruption
 * estimates, commitments) at which they can be bought, each stamped with the time it was observed. Implemented by the
 * bundled catalog, the simulator, and hosts (negotiated or private-cloud prices). Implementations are thread-safe; callers cache.
 *
 * <p><b>Unknown prices.</b> An offer carries a price the provider read, never a placeholder: an instance type, region
 * or purchase option whose price is unknown (no list price, a malformed price item, a price in another unit) is left
 * out of {@link #offers}, and the implementation logs what it left out and why. In particular no offer is made at a
 * price of 0 because the real price is unknown: schedulers take the cheapest offer, and would pick it. An
 * {@link InventoryProvider} follows the same rule for running machines ({@link PriceUnavailableException}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface PricingProvider extends StratusProvider {
  /**
   * The clouds this provider prices.
   *
   * @return an immutable set; never null or empty
   */
  Set<CloudProvider> providers();

  /**
   * Every region it prices.
   *
   * @return an immutable list; never null
   */
  List<Region> regions();

  /**
   * Every instance type it prices.
   *
   * @return an immutable list; never null
   */
  List<InstanceType> instanceTypes();

  /**
   * The offers that match a query.
   *
   * @param query what to include; never null
   * @return an immutable list; never null, empty when nothing matches; only offers with a known price
   * @throws io.stratus.ProviderException if the prices cannot be read
   */
  List<Offer> offers(OfferQuery query);

  /**
   * A version of the prices, for callers that cache: as long as it returns the same value, {@link #offers} returns
   * equal offers for an equal query, so a cached answer may be reused without asking again. Callers read the version
   * before the offers. Empty (the default) when the provider cannot tell; callers then read the offers on every
   * refresh.
   *
   * @return the current version, or empty when unknown
   * @since 0.1
   */
  default OptionalLong pricesVersion() {
    return OptionalLong.empty();
  }
}
