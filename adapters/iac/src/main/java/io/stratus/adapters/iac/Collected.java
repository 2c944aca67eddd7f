package io.stratus.adapters.iac;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What a reader found in one file, before pricing. Not thread-safe; confined to one estimate. */
final class Collected {
  static final String NO_STORAGE_PRICES =
      "storage is not priced: the pricing provider sells instance-hours only and has no per-GB disk prices";

  /** One resource whose compute is to be priced. */
  record Item(String address, String type, String action, @Nullable Sizing before, @Nullable Sizing after) {}

  final List<Item> items = new ArrayList<>();
  final List<UnpricedResource> unpriced = new ArrayList<>();
  final Map<String, Integer> unsupported = new TreeMap<>();

  void unsupported(String type) {
    unsupported.merge(type, 1, Integer::sum);
  }

  void unpriced(String address, String type, String reason) {
    unpriced.add(new UnpricedResource(address, type, reason));
  }

  /** A disk or volume: listed as unpriced with what is known of it. */
  void disk(String address, String type, @Nullable String kind, @Nullable BigDecimal sizeGb, double count) {
    StringBuilder what = new StringBuilder();
    what.append(kind == null ? "disk type not set" : kind).append(", ");
    what.append(sizeGb == null ? "size from the image or default" : sizeGb.stripTrailingZeros().toPlainString()
        + " GB");
    if (count != 1) {
      what.append(", x").append(BigDecimal.valueOf(count).stripTrailingZeros().toPlainString());
    }
    unpriced(address, type, what + ": " + NO_STORAGE_PRICES);
  }
}
