package io.stratus.finops.optimize;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A small price catalog for tests: two AWS regions (US, EU), one GCP region (EU), five types. */
public final class TestCatalog implements PricingProvider {
  public static final Region US_EAST = new Region(CloudProvider.AWS, "us-east-1", "N. Virginia", "US",
      Set.of(Jurisdiction.US), List.of("a"), new GeoPoint(38.9, -77.4), Set.of("SOC2"));
  public static final Region EU_CENTRAL = new Region(CloudProvider.AWS, "eu-central-1", "Frankfurt", "DE",
      Set.of(Jurisdiction.EU), List.of("a"), new GeoPoint(50.1, 8.7), Set.of("SOC2"));
  public static final Region GCP_EU = new Region(CloudProvider.GCP, "europe-west1", "Belgium", "BE",
      Set.of(Jurisdiction.EU), List.of("b"), new GeoPoint(50.4, 3.8), Set.of());
  public static final InstanceType M5_LARGE = type(CloudProvider.AWS, "m5.large", "m5", 2, 8, Architecture.X86_64);
  public static final InstanceType M5_XLARGE = type(CloudProvider.AWS, "m5.xlarge", "m5", 4, 16, Architecture.X86_64);
  public static final InstanceType M5_2XLARGE =
      type(CloudProvider.AWS, "m5.2xlarge", "m5", 8, 32, Architecture.X86_64);
  public static final InstanceType M6G_LARGE = type(CloudProvider.AWS, "m6g.large", "m6g", 2, 8, Architecture.ARM64);
  public static final InstanceType N2_4 = type(CloudProvider.GCP, "n2-standard-4", "n2", 4, 16, Architecture.X86_64);
  static final Instant OBSERVED = Instant.parse("2025-01-01T00:00:00Z");

  private final List<Offer> offers = new ArrayList<>();

  public TestCatalog() {
    // US prices: the EU region is 20% dearer; GCP EU is cheaper for 4 vCPU.
    add(M5_LARGE, 0.096);
    add(M5_XLARGE, 0.192);
    add(M5_2XLARGE, 0.384);
    add(M6G_LARGE, 0.077);
    offers.add(new Offer(N2_4, GCP_EU, PurchaseOption.ON_DEMAND, Money.usd(0.15), 0, OBSERVED));
  }

  private void add(InstanceType t, double us) {
    offers.add(new Offer(t, US_EAST, PurchaseOption.ON_DEMAND, Money.usd(us), 0, OBSERVED));
    offers.add(new Offer(t, US_EAST, PurchaseOption.SPOT, Money.usd(us * 0.35), 0.08, OBSERVED));
    offers.add(new Offer(t, US_EAST, PurchaseOption.RESERVED_1Y, Money.usd(us * 0.6), 0, OBSERVED));
    offers.add(new Offer(t, EU_CENTRAL, PurchaseOption.ON_DEMAND, Money.usd(us * 1.2), 0, OBSERVED));
  }

  private static InstanceType type(CloudProvider p, String name, String family, double vcpu, double mem,
      Architecture a) {
    return new InstanceType(p, name, family, vcpu, mem, 0, "", a, 10);
  }

  @Override
  public String id() {
    return "test-catalog";
  }

  @Override
  public Set<CloudProvider> providers() {
    return Set.of(CloudProvider.AWS, CloudProvider.GCP);
  }

  @Override
  public List<Region> regions() {
    return List.of(US_EAST, EU_CENTRAL, GCP_EU);
  }

  @Override
  public List<InstanceType> instanceTypes() {
    return List.of(M5_LARGE, M5_XLARGE, M5_2XLARGE, M6G_LARGE, N2_4);
  }

  @Override
  public List<Offer> offers(OfferQuery query) {
    return offers.stream().filter(query::matches).toList();
  }
}
