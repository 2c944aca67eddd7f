package io.stratus.adapters.aws;

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
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** AWS region metadata by code: the bundled table plus the host's additions. Immutable and thread-safe. */
final class RegionTable {
  private static final String RESOURCE = "aws-regions.csv";
  private final Map<String, Region> byCode;

  private RegionTable(Map<String, Region> byCode) {
    this.byCode = Map.copyOf(byCode);
  }

  /** The bundled regions, replaced or extended by the host's. */
  static RegionTable bundledPlus(Collection<Region> extra) {
    Map<String, Region> map = new LinkedHashMap<>();
    for (Region r : bundled()) {
      map.put(r.code(), r);
    }
    for (Region r : extra) {
      if (!r.provider().equals(CloudProvider.AWS)) {
        throw new IllegalArgumentException("regions must be AWS regions (provider aws), got " + r.id());
      }
      map.put(r.code(), r);
    }
    return new RegionTable(map);
  }

  Optional<Region> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The region whose display name is the Price List {@code location} attribute. */
  Optional<Region> findByLocation(String location) {
    return byCode.values().stream().filter(r -> r.displayName().equals(location)).findFirst();
  }

  Set<String> codes() {
    return byCode.keySet();
  }

  private static List<Region> bundled() {
    InputStream in = RegionTable.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("the bundled resource " + RESOURCE + " is missing from the stratus-aws jar");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = r.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).collect(Collectors.toList());
      return lines.subList(1, lines.size()).stream().map(RegionTable::parse).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled resource " + RESOURCE, e);
    }
  }

  private static Region parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 9) {
      throw new IllegalStateException(RESOURCE + ": expected 9 fields, got " + f.length + " in '" + line + "'");
    }
    return new Region(CloudProvider.AWS, f[1], f[2], f[3],
        split(f[4]).stream().map(Jurisdiction::of).collect(Collectors.toSet()), split(f[7]),
        new GeoPoint(Double.parseDouble(f[5]), Double.parseDouble(f[6])), Set.copyOf(split(f[8])));
  }

  private static List<String> split(String field) {
    return field.isEmpty() ? List.of() : Arrays.stream(field.split(";")).map(String::trim)
        .filter(Objects::nonNull).collect(Collectors.toList());
  }
}
