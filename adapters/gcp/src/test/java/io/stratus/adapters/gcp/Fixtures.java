package io.stratus.adapters.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.billing.v1.Category;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.PricingExpression;
import com.google.cloud.billing.v1.PricingInfo;
import com.google.cloud.billing.v1.Sku;
import com.google.protobuf.Timestamp;
import com.google.type.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Documented response shapes: Cloud Billing Catalog SKUs and Compute Engine machine types, from the price sample. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> REGIONS = List.of("us-central1", "europe-west1");
  static final Map<String, String> ZONE = Map.of("us-central1", "us-central1-a", "europe-west1", "europe-west1-b");
  static final Map<String, String> AREA = Map.of("us-central1", "Iowa", "europe-west1", "Belgium");

  /** One row of gcp-prices-sample.csv. */
  record PriceRow(String type, double vcpus, double memoryGb, String region, BigDecimal onDemand, BigDecimal spot,
      BigDecimal cud1yMonth, BigDecimal cud3yMonth) {}

  /**
   * Per-hour core and memory rates {on-demand, spot, 1y, 3y} × {core, ram}, per family and region: the rates the
   * published sample prices imply (two types per family solve the two unknowns).
   */
  static final Map<String, double[]> RATES = new LinkedHashMap<>();

  static {
    RATES.put("n2/us-central1", new double[] {0.031611, 0.004237, 0.01499, 0.00201, 0.019915, 0.002669, 0.014225, 0.001907});
    RATES.put("n2/europe-west1", new double[] {0.034773, 0.004661, 0.00763, 0.001023, 0.021907, 0.002936, 0.015648, 0.002097});
    RATES.put("e2/us-central1",
        new double[] {0.02181159, 0.00292353, 0.01309, 0.001754, 0.013741301, 0.001841823, 0.009815215, 0.001315588});
    RATES.put("e2/europe-west1",
        new double[] {0.02399337, 0.00321609, 0.01162, 0.001558, 0.015115823, 0.002026136, 0.010797016, 0.00144724});
    RATES.put("n1/us-central1", new double[] {0.031611, 0.004237, 0.01115, 0.001494, 0.019915, 0.002669, 0.014225, 0.001907});
    RATES.put("n1/europe-west1", new double[] {0.034773, 0.004661, 0.0145, 0.001944, 0.021907, 0.002936, 0.015648, 0.002097});
  }

  private Fixtures() {}

  static List<PriceRow> priceRows() {
    List<PriceRow> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(Fixtures.class.getResourceAsStream("gcp-prices-sample.csv")), StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", -1);
        out.add(new PriceRow(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[4], new BigDecimal(f[5]),
            new BigDecimal(f[6]), new BigDecimal(f[8]), new BigDecimal(f[9])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The Compute Engine SKUs of the catalog: core and RAM for each family, region and usage type. */
  static List<Sku> skus() {
    List<Sku> out = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, double[]> e : RATES.entrySet()) {
      String family = e.getKey().substring(0, 2).toUpperCase(java.util.Locale.ROOT);
      String region = e.getKey().substring(3);
      String area = AREA.get(region);
      double[] r = e.getValue();
      String predefined = family.equals("N1") ? " Predefined" : "";
      String commitFamily = family.equals("N1") ? "" : family + " ";
      // On demand: per hour (core) and per GiB-hour (ram), the catalog's usual units.
      out.add(sku(++n, family + predefined + " Instance Core running in " + area, "OnDemand", region, "h", "s", 3600, r[0]));
      out.add(sku(++n, family + predefined + " Instance Ram running in " + area, "OnDemand", region, "GiBy.h", "By.s",
          3600.0 * (1L << 30), r[1]));
      out.add(sku(++n, "Spot Preemptible " + family + predefined + " Instance Core running in " + area, "Preemptible",
          region, "h", "s", 3600, r[2]));
      // Spot memory priced per GiB-month (730 h): exercises the base-unit conversion.
      out.add(sku(++n, "Spot Preemptible " + family + predefined + " Instance Ram running in " + area, "Preemptible",
          region, "GiBy.mo", "By.s", 730 * 3600.0 * (1L << 30), r[3] * 730));
      out.add(sku(++n, "Commitment v1: " + commitFamily + "Cpu in " + area + " for 1 Year", "Commit1Yr", region, "h",
          "s", 3600, r[4]));
      out.add(sku(++n, "Commitment v1: " + commitFamily + "Ram in " + area + " for 1 Year", "Commit1Yr", region,
          "GiBy.h", "By.s", 3600.0 * (1L << 30), r[5]));
      out.add(sku(++n, "Commitment v1: " + commitFamily + "Cpu in " + area + " for 3 Years", "Commit3Yr", region, "h",
          "s", 3600, r[6]));
      out.add(sku(++n, "Commitment v1: " + commitFamily + "Ram in " + area + " for 3 Years", "Commit3Yr", region,
          "GiBy.h", "By.s", 3600.0 * (1L << 30), r[7]));
    }
    // SKUs that are not machine prices: a GPU, a disk, a custom core, a licence.
    out.add(sku(++n, "Nvidia Tesla A100 GPU running in Iowa", "OnDemand", "us-central1", "h", "s", 3600, 2.933908));
    out.add(diskSku(++n));
    out.add(sku(++n, "N2 Custom Instance Core running in Iowa", "OnDemand", "us-central1", "h", "s", 3600, 0.033174));
    return out;
  }

  static Sku sku(int n, String description, String usageType, String region, String usageUnit, String baseUnit,
      double factor, double unitPrice) {
    return Sku.newBuilder()
        .setName("services/6F81-5844-456A/skus/" + skuId(n))
        .setSkuId(skuId(n))
        .setDescription(description)
        .setCategory(Category.newBuilder().setServiceDisplayName("Compute Engine").setResourceFamily("Compute")
            .setResourceGroup(description.contains("Ram") ? "RAM" : "CPU").setUsageType(usageType))
        .addServiceRegions(region)
        .addPricingInfo(PricingInfo.newBuilder()
            .setEffectiveTime(Timestamp.newBuilder().setSeconds(1_785_000_000L))
            .setPricingExpression(PricingExpression.newBuilder()
                .setUsageUnit(usageUnit)
                .setBaseUnit(baseUnit)
                .setBaseUnitConversionFactor(factor)
                .setDisplayQuantity(1)
                .addTieredRates(PricingExpression.TierRate.newBuilder().setStartUsageAmount(0)
                    .setUnitPrice(money(unitPrice)))))
        .setServiceProviderName("Google")
        .build();
  }

  private static Sku diskSku(int n) {
    return Sku.newBuilder()
        .setSkuId(skuId(n))
        .setDescription("Storage PD Capacity")
        .setCategory(Category.newBuilder().setResourceFamily("Storage").setResourceGroup("PDStandard")
            .setUsageType("OnDemand"))
        .addServiceRegions("us-central1")
        .build();
  }

  static String skuId(int n) {
    return String.format("%04X-%04X-%04X", n, n * 7, n * 13);
  }

  static Money money(double amount) {
    BigDecimal d = BigDecimal.valueOf(amount);
    long units = d.longValue();
    int nanos = d.subtract(BigDecimal.valueOf(units)).movePointRight(9).intValue();
    return Money.newBuilder().setCurrencyCode("USD").setUnits(units).setNanos(nanos).build();
  }

  /** Serves SKUs in pages of {@code pageSize}, page tokens "p1", "p2", ... */
  static ListSkusResponse page(List<Sku> skus, ListSkusRequest request, int pageSize) {
    int page = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken().substring(1));
    int from = page * pageSize;
    int to = Math.min(skus.size(), from + pageSize);
    ListSkusResponse.Builder b = ListSkusResponse.newBuilder().addAllSkus(skus.subList(from, to));
    if (to < skus.size()) {
      b.setNextPageToken("p" + (page + 1));
    }
    return b.build();
  }

  /** A Compute Engine machineTypes.aggregatedList body (REST JSON) for the sample's types plus special ones. */
  static String machineTypesJson(String project) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", "compute#machineTypeAggregatedList");
    root.put("id", "projects/" + project + "/aggregated/machineTypes");
    ObjectNode items = root.putObject("items");
    Map<String, ArrayNode> byZone = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PriceRow row : priceRows()) {
      String zone = ZONE.get(row.region());
      if (!seen.add(zone + row.type())) {
        continue;
      }
      ArrayNode list = byZone.computeIfAbsent(zone, z -> items.putObject("zones/" + z).putArray("machineTypes"));
      list.add(machineType(project, zone, row.type(), (int) row.vcpus(), (int) Math.round(row.memoryGb() * 1024),
          false));
    }
    for (String zone : ZONE.values()) {
      ArrayNode list = byZone.get(zone);
      list.add(machineType(project, zone, "e2-micro", 2, 1024, true));
      ObjectNode gpu = machineType(project, zone, "a2-highgpu-1g", 12, 87040, false);
      gpu.putArray("accelerators").addObject().put("guestAcceleratorType", "nvidia-tesla-a100")
          .put("guestAcceleratorCount", 1);
      list.add(gpu);
    }
    items.putObject("zones/asia-south3-a").putObject("warning").put("code", "NO_RESULTS_ON_PAGE");
    return root.toString();
  }

  static ObjectNode machineType(String project, String zone, String name, int cpus, int memoryMb, boolean shared) {
    ObjectNode mt = JSON.createObjectNode();
    mt.put("kind", "compute#machineType");
    mt.put("id", String.valueOf(Math.abs((zone + name).hashCode())));
    mt.put("creationTimestamp", "1969-12-31T16:00:00.000-08:00");
    mt.put("name", name);
    mt.put("description", cpus + " vCPUs, " + memoryMb / 1024.0 + " GB RAM");
    mt.put("guestCpus", cpus);
    mt.put("memoryMb", memoryMb);
    mt.put("imageSpaceGb", 0);
    mt.put("maximumPersistentDisks", 128);
    mt.put("maximumPersistentDisksSizeGb", "263168");
    mt.put("zone", zone);
    mt.put("selfLink", "https://www.googleapis.com/compute/v1/projects/" + project + "/zones/" + zone
        + "/machineTypes/" + name);
    mt.put("isSharedCpu", shared);
    mt.put("architecture", "X86_64");
    return mt;
  }
}
