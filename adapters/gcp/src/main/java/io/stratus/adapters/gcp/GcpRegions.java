package io.stratus.adapters.gcp;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Region metadata (country, jurisdictions, location) for Compute Engine region codes, from the bundled
 * {@code gcp-regions.csv} plus the host's additions; the zones are those the API reports. Immutable, thread-safe.
 */
final class GcpRegions {
  private static final Map<String, Region> BUNDLED = load();

  private final Map<String, Region> byCode;

  GcpRegions(Map<String, Region> hostRegions) {
    Map<String, Region> m = new HashMap<>(BUNDLED);
    m.putAll(hostRegions);
    this.byCode = Map.copyOf(m);
  }

  /** The region of a code with the given zones, or empty when the code is unknown. */
  Optional<Region> region(String code, Collection<String> zones) {
    Region r = byCode.get(code);
    if (r == null) {
      return Optional.empty();
    }
    List<String> z = List.copyOf(new TreeSet<>(zones));
    return Optional.of(
        new Region(r.provider(), r.code(), r.displayName(), r.country(), r.jurisdictions(), z.isEmpty() ? r.zones() : z,
            r.location(), r.certifications()));
  }

  /** {@code us-central1} of {@code us-central1-a}; the zone itself when it has no zone suffix. */
  static String regionOfZone(String zone) {
    int dash = zone.lastIndexOf('-');
    return dash > 0 && zone.length() - dash <= 2 ? zone.substring(0, dash) : zone;
  }

  /** The last path segment of a resource URL or name, e.g. {@code us-central1-a} of {@code .../zones/us-central1-a}. */
  static String lastSegment(String url) {
    int slash = url.lastIndexOf('/');
    return slash >= 0 ? url.substring(slash + 1) : url;
  }

  private static Map<String, Region> load() {
    Map<String, Region> m = new HashMap<>();
    try (InputStream in = Objects.requireNonNull(GcpRegions.class.getResourceAsStream("gcp-regions.csv"),
            "gcp-regions.csv missing from the jar");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 6) {
          throw new IllegalStateException("gcp-regions.csv line " + n + ": expected 6 fields, got " + f.length);
        }
        Set<Jurisdiction> j =
            f[3].isEmpty()
                ? Set.of()
                : Arrays.stream(f[3].split(";")).map(Jurisdiction::of).collect(Collectors.toSet());
        m.put(f[0], new Region(CloudProvider.GCP, f[0], f[1], f[2], j, List.of(),
            new GeoPoint(Double.parseDouble(f[4]), Double.parseDouble(f[5])), Set.of()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gcp-regions.csv", e);
    }
    return Map.copyOf(m);
  }
}
