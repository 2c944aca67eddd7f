package io.stratus.adapters.iac;

import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Prices a {@link Sizing} at the on-demand offers of a {@link PricingProvider}, read once per cloud and kept.
 * Thread-safe.
 */
final class Pricer {
  private static final Map<CloudProvider, String> DEFAULT_REGIONS =
      Map.of(CloudProvider.AWS, "us-east-1", CloudProvider.GCP, "us-central1", CloudProvider.AZURE, "eastus");

  /** The priced side, or why it has no price. */
  record Result(@Nullable MonthlyCost cost, @Nullable String reason, List<String> notes) {}

  private final PricingProvider pricing;
  private final Map<CloudProvider, Map<String, Offer>> offers = new ConcurrentHashMap<>();

  Pricer(PricingProvider pricing) {
    this.pricing = pricing;
  }

  String providerId() {
    return pricing.id();
  }

  private Map<String, Offer> offers(CloudProvider cloud) {
    return offers.computeIfAbsent(cloud, c -> {
      Map<String, Offer> byKey = new HashMap<>();
      for (Offer o : pricing.offers(OfferQuery.all().withProviders(Set.of(c))
          .withPurchaseOptions(Set.of(PurchaseOption.ON_DEMAND)))) {
        byKey.putIfAbsent(o.region().code() + "|" + o.instanceType().name(), o);
      }
      return Map.copyOf(byKey);
    });
  }

  Result price(String address, Sizing sizing, UsageAssumptions usage) {
    List<String> notes = new ArrayList<>(sizing.notes);
    boolean countFromUsage = sizing.scalable && sizing.instanceType != null
        && usage.averageInstances(address).isPresent();
    if (sizing.unknown != null && !countFromUsage) {
      return new Result(null, sizing.unknown, notes);
    }
    String instanceType = java.util.Objects.requireNonNull(sizing.instanceType);
    String region = sizing.region;
    if (region == null) {
      region = usage.region(sizing.cloud).orElse(null);
      if (region != null) {
        notes.add("region not in the file: " + region + " from the usage file");
      } else {
        region = DEFAULT_REGIONS.get(sizing.cloud);
        if (region == null) {
          return new Result(null, "region not in the file and no default for cloud " + sizing.cloud, notes);
        }
        notes.add("region not in the file: assumed " + region + " (set regions." + sizing.cloud
            + " in the usage file)");
      }
    }
    double instances = sizing.instances;
    if (sizing.scalable && usage.averageInstances(address).isPresent()) {
      instances = usage.averageInstances(address).getAsDouble();
      notes.removeIf(n -> n.startsWith("desired_capacity"));
      notes.add("average instances " + fmt(instances) + " from the usage file");
    }
    Map<String, Offer> byKey = offers(sizing.cloud);
    Offer offer = byKey.get(region + "|" + instanceType);
    if (offer == null) {
      boolean typeKnown = byKey.keySet().stream().anyMatch(k -> k.endsWith("|" + instanceType));
      return new Result(null, typeKnown
          ? "no on-demand price for " + instanceType + " in " + sizing.cloud + " region " + region
              + " in pricing provider '" + pricing.id() + "'"
          : "instance type " + instanceType + " is not in pricing provider '" + pricing.id() + "' for "
              + sizing.cloud, notes);
    }
    if (!offer.hourlyPrice().currency().equals(Money.USD)) {
      return new Result(null, "priced in " + offer.hourlyPrice().currency() + ", not USD; estimates are in USD",
          notes);
    }
    if (sizing.windows) {
      notes.add("Windows: priced at the Linux rate; the Windows licence is not included");
    }
    double hours = usage.hoursPerMonth(address);
    if (hours != UsageAssumptions.DEFAULT_HOURS_PER_MONTH) {
      notes.add(fmt(hours) + " hours per month");
    }
    BigDecimal hourly = offer.hourlyPrice().amount();
    BigDecimal monthly = hourly.multiply(BigDecimal.valueOf(instances)).multiply(BigDecimal.valueOf(hours))
        .setScale(2, RoundingMode.HALF_EVEN);
    return new Result(new MonthlyCost(sizing.cloud, region, instanceType, instances, hours, hourly,
        Money.usd(monthly)), null, notes);
  }

  private static String fmt(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
