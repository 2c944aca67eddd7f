package io.stratus.scheduler.catalog;

import io.stratus.ProviderException;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses the catalog's resources into {@link CatalogData}. Every derivation rule lives here; README.md next to the
 * resources explains them. Not thread-safe; used once per load.
 */
final class CatalogLoader {
  /** Opens a named resource of the catalog. */
  @FunctionalInterface
  interface Resources {
    /**
     * Opens a resource.
     *
     * @param name file name, e.g. {@code regions.csv}
     * @return the stream, or null when there is no such resource
     * @throws IOException if it cannot be read
     */
    InputStream open(String name) throws IOException;
  }

  static final String PROVIDER_ID = "catalog";
  static final String REGIONS = "regions.csv";
  static final String PROPERTIES = "catalog.properties";
  static final String AWS_TYPES = "aws-ec2-instance-types.csv";
  static final String AWS_FACTORS = "aws-regional-factors.csv";
  static final String AWS_SPOT_HISTORY = "aws-spot-price-history-m5.large-us-east-1.csv";
  static final String GCP_TYPES = "gcp-compute-engine-machine-types.csv";
  static final String AZURE_TYPES = "azure-vm-sizes.csv";

  /** Scale of every price the catalog computes (source prices keep their own scale). */
  static final int DERIVED_SCALE = 6;

  private static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730");
  private static final Currency CNY = Currency.getInstance("CNY");
  private static final String AWS_BASE_REGION = "us-east-1";
  private static final String SPOT_REFERENCE_TYPE = "m5.large";
  private static final Set<String> GCP_ARM_FAMILIES = Set.of("t2a", "c4a", "n4a");
  private static final Pattern AZURE_NAME =
      Pattern.compile("(?:Standard|Basic)_([A-Z]+)(\\d+)(?:-\\d+)?([a-z]*)(?:_([A-Za-z0-9_]+))?");
  private static final Pattern AZURE_GPU_SERIES = Pattern.compile("(?:Standard|Basic)_N[A-Z]*\\d.*");
  private static final CSVFormat CSV =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();

  private final Resources resources;
  private final Map<String, Region> regions = new LinkedHashMap<>();
  private final Map<String, InstanceType> types = new LinkedHashMap<>();
  private final List<Offer> offers = new ArrayList<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private Properties properties;

  private CatalogLoader(Resources resources) {
    this.resources = resources;
  }

  /**
   * Loads the catalog from the resources.
   *
   * @param resources where to read them
   * @return the parsed catalog
   * @throws ProviderException if a resource is missing or malformed
   */
  static CatalogData load(Resources resources) {
    CatalogLoader loader = new CatalogLoader(resources);
    try {
      loader.loadAll();
    } catch (IOException | UncheckedIOException | CatalogFormatException e) {
      throw new ProviderException(PROVIDER_ID, "cannot read the bundled price catalog: " + e.getMessage(), e);
    }
    Set<InstanceType> priced = Collections.newSetFromMap(new IdentityHashMap<>());
    loader.offers.forEach(o -> priced.add(o.instanceType()));
    List<InstanceType> types = new ArrayList<>();
    for (InstanceType t : loader.types.values()) {
      if (priced.contains(t)) {
        types.add(t);
      } else {
        loader.skip(t.provider().id() + ": no price in any region");
      }
    }
    return new CatalogData(List.copyOf(loader.regions.values()), types, loader.offers, loader.skipped);
  }

  private void loadAll() throws IOException {
    properties = new Properties();
    try (Reader reader = reader(PROPERTIES)) {
      properties.load(reader);
    }
    readCsv(REGIONS, this::region);
    loadAws();
    loadGcp();
    loadAzure();
    Set<Region> pricedRegions = Collections.newSetFromMap(new IdentityHashMap<>());
    offers.forEach(o -> pricedRegions.add(o.region()));
    for (Region r : regions.values()) {
      if (!pricedRegions.contains(r)) {
        throw bad(REGIONS, "region " + r.id() + " has no price in any table; remove it or add its prices");
      }
    }
  }

  // ---------------------------------------------------------------- regions

  private void region(CSVRecord row) {
    CloudProvider provider = CloudProvider.of(row.get("provider"));
    Region region =
        new Region(
            provider,
            row.get("code"),
            row.get("display_name"),
            row.get("country"),
            split(row.get("jurisdictions")).stream().map(Jurisdiction::of).collect(Collectors.toSet()),
            split(row.get("zones")),
            new GeoPoint(decimal(row, "latitude").doubleValue(), decimal(row, "longitude").doubleValue()),
            Set.copyOf(split(row.get("certifications"))));
    if (regions.putIfAbsent(region.id(), region) != null) {
      throw bad(REGIONS, "duplicate region " + region.id() + " at line " + row.getRecordNumber());
    }
  }

  private Region regionFor(CloudProvider provider, String code, String source) {
    Region region = regions.get(provider.id() + ":" + code);
    if (region == null) {
      throw bad(source, "region " + provider.id() + ":" + code + " has prices but no row in " + REGIONS);
    }
    return region;
  }

  // ---------------------------------------------------------------- AWS

  private void loadAws() throws IOException {
    Instant observed = instant("aws.observedAt");
    Instant observedCn = instant("aws.cn.observedAt");

    // Regional factors and spot bands from the multi-region x2iedn.32xlarge record.
    Map<String, BigDecimal> regionalPrice = new LinkedHashMap<>();
    Map<String, Double> spotRate = new LinkedHashMap<>();
    readCsv(
        AWS_FACTORS,
        row -> {
          String code = row.get("region");
          regionalPrice.put(code, positive(row, "linux_ondemand_usd", AWS_FACTORS));
          String band = row.get("spot_interruption_band");
          if (!band.isEmpty()) {
            String rate = properties.getProperty("aws.spot.band." + band);
            if (rate == null) {
              throw bad(AWS_FACTORS, "unknown spot interruption band '" + band + "' for " + code);
            }
            spotRate.put(code, Double.parseDouble(rate));
          }
        });
    BigDecimal basePrice = regionalPrice.get(AWS_BASE_REGION);
    if (basePrice == null) {
      throw bad(AWS_FACTORS, "no row for the base region " + AWS_BASE_REGION);
    }

    List<CSVRecord> rows = new ArrayList<>();
    readCsv(AWS_TYPES, rows::add);
    // Spot ratio: median observed spot price of m5.large over its on-demand price, both in us-east-1.
    CSVRecord spotReference =
        rows.stream()
            .filter(r -> r.get("instance_type").equals(SPOT_REFERENCE_TYPE))
            .findFirst()
            .orElseThrow(() -> bad(AWS_TYPES, "no row for the spot reference type " + SPOT_REFERENCE_TYPE));
    BigDecimal spotReferenceOnDemand;
    try {
      spotReferenceOnDemand = positive(spotReference, "ondemand_usd_per_hour_us_east_1", AWS_TYPES);
    } catch (IllegalArgumentException e) {
      throw bad(AWS_TYPES, "line " + (spotReference.getRecordNumber() + 1) + ": " + e.getMessage());
    }

    AwsBasis basis =
        new AwsBasis(
            regionalPrice, spotRate, basePrice, spotReferenceOnDemand, spotMedian(), observed, observedCn,
            property("aws.reserved.1y"), property("aws.reserved.3y"), property("aws.reserved.referenceOnDemand"));
    for (CSVRecord row : rows) {
      try {
        awsRow(row, basis);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw bad(AWS_TYPES, "line " + (row.getRecordNumber() + 1) + ": " + e.getMessage());
      }
    }
  }

  /** The AWS derivation inputs shared by every row. */
  private record AwsBasis(
      Map<String, BigDecimal> regionalPrice,
      Map<String, Double> spotRate,
      BigDecimal basePrice,
      BigDecimal spotReferenceOnDemand,
      BigDecimal spotMedian,
      Instant observed,
      Instant observedCn,
      BigDecimal reserved1y,
      BigDecimal reserved3y,
      BigDecimal reservedReference) {}

  private void awsRow(CSVRecord row, AwsBasis b) {
    String name = row.get("instance_type");
    if (row.get("vcpu").isEmpty() || row.get("memory_gib").isEmpty()) {
      skip("aws: vCPU or memory unknown");
      return;
    }
    InstanceType type =
        type(
            new InstanceType(
                CloudProvider.AWS,
                name,
                row.get("family"),
                decimal(row, "vcpu").doubleValue(),
                decimal(row, "memory_gib").doubleValue(),
                row.get("gpu_count").isEmpty() ? 0 : Integer.parseInt(row.get("gpu_count")),
                row.get("gpu_name"),
                awsArchitecture(row),
                0));
    BigDecimal usEast = optionalPositive(row, "ondemand_usd_per_hour_us_east_1");
    if (usEast != null) {
      for (Map.Entry<String, BigDecimal> e : b.regionalPrice().entrySet()) {
        String code = e.getKey();
        if (code.startsWith("us-gov-")) {
          continue; // GovCloud has real prices below
        }
        Region region = regionFor(CloudProvider.AWS, code, AWS_FACTORS);
        BigDecimal onDemand =
            code.equals(AWS_BASE_REGION) ? usEast : scaled(usEast.multiply(e.getValue()), b.basePrice());
        addAws(type, region, onDemand, b);
        Double rate = b.spotRate().get(code);
        if (rate != null) {
          BigDecimal spot =
              scaled(
                  usEast.multiply(e.getValue()).multiply(b.spotMedian()),
                  b.basePrice().multiply(b.spotReferenceOnDemand()));
          offers.add(new Offer(type, region, PurchaseOption.SPOT, Money.usd(spot), rate, b.observed()));
        }
      }
    }
    for (String gov : List.of("us-gov-west-1", "us-gov-east-1")) {
      BigDecimal price = optionalPositive(row, "ondemand_usd_per_hour_" + gov.replace('-', '_'));
      if (price != null) {
        addAws(type, regionFor(CloudProvider.AWS, gov, AWS_TYPES), price, b);
      }
    }
    BigDecimal cny = optionalPositive(row, "ondemand_cny_per_hour_cn_north_1");
    if (cny != null) {
      offers.add(
          new Offer(
              type, regionFor(CloudProvider.AWS, "cn-north-1", AWS_TYPES), PurchaseOption.ON_DEMAND,
              new Money(cny, CNY), 0, b.observedCn()));
    }
  }

  private void addAws(InstanceType type, Region region, BigDecimal onDemand, AwsBasis b) {
    offers.add(new Offer(type, region, PurchaseOption.ON_DEMAND, Money.usd(onDemand), 0, b.observed()));
    offers.add(
        new Offer(
            type, region, PurchaseOption.RESERVED_1Y,
            Money.usd(scaled(onDemand.multiply(b.reserved1y()), b.reservedReference())), 0, b.observed()));
    offers.add(
        new Offer(
            type, region, PurchaseOption.RESERVED_3Y,
            Money.usd(scaled(onDemand.multiply(b.reserved3y()), b.reservedReference())), 0, b.observed()));
  }

  private BigDecimal spotMedian() throws IOException {
    List<BigDecimal> prices = new ArrayList<>();
    readCsv(
        AWS_SPOT_HISTORY,
        row -> {
          if (!row.get("InstanceType").equals(SPOT_REFERENCE_TYPE)) {
            throw bad(AWS_SPOT_HISTORY, "expected only " + SPOT_REFERENCE_TYPE + " rows, got " + row.get(2));
          }
          prices.add(positive(row, "SpotPrice", AWS_SPOT_HISTORY));
        });
    if (prices.isEmpty()) {
      throw bad(AWS_SPOT_HISTORY, "no spot prices");
    }
    prices.sort(null);
    int n = prices.size();
    return n % 2 == 1
        ? prices.get(n / 2)
        : prices.get(n / 2 - 1).add(prices.get(n / 2)).divide(BigDecimal.valueOf(2));
  }

  private static Architecture awsArchitecture(CSVRecord row) {
    switch (row.get("arch")) {
      case "amd64":
        return Architecture.X86_64;
      case "arm64":
        return Architecture.ARM64;
      default:
        throw bad(AWS_TYPES, "unknown arch '" + row.get("arch") + "' for " + row.get("instance_type"));
    }
  }

  // ---------------------------------------------------------------- GCP

  private void loadGcp() throws IOException {
    Instant observed = instant("gcp.observedAt");
    BigDecimal spotRateValue = property("gcp.spot.interruptionRate");
    double spotRate = spotRateValue.doubleValue();
    readCsv(
        GCP_TYPES,
        row -> {
          String name = row.get("machine_type");
          int gpus = 0;
          String gpuModel = "";
          for (String accelerator : split(row.get("accelerators"))) {
            String[] kv = accelerator.split("=", 2);
            if (kv.length != 2) {
              throw bad(GCP_TYPES, "malformed accelerator '" + accelerator + "' for " + name);
            }
            if (kv[0].equals("local-ssd")) {
              continue;
            }
            BigDecimal count = new BigDecimal(kv[1]);
            if (count.stripTrailingZeros().scale() > 0) {
              gpus = -1;
              break;
            }
            gpus += count.intValueExact();
            gpuModel = kv[0];
          }
          if (gpus < 0) {
            skip("gcp: fractional GPU (virtual workstation share)");
            return;
          }
          String family = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
          InstanceType type =
              type(
                  new InstanceType(
                      CloudProvider.GCP,
                      name,
                      family,
                      decimal(row, "vcpu").doubleValue(),
                      decimal(row, "memory_gb").doubleValue(),
                      gpus,
                      gpuModel,
                      GCP_ARM_FAMILIES.contains(family) ? Architecture.ARM64 : Architecture.X86_64,
                      0));
          Region region = regionFor(CloudProvider.GCP, row.get("region"), GCP_TYPES);
          offers.add(
              new Offer(
                  type, region, PurchaseOption.ON_DEMAND,
                  Money.usd(positive(row, "ondemand_usd_per_hour", GCP_TYPES)), 0, observed));
          BigDecimal spot = optionalPositive(row, "spot_usd_per_hour");
          if (spot != null) {
            offers.add(new Offer(type, region, PurchaseOption.SPOT, Money.usd(spot), spotRate, observed));
          }
          addMonthly(type, region, row, "cud_1y_usd_per_month", PurchaseOption.COMMITMENT_1Y, observed);
          addMonthly(type, region, row, "cud_3y_usd_per_month", PurchaseOption.COMMITMENT_3Y, observed);
        });
  }

  private void addMonthly(
      InstanceType type, Region region, CSVRecord row, String column, PurchaseOption option, Instant observed) {
    BigDecimal monthly = optionalPositive(row, column);
    if (monthly != null) {
      offers.add(new Offer(type, region, option, Money.usd(scaled(monthly, HOURS_PER_MONTH)), 0, observed));
    }
  }

  // ---------------------------------------------------------------- Azure

  private void loadAzure() throws IOException {
    Instant observed = instant("azure.observedAt");
    readCsv(
        AZURE_TYPES,
        row -> {
          String name = row.get("sku");
          if (row.get("vcpu").isEmpty() || row.get("memory_gib").isEmpty()) {
            skip("azure: vCPU or memory unknown");
            return;
          }
          if (AZURE_GPU_SERIES.matcher(name).matches()) {
            skip("azure: GPU count unknown (N-series)");
            return;
          }
          Matcher m = AZURE_NAME.matcher(name);
          if (!m.matches()) {
            throw bad(AZURE_TYPES, "unrecognised size name '" + name + "'");
          }
          String suffix = m.group(3);
          String version = m.group(4) == null ? "" : m.group(4);
          String family = (m.group(1) + suffix + version).replace("_", "");
          InstanceType type =
              type(
                  new InstanceType(
                      CloudProvider.AZURE,
                      name,
                      family,
                      decimal(row, "vcpu").doubleValue(),
                      decimal(row, "memory_gib").doubleValue(),
                      0,
                      "",
                      suffix.indexOf('p') >= 0 ? Architecture.ARM64 : Architecture.X86_64,
                      0));
          for (String column : row.getParser().getHeaderNames()) {
            if (!column.startsWith("ondemand_usd_per_hour_")) {
              continue;
            }
            BigDecimal price = optionalPositive(row, column);
            if (price != null) {
              Region region =
                  regionFor(CloudProvider.AZURE, column.substring("ondemand_usd_per_hour_".length()), AZURE_TYPES);
              offers.add(new Offer(type, region, PurchaseOption.ON_DEMAND, Money.usd(price), 0, observed));
            }
          }
        });
  }

  // ---------------------------------------------------------------- helpers

  private InstanceType type(InstanceType candidate) {
    InstanceType existing = types.putIfAbsent(candidate.id(), candidate);
    if (existing != null && !existing.equals(candidate)) {
      throw bad(candidate.provider().id(), "instance type " + candidate.id() + " has conflicting specs: "
          + existing + " vs " + candidate);
    }
    return existing == null ? candidate : existing;
  }

  private void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  private void readCsv(String name, Consumer<CSVRecord> rowHandler) throws IOException {
    try (Reader reader = reader(name);
        CSVParser parser = CSV.parse(reader)) {
      for (CSVRecord row : parser) {
        if (!row.isConsistent()) {
          throw bad(name, "line " + parser.getCurrentLineNumber() + " has " + row.size() + " fields, expected "
              + parser.getHeaderNames().size());
        }
        try {
          rowHandler.accept(row);
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw bad(name, "line " + parser.getCurrentLineNumber() + ": " + e.getMessage());
        }
      }
    } catch (CatalogFormatException e) {
      throw e;
    } catch (IllegalStateException | UncheckedIOException e) {
      // commons-csv reports malformed CSV (e.g. an unterminated quote) this way
      throw bad(name, e.getMessage());
    }
  }

  private Reader reader(String name) throws IOException {
    InputStream in = resources.open(name);
    if (in == null) {
      throw bad(name, "resource is missing from the classpath");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private Instant instant(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw bad(PROPERTIES, "missing key " + key);
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw bad(PROPERTIES, key + " must be an ISO-8601 instant, got '" + value + "'");
    }
  }

  private BigDecimal property(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw bad(PROPERTIES, "missing key " + key);
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw bad(PROPERTIES, key + " must be a decimal number, got '" + value + "'");
    }
  }

  private static BigDecimal scaled(BigDecimal numerator, BigDecimal denominator) {
    return numerator.divide(denominator, DERIVED_SCALE, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal decimal(CSVRecord row, String column) {
    String value = row.get(column);
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " must be a decimal number, got '" + value + "'", e);
    }
  }

  private static BigDecimal optionalPositive(CSVRecord row, String column) {
    return row.get(column).isEmpty() ? null : positiveValue(row, column);
  }

  private static BigDecimal positive(CSVRecord row, String column, String source) {
    if (row.get(column).isEmpty()) {
      throw bad(source, "line " + row.getRecordNumber() + ": " + column + " must not be empty");
    }
    return positiveValue(row, column);
  }

  private static BigDecimal positiveValue(CSVRecord row, String column) {
    BigDecimal value = decimal(row, column);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(column + " must be >= 0, got " + value);
    }
    return value;
  }

  private static List<String> split(String value) {
    return value.isEmpty() ? List.of() : Arrays.asList(value.split(";"));
  }

  private static CatalogFormatException bad(String resource, String message) {
    return new CatalogFormatException(resource + ": " + message);
  }

  /** A malformed resource; turned into a {@link ProviderException} by {@link BundledCatalog}. */
  static final class CatalogFormatException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CatalogFormatException(String message) {
      super(message);
    }
  }
}
