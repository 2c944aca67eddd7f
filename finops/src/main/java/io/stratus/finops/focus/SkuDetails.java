package io.stratus.finops.focus;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds FOCUS SkuPriceDetails from the provider's SKU attributes, with the FOCUS 1.2 property names: CoreCount
 * (a whole number), InstanceType, MemorySize (GiB, from text such as {@code "8 GiB"}), OperatingSystem, StorageClass.
 * Values that do not have the property's form are left out; no attribute gives null. Results are cached by the
 * attribute values (rows repeat a few SKUs). Not thread-safe; one per bound format.
 */
final class SkuDetails {
  /** The properties, in the order of the values passed to {@link #of}. */
  static final int CORE_COUNT = 0;
  static final int INSTANCE_TYPE = 1;
  static final int MEMORY_SIZE = 2;
  static final int OPERATING_SYSTEM = 3;
  static final int STORAGE_CLASS = 4;
  static final int SIZE = 5;

  private static final int SLOTS = 1024;
  private final String[][] keys = new String[SLOTS][];
  private final String[] json = new String[SLOTS];

  /**
   * The JSON object of the attributes.
   *
   * @param values indexed by the constants of this class; entries may be null
   * @return the JSON text, or null when no attribute has a value of its property's form
   */
  String of(String[] values) {
    int h = Arrays.hashCode(values);
    int slot = (h ^ (h >>> 12)) & (SLOTS - 1);
    if (keys[slot] != null && Arrays.equals(keys[slot], values)) {
      return json[slot];
    }
    String text = build(values);
    keys[slot] = values.clone();
    json[slot] = text;
    return text;
  }

  static String build(String[] v) {
    Map<String, Object> m = new LinkedHashMap<>();
    BigDecimal cores = number(v[CORE_COUNT], "");
    if (cores != null && cores.signum() > 0 && cores.stripTrailingZeros().scale() <= 0) {
      m.put("CoreCount", cores.stripTrailingZeros().toBigInteger());
    }
    put(m, "InstanceType", v[INSTANCE_TYPE]);
    BigDecimal memory = number(v[MEMORY_SIZE], "gib");
    if (memory != null && memory.signum() >= 0) {
      m.put("MemorySize", memory);
    }
    put(m, "OperatingSystem", v[OPERATING_SYSTEM]);
    put(m, "StorageClass", v[STORAGE_CLASS]);
    if (m.isEmpty()) {
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SKU details " + m + " cannot be written as JSON", e);
    }
  }

  private static void put(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isBlank() && !value.equalsIgnoreCase("NA")) {
      m.put(key, value.trim());
    }
  }

  /** A number, optionally followed by the unit (case-insensitive), else null. */
  private static BigDecimal number(String text, String unit) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT).replace(",", "");
    if (!unit.isEmpty() && t.endsWith(unit)) {
      t = t.substring(0, t.length() - unit.length()).trim();
    }
    if (t.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
