package io.stratus.spark.detect;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.util.List;
import java.util.Set;

/**
 * The empty price catalog handed to {@link io.stratus.finops.forecast.CostPredictor}, which needs a catalog only to
 * re-price forecasts under scenarios; per-scope detection runs no scenario. Immutable and thread-safe.
 */
final class NoPrices implements PricingProvider {
  static final NoPrices INSTANCE = new NoPrices();

  private NoPrices() {}

  @Override
  public String id() {
    return "none";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of();
  }

  @Override
  public List<Region> regions() {
    return List.of();
  }

  @Override
  public List<InstanceType> instanceTypes() {
    return List.of();
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    return List.of();
  }
}
