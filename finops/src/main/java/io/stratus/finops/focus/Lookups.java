package io.stratus.finops.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.List;

/**
 * The bundled mapping tables (see {@code mappings/README.md}): provider service to FOCUS ServiceCategory, and
 * Microsoft's region, service and pricing-unit tables. Loaded once, read-only afterwards; thread-safe.
 */
final class Lookups {
  static final Map<String, String> AWS_CATEGORY = pairs("aws_category_mapping.csv", 0, 1);
  static final Map<String, String> AZURE_CATEGORY = pairs("azure_category_mapping.csv", 0, 1);
  static final Map<String, String> GCP_CATEGORY = pairs("gcp_category_mapping.csv", 0, 1);

  /** Azure raw region value (lower case) to {RegionId, RegionName}. */
  static final Map<String, String[]> AZURE_REGIONS = rows("Regions.csv", 0);

  /** Azure "consumedservice|resourcetype" and "consumedservice|" (lower case) to the Services.csv row. */
  static final Map<String, String[]> AZURE_SERVICES = services();

  /** Azure UnitOfMeasure to {PricingBlockSize, DistinctUnits}. */
  static final Map<String, String[]> AZURE_UNITS = units();

  private Lookups() {}

  /** The data records of a bundled table (the header skipped). */
  private static List<CsvRecord> load(String name) {
    InputStream in = Lookups.class.getResourceAsStream("mappings/" + name);
    if (in == null) {
      throw new IllegalStateException("bundled mapping table mappings/" + name + " is missing from the jar");
    }
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<CsvRecord> all = csv.stream().toList();
      return all.isEmpty() ? all : all.subList(1, all.size());
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot read bundled mapping table " + name, e);
    }
  }

  private static Map<String, String> pairs(String name, int key, int value) {
    Map<String, String> m = new HashMap<>();
    for (CsvRecord r : load(name)) {
      m.putIfAbsent(r.getField(key).trim().toLowerCase(Locale.ROOT), r.getField(value).trim());
    }
    return Map.copyOf(m);
  }

  private static Map<String, String[]> rows(String name, int key) {
    Map<String, String[]> m = new HashMap<>();
    for (CsvRecord r : load(name)) {
      m.putIfAbsent(r.getField(key).trim().toLowerCase(Locale.ROOT), new String[] {r.getField(1), r.getField(2)});
    }
    return Map.copyOf(m);
  }

  private static Map<String, String[]> services() {
    Map<String, String[]> m = new HashMap<>();
    for (CsvRecord r : load("Services.csv")) {
      String[] row = new String[r.getFieldCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] = r.getField(i);
      }
      String consumed = r.getField(0).trim().toLowerCase(Locale.ROOT);
      String type = r.getField(1).trim().toLowerCase(Locale.ROOT);
      m.putIfAbsent(consumed + "|" + type, row);
      m.putIfAbsent(consumed + "|", row);
      m.putIfAbsent("|" + type, row);
    }
    return Map.copyOf(m);
  }

  private static Map<String, String[]> units() {
    Map<String, String[]> m = new HashMap<>();
    for (CsvRecord r : load("PricingUnits.csv")) {
      m.putIfAbsent(r.getField(0).trim(), new String[] {r.getField(2).trim(), r.getField(3).trim()});
    }
    return Map.copyOf(m);
  }

  /** The block size of an Azure unit of measure ("10K" is 10000 units), 1 when unknown. */
  static BigDecimal azureBlockSize(String unitOfMeasure) {
    String[] u = AZURE_UNITS.get(unitOfMeasure.trim());
    if (u == null) {
      return BigDecimal.ONE;
    }
    try {
      return new BigDecimal(u[0]);
    } catch (NumberFormatException e) {
      return BigDecimal.ONE;
    }
  }
}
