package io.stratus.samples;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A host's own {@link PricingProvider}: the company's Frankfurt data centre, priced at its internal chargeback
 * rates, so that the scheduler weighs it against the public clouds. Registered in
 * {@code META-INF/services/io.stratus.spi.PricingProvider}, which is how {@link io.stratus.spi.ProviderRegistry#load}
 * finds it, and checked by the testkit's {@code PricingProviderCompatibilityKit} (see {@code OnPremPricingProviderTest}).
 *
 * <p>Immutable and thread-safe (every list is built once in the constructor).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OnPremPricingProvider implements PricingProvider {
  /** The provider id under which it registers. */
  public static final String ID = "onprem-chargeback";
  /** The private cloud it prices. */
  public static final CloudProvider ONPREM = CloudProvider.of("onprem");

  /** When the chargeback rates were last set by finance. */
  private static final Instant RATES_SET = Instant.parse("2026-01-01T00:00:00Z");

  private final List<Region> regions;
  private final List<InstanceType> types;
  private final List<Offer> offers;

  /** Creates the provider with the data centre's fixed rate card (ServiceLoader needs this public constructor). */
  public OnPremPricingProvider() {
    Region frankfurt = new Region(ONPREM, "fra-dc1", "Frankfurt data centre 1", "DE", Set.of(Jurisdiction.EU),
        List.of("hall-a", "hall-b"), new GeoPoint(50.11, 8.68), Set.of("ISO27001", "C5"));
    InstanceType general = new InstanceType(ONPREM, "vm.general.4x16", "general", 4, 16, 0, "", Architecture.X86_64,
        10);
    InstanceType memory = new InstanceType(ONPREM, "vm.memory.8x64", "memory", 8, 64, 0, "", Architecture.X86_64, 10);
    this.regions = List.of(frankfurt);
    this.types = List.of(general, memory);
    this.offers = List.of(
        new Offer(general, frankfurt, PurchaseOption.ON_DEMAND, Money.of("0.0900", "USD"), 0, RATES_SET),
        new Offer(memory, frankfurt, PurchaseOption.ON_DEMAND, Money.of("0.2400", "USD"), 0, RATES_SET));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "on-premises chargeback rates (Frankfurt data centre)";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of(ONPREM);
  }

  @Override
  public List<Region> regions() {
    return regions;
  }

  @Override
  public List<InstanceType> instanceTypes() {
    return types;
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    return offers.stream().filter(query::matches).collect(Collectors.toUnmodifiableList());
  }
}
