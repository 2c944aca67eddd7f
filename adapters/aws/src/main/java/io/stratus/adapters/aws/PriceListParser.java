package io.stratus.adapters.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Region;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the product documents of a Price List {@code GetProducts} response (each an escaped JSON string in {@code
 * PriceList}): the instance type's shape from {@code product.attributes} and the hourly on-demand price from {@code
 * terms.OnDemand.*.priceDimensions.*.pricePerUnit}. Stateless and thread-safe.
 */
final class PriceListParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MEMORY = Pattern.compile("([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*GiB");
  private static final Pattern NETWORK = Pattern.compile("(?:(\\d+)\\s*x\\s*)?(\\d+(?:\\.\\d+)?)\\s*Gigabit");

  /** One parsed product: its shape, region and hourly on-demand price. */
  record Product(InstanceType type, Region region, BigDecimal hourly, Currency currency) {}

  /** A product document that breaks a rule: names the field, the value and the rule. */
  static final class MalformedProductException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedProductException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private PriceListParser() {}

  /**
   * Parses one product document.
   *
   * @param document the JSON text
   * @param location where it came from, for messages (e.g. {@code GetProducts page 2, item 17})
   * @param regions the region table
   * @return the product, or empty when it has no hourly on-demand price (e.g. a reserved-only SKU)
   * @throws MalformedProductException if the document is not JSON or a field breaks its rule
   */
  static Optional<Product> parse(String document, String location, RegionTable regions) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new MalformedProductException(location + ": PriceList item is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedProductException(location + ": PriceList item must be a JSON object", null);
    }
    JsonNode attrs = root.path("product").path("attributes");
    String name = text(attrs, "instanceType", location);
    String sku = root.path("product").path("sku").asText("?");
    String where = location + " (sku " + sku + ", " + name + ")";
    Region region = region(attrs, where, regions);
    double vcpus = number(text(attrs, "vcpu", where), "product.attributes.vcpu", where);
    String memoryText = text(attrs, "memory", where);
    Matcher m = MEMORY.matcher(memoryText);
    if (!m.matches()) {
      throw new MalformedProductException(where + ": product.attributes.memory must look like '8 GiB', got '"
          + memoryText + "'", null);
    }
    double memory = number(m.group(1).replace(",", ""), "product.attributes.memory", where);
    int gpus = attrs.hasNonNull("gpu") ? (int) number(attrs.get("gpu").asText(), "product.attributes.gpu", where) : 0;
    String processor = attrs.path("physicalProcessor").asText("");
    Architecture arch = processor.toLowerCase(Locale.ROOT).contains("graviton")
        || attrs.path("processorArchitecture").asText("").toLowerCase(Locale.ROOT).contains("arm")
        ? Architecture.ARM64 : Architecture.X86_64;
    int dot = name.indexOf('.');
    String family = dot > 0 ? name.substring(0, dot) : name;
    InstanceType type;
    try {
      type = new InstanceType(CloudProvider.AWS, name, family, vcpus, memory, gpus, "", arch,
          network(attrs.path("networkPerformance").asText("")));
    } catch (IllegalArgumentException e) {
      throw new MalformedProductException(where + ": " + e.getMessage(), e);
    }
    return hourly(root.path("terms").path("OnDemand"), where)
        .map(p -> new Product(type, region, p.getValue(), Currency.getInstance(p.getKey())));
  }

  private static Region region(JsonNode attrs, String where, RegionTable regions) {
    String code = attrs.path("regionCode").asText("");
    if (!code.isEmpty()) {
      return regions.find(code).orElseThrow(() -> new MalformedProductException(where
          + ": product.attributes.regionCode '" + code + "' is not a known AWS region; add it with"
          + " AwsAdapter.Builder.regions(...)", null));
    }
    String location = text(attrs, "location", where);
    return regions.findByLocation(location).orElseThrow(() -> new MalformedProductException(where
        + ": product.attributes.location '" + location + "' names no known AWS region (and regionCode is absent)",
        null));
  }

  /** The hourly price of the first on-demand term with an {@code Hrs} dimension starting at 0, as (currency, amount). */
  private static Optional<Map.Entry<String, BigDecimal>> hourly(JsonNode onDemand, String where) {
    for (Iterator<JsonNode> terms = onDemand.elements(); terms.hasNext(); ) {
      for (Iterator<JsonNode> dims = terms.next().path("priceDimensions").elements(); dims.hasNext(); ) {
        JsonNode dim = dims.next();
        if (!dim.path("unit").asText("").equals("Hrs") || !dim.path("beginRange").asText("0").equals("0")) {
          continue;
        }
        Iterator<Map.Entry<String, JsonNode>> prices = dim.path("pricePerUnit").properties().iterator();
        if (!prices.hasNext()) {
          throw new MalformedProductException(where + ": terms.OnDemand priceDimensions.pricePerUnit is empty", null);
        }
        Map.Entry<String, JsonNode> p = prices.next();
        String text = p.getValue().asText();
        BigDecimal amount;
        try {
          amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new MalformedProductException(where + ": terms.OnDemand pricePerUnit." + p.getKey()
              + " must be a decimal number, got '" + text + "'", e);
        }
        if (amount.signum() < 0) {
          throw new MalformedProductException(where + ": terms.OnDemand pricePerUnit." + p.getKey()
              + " must be >= 0, got " + text, null);
        }
        try {
          Currency.getInstance(p.getKey());
        } catch (IllegalArgumentException e) {
          throw new MalformedProductException(where + ": terms.OnDemand pricePerUnit currency must be an ISO 4217"
              + " code, got '" + p.getKey() + "'", e);
        }
        return Optional.of(Map.entry(p.getKey(), amount));
      }
    }
    return Optional.empty();
  }

  /** Gbit/s from {@code networkPerformance}: "Up to 10 Gigabit" is 10, "4 x 100 Gigabit" 400; words ("Moderate") 0. */
  static double network(String text) {
    Matcher m = NETWORK.matcher(text);
    if (!m.find()) {
      return 0;
    }
    double each = Double.parseDouble(m.group(2));
    return m.group(1) == null ? each : each * Integer.parseInt(m.group(1));
  }

  private static String text(JsonNode attrs, String field, String where) {
    JsonNode n = attrs.get(field);
    if (n == null || n.isNull() || n.asText().isBlank()) {
      throw new MalformedProductException(where + ": product.attributes." + field + " is missing", null);
    }
    return n.asText();
  }

  private static double number(String text, String field, String where) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new MalformedProductException(where + ": " + field + " must be a number, got '" + text + "'", e);
    }
  }
}
