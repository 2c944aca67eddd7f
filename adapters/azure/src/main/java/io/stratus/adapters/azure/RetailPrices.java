package io.stratus.adapters.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns Retail Prices API items of one region into {@link Offer}s, counting every item it does not use by reason.
 * Linux prices only (the model has no operating system): Windows meters are skipped, as are Low Priority (retired),
 * Dev/Test, tiered and non-hourly items, and sizes whose vCPUs and memory are unknown.
 *
 * <ul>
 *   <li>{@code Consumption} items: {@code skuName} ending in {@code Spot} → SPOT (with the configured interruption
 *       rate), else ON_DEMAND; their {@code savingsPlan} entries ({@code 1 Year}, {@code 3 Years}) → COMMITMENT_1Y/3Y
 *       at the entry's hourly {@code retailPrice}.
 *   <li>{@code Reservation} items: the price is for the whole term; {@code reservationTerm} {@code 1 Year} →
 *       RESERVED_1Y at price / 8,760 h, {@code 3 Years} → RESERVED_3Y at price / 26,280 h.
 *   <li>Units: {@code N Hour(s)} divides the price by N; any other unit is skipped.
 *   <li>Several items for one size and option (meters re-issued over time): the one with the latest {@code
 *       effectiveStartDate} wins, then the lower price.
 * </ul>
 *
 * Not thread-safe; one instance per load.
 */
final class RetailPrices {
  private static final Pattern HOURS = Pattern.compile("(\\d+)\\s+Hours?", Pattern.CASE_INSENSITIVE);
  private static final BigDecimal HOURS_1Y = BigDecimal.valueOf(8760);
  private static final BigDecimal HOURS_3Y = BigDecimal.valueOf(26280);

  private record Candidate(Offer offer, String effectiveStart) {}

  private final Region region;
  private final Currency currency;
  private final Map<String, InstanceType> specs;
  private final double spotRate;
  private final Instant observedAt;
  private final Map<String, Candidate> best = new LinkedHashMap<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private int items;

  RetailPrices(Region region, Currency currency, Map<String, InstanceType> specs, double spotRate,
      Instant observedAt) {
    this.region = region;
    this.currency = currency;
    this.specs = specs;
    this.spotRate = spotRate;
    this.observedAt = observedAt;
  }

  /** Adds one page's {@code Items}. */
  void addPage(JsonNode page, int pageNumber) {
    JsonNode list = page.get("Items");
    if (list == null || !list.isArray()) {
      throw new AzureCalls.MalformedResponseException("retail prices page " + pageNumber + " for " + region.code()
          + " has no 'Items' array", null);
    }
    for (JsonNode item : list) {
      items++;
      String reason = add(item);
      if (reason != null) {
        skipped.merge(reason, 1, Integer::sum);
      }
    }
  }

  /** Maps one item; returns why it was skipped, or null when it became (or competed for) an offer. */
  private @Nullable String add(JsonNode item) {
    String size = item.path("armSkuName").asText("");
    String type = item.path("type").asText("");
    String skuName = item.path("skuName").asText("");
    String product = item.path("productName").asText("");
    if (!region.code().equalsIgnoreCase(item.path("armRegionName").asText(""))) {
      return "other region";
    }
    if (size.isEmpty()) {
      return "no armSkuName";
    }
    if (!currency.getCurrencyCode().equals(item.path("currencyCode").asText(""))) {
      return "other currency";
    }
    if (item.path("tierMinimumUnits").asDouble(0) > 0) {
      return "tiered price";
    }
    Matcher unit = HOURS.matcher(item.path("unitOfMeasure").asText(""));
    if (!unit.matches()) {
      return "unit not hours";
    }
    JsonNode priceNode = item.get("retailPrice");
    if (priceNode == null || !priceNode.isNumber()) {
      throw new AzureCalls.MalformedResponseException("retail price item " + item.path("meterId").asText("?")
          + " (" + size + ", " + region.code() + ") has no numeric retailPrice: " + priceNode, null);
    }
    BigDecimal perUnit = priceNode.decimalValue().divide(new BigDecimal(unit.group(1)), MathContext.DECIMAL64);
    InstanceType spec = specs.get(size);
    String lower = (skuName + " " + item.path("meterName").asText("")).toLowerCase(Locale.ROOT);
    String start = item.path("effectiveStartDate").asText("");
    switch (type) {
      case "Consumption":
        if (lower.contains("low priority")) {
          return "low priority";
        }
        if (product.toLowerCase(Locale.ROOT).contains("windows")) {
          return "windows";
        }
        if (spec == null) {
          return "size without known vCPUs/memory";
        }
        boolean spot = skuName.toLowerCase(Locale.ROOT).endsWith("spot");
        offer(spec, spot ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND, perUnit, start);
        if (!spot) {
          for (JsonNode plan : item.path("savingsPlan")) {
            PurchaseOption option = term(plan.path("term").asText(""), PurchaseOption.COMMITMENT_1Y,
                PurchaseOption.COMMITMENT_3Y);
            JsonNode planPrice = plan.get("retailPrice");
            if (option == null || planPrice == null || !planPrice.isNumber()) {
              skipped.merge("savings plan term or price unknown", 1, Integer::sum);
              continue;
            }
            offer(spec, option, planPrice.decimalValue().divide(new BigDecimal(unit.group(1)),
                MathContext.DECIMAL64), start);
          }
        }
        return null;
      case "Reservation":
        if (spec == null) {
          return "size without known vCPUs/memory";
        }
        PurchaseOption option = term(item.path("reservationTerm").asText(""), PurchaseOption.RESERVED_1Y,
            PurchaseOption.RESERVED_3Y);
        if (option == null) {
          return "reservation term not 1 or 3 years";
        }
        BigDecimal hours = option == PurchaseOption.RESERVED_1Y ? HOURS_1Y : HOURS_3Y;
        offer(spec, option, priceNode.decimalValue().divide(hours, 10, RoundingMode.HALF_EVEN), start);
        return null;
      case "DevTestConsumption":
        return "dev/test price";
      default:
        return "price type '" + type + "'";
    }
  }

  private static @Nullable PurchaseOption term(String term, PurchaseOption one, PurchaseOption three) {
    switch (term) {
      case "1 Year":
        return one;
      case "3 Years":
        return three;
      default:
        return null;
    }
  }

  private void offer(InstanceType spec, PurchaseOption option, BigDecimal hourly, String start) {
    double rate = option.isInterruptible() ? spotRate : 0;
    Offer offer = new Offer(spec, region, option, new Money(hourly.stripTrailingZeros(), currency), rate, observedAt);
    Candidate c = new Candidate(offer, start);
    best.merge(offer.id(), c, (a, b) -> {
      int byStart = a.effectiveStart().compareTo(b.effectiveStart());
      if (byStart != 0) {
        return byStart > 0 ? a : b;
      }
      return a.offer().hourlyPrice().compareTo(b.offer().hourlyPrice()) <= 0 ? a : b;
    });
  }

  List<Offer> offers() {
    List<Offer> out = new ArrayList<>();
    best.values().forEach(c -> out.add(c.offer()));
    return List.copyOf(out);
  }

  int items() {
    return items;
  }

  Map<String, Integer> skipped() {
    return Map.copyOf(skipped);
  }
}
