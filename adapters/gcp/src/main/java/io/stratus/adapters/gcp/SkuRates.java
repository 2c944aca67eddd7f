package io.stratus.adapters.gcp;

import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import io.stratus.model.PurchaseOption;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Per-vCPU-hour and per-GiB-hour rates of Compute Engine machine families, read from Cloud Billing Catalog SKUs.
 *
 * <p>What a SKU means comes from two places: {@code category.usageType} gives the price type ({@code OnDemand},
 * {@code Preemptible} = Spot, {@code Commit1Yr}, {@code Commit3Yr}) and the description gives the family and the
 * resource: {@code "N2 Instance Core running in Americas"}, {@code "Spot Preemptible N2D AMD Instance Ram running in
 * Belgium"}, {@code "N1 Predefined Instance Core running in Iowa"}, {@code "Compute optimized Core running in Iowa"}
 * (C2), {@code "Memory-optimized Instance Ram running in Iowa"} (M1), {@code "Commitment v1: N2 Cpu in Iowa for 1
 * Year"}, {@code "Commitment v1: Ram in Iowa for 3 Years"} (N1). Custom, extended-memory, sole-tenancy, GPU, disk,
 * licence and network SKUs do not match and are not machine prices. Each rate applies to every region in
 * {@code serviceRegions}.
 *
 * <p>Prices are converted through the base unit, whatever the display unit: the tier's {@code unitPrice} (per
 * {@code usageUnit}) divided by {@code baseUnitConversionFactor} is the price per base unit ({@code s} for cores,
 * {@code By.s} for memory), times 3,600 (cores) or 3,600 × 2<sup>30</sup> (memory) per hour and GiB. Of the tiers,
 * the one starting at 0 usage is the list price; when it is free (a free-tier allowance) the first paid tier is taken.
 * A malformed SKU (no pricing info, no tiers, an unknown base unit, a non-positive conversion factor, a negative
 * price, a currency other than the one asked for) is listed in {@link #rejected} and left out. Two SKUs for the same
 * family, resource, region and price type keep the first.
 *
 * <p>Immutable once parsed.
 */
final class SkuRates {
  /** What a rate is per. */
  enum Resource {
    CORE,
    RAM
  }

  record Key(String family, Resource resource, String region, PurchaseOption option) {}

  /** A SKU left out: its id, the field, the value and the rule it broke. */
  record Rejected(String skuId, String field, String value, String rule) {
    @Override
    public String toString() {
      return "sku " + skuId + ": " + field + " = '" + value + "' (" + rule + ")";
    }
  }

  private static final Pattern INSTANCE =
      Pattern.compile(
          "^(?:Spot Preemptible |Preemptible )?(?<fam>[A-Z][A-Z0-9]*)(?: AMD| Arm| Intel)?(?: Predefined)?"
              + " Instance (?<res>Core|Ram) running in .+$");
  private static final Pattern C2 = Pattern.compile("^(?:Spot Preemptible |Preemptible )?Compute optimized (?<res>Core|Ram) running in .+$");
  private static final Pattern M1 =
      Pattern.compile("^(?:Spot Preemptible |Preemptible )?Memory-optimized Instance (?<res>Core|Ram) running in .+$");
  private static final Pattern COMMIT =
      Pattern.compile(
          "^Commitment(?: v1)?: (?:(?<fam>[A-Z][A-Z0-9]*|Compute optimized|Memory-optimized) )?(?:AMD |Arm )?"
              + "(?<res>Cpu|Ram) in .+ for (?:1|3) Years?$");
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal BYTE_SECONDS_PER_GIB_HOUR = BigDecimal.valueOf(3600L << 30);

  final Map<Key, BigDecimal> hourly;
  final List<Rejected> rejected;
  final String currency;

  private SkuRates(Map<Key, BigDecimal> hourly, List<Rejected> rejected, String currency) {
    this.hourly = Map.copyOf(hourly);
    this.rejected = List.copyOf(rejected);
    this.currency = currency;
  }

  static SkuRates parse(List<Sku> skus, String currency) {
    Map<Key, BigDecimal> rates = new HashMap<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Sku sku : skus) {
      if (!"Compute".equals(sku.getCategory().getResourceFamily())) {
        continue;
      }
      PurchaseOption option = option(sku.getCategory().getUsageType());
      if (option == null) {
        continue;
      }
      Match m = match(sku.getDescription());
      if (m == null) {
        continue;
      }
      BigDecimal rate = hourlyRate(sku, m.resource, currency, rejected);
      if (rate == null) {
        continue;
      }
      for (String region : sku.getServiceRegionsList()) {
        rates.putIfAbsent(new Key(m.family, m.resource, region, option), rate);
      }
    }
    return new SkuRates(rates, rejected, currency);
  }

  private record Match(String family, Resource resource) {}

  static @Nullable PurchaseOption option(String usageType) {
    switch (usageType) {
      case "OnDemand":
        return PurchaseOption.ON_DEMAND;
      case "Preemptible":
        return PurchaseOption.SPOT;
      case "Commit1Yr":
        return PurchaseOption.COMMITMENT_1Y;
      case "Commit3Yr":
        return PurchaseOption.COMMITMENT_3Y;
      default:
        return null;
    }
  }

  private static @Nullable Match match(String description) {
    Matcher m = INSTANCE.matcher(description);
    if (m.matches()) {
      return new Match(m.group("fam").toLowerCase(Locale.ROOT), resource(m.group("res")));
    }
    m = C2.matcher(description);
    if (m.matches()) {
      return new Match("c2", resource(m.group("res")));
    }
    m = M1.matcher(description);
    if (m.matches()) {
      return new Match("m1", resource(m.group("res")));
    }
    m = COMMIT.matcher(description);
    if (m.matches()) {
      String fam = m.group("fam");
      String family =
          fam == null ? "n1" : fam.equals("Compute optimized") ? "c2" : fam.equals("Memory-optimized") ? "m1"
              : fam.toLowerCase(Locale.ROOT);
      return new Match(family, resource(m.group("res")));
    }
    return null;
  }

  private static Resource resource(String word) {
    return word.equals("Ram") ? Resource.RAM : Resource.CORE;
  }

  private static @Nullable BigDecimal hourlyRate(Sku sku, Resource resource, String currency, List<Rejected> out) {
    String id = sku.getSkuId();
    if (sku.getPricingInfoCount() == 0) {
      out.add(new Rejected(id, "pricingInfo", "[]", "a SKU needs at least one pricing info"));
      return null;
    }
    PricingInfo info =
        sku.getPricingInfoList().stream()
            .max(Comparator.comparingLong((PricingInfo p) -> p.getEffectiveTime().getSeconds())
                .thenComparingInt(p -> p.getEffectiveTime().getNanos()))
            .orElseThrow();
    PricingExpression e = info.getPricingExpression();
    String base = e.getBaseUnit();
    BigDecimal perHour;
    if (resource == Resource.CORE && base.equals("s")) {
      perHour = SECONDS_PER_HOUR;
    } else if (resource == Resource.RAM && base.equals("By.s")) {
      perHour = BYTE_SECONDS_PER_GIB_HOUR;
    } else {
      out.add(new Rejected(id, "pricingExpression.baseUnit", base,
          resource == Resource.CORE ? "must be 's' for a core SKU" : "must be 'By.s' for a memory SKU"));
      return null;
    }
    double factor = e.getBaseUnitConversionFactor();
    if (!(factor > 0) || Double.isInfinite(factor)) {
      out.add(new Rejected(id, "pricingExpression.baseUnitConversionFactor", String.valueOf(factor),
          "must be finite and > 0"));
      return null;
    }
    if (e.getTieredRatesCount() == 0) {
      out.add(new Rejected(id, "pricingExpression.tieredRates", "[]", "a price needs at least one tier"));
      return null;
    }
    List<PricingExpression.TierRate> tiers = new ArrayList<>(e.getTieredRatesList());
    tiers.sort(Comparator.comparingDouble(PricingExpression.TierRate::getStartUsageAmount));
    if (tiers.get(0).getStartUsageAmount() != 0) {
      out.add(new Rejected(id, "pricingExpression.tieredRates[0].startUsageAmount",
          String.valueOf(tiers.get(0).getStartUsageAmount()), "the first tier must start at 0"));
      return null;
    }
    PricingExpression.TierRate chosen = tiers.get(0);
    for (PricingExpression.TierRate t : tiers) {
      if (amount(t).signum() != 0) {
        chosen = amount(chosen).signum() == 0 ? t : chosen;
        break;
      }
    }
    String code = chosen.getUnitPrice().getCurrencyCode();
    if (!code.equals(currency)) {
      out.add(new Rejected(id, "unitPrice.currencyCode", code, "must be the requested currency " + currency));
      return null;
    }
    BigDecimal unit = amount(chosen);
    if (unit.signum() < 0) {
      out.add(new Rejected(id, "unitPrice", unit.toPlainString(), "must be >= 0"));
      return null;
    }
    return unit.multiply(perHour)
        .divide(BigDecimal.valueOf(factor), MathContext.DECIMAL128)
        .setScale(12, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }

  private static BigDecimal amount(PricingExpression.TierRate t) {
    com.google.type.Money m = t.getUnitPrice();
    return BigDecimal.valueOf(m.getUnits()).add(BigDecimal.valueOf(m.getNanos(), 9));
  }
}
