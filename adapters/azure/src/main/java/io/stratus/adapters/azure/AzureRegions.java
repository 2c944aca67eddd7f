package io.stratus.adapters.azure;

import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Region;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The bundled Azure region table ({@code azure-regions.csv}). Immutable and thread-safe. */
final class AzureRegions {
  private static final Map<String, Region> BY_CODE = load();

  private AzureRegions() {}

  static List<Region> all() {
    return List.copyOf(BY_CODE.values());
  }

  static Optional<Region> byCode(String code) {
    return Optional.ofNullable(BY_CODE.get(Objects.requireNonNull(code, "code").trim().toLowerCase(java.util.Locale.ROOT)));
  }

  static Set<String> codes() {
    return BY_CODE.keySet();
  }

  private static Map<String, Region> load() {
    Map<String, Region> out = new LinkedHashMap<>();
    try (InputStream in = Objects.requireNonNull(AzureRegions.class.getResourceAsStream("azure-regions.csv"),
        "azure-regions.csv missing from the stratus-azure jar");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 8) {
          throw new IllegalStateException("azure-regions.csv line " + n + ": expected 8 fields, got " + f.length);
        }
        Region region = new Region(CloudProvider.AZURE, f[0], f[1], f[2], list(f[3]).stream().map(Jurisdiction::new)
            .collect(Collectors.toSet()), list(f[6]), new GeoPoint(Double.parseDouble(f[4]), Double.parseDouble(f[5])),
            Set.copyOf(list(f[7])));
        out.put(region.code(), region);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read azure-regions.csv", e);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static List<String> list(String field) {
    return field.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(field.split(";")));
  }
}
