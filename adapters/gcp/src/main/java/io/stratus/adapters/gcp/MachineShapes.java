package io.stratus.adapters.gcp;

import com.google.cloud.compute.v1.AggregatedListMachineTypesRequest;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.MachineTypeAggregatedList;
import com.google.cloud.compute.v1.MachineTypesScopedList;
import io.stratus.ProviderException;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.monitoring.provider.PageTokens;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine types of every zone, from Compute Engine {@code machineTypes.aggregatedList} (paged, each page under
 * the COMPUTE guard). A listing that reports unreachable zones fails: the shapes would be incomplete. Immutable.
 */
final class MachineShapes {
  private static final Pattern CUSTOM = Pattern.compile("^(?:(?<fam>[a-z0-9]+)-)?custom-(?<cpus>\\d+)-(?<mem>\\d+)(?:-ext)?$");

  /** A machine type in one zone. */
  record Shape(InstanceType type, boolean sharedCpu, String zone) {}

  /** Region code to machine type name to shape (first zone seen), and region code to zones. */
  final Map<String, Map<String, Shape>> byRegion;
  final Map<String, Set<String>> zonesByRegion;
  private final Map<String, Shape> byZoneAndName;

  private MachineShapes(Map<String, Map<String, Shape>> byRegion, Map<String, Set<String>> zonesByRegion,
      Map<String, Shape> byZoneAndName) {
    this.byRegion = byRegion;
    this.zonesByRegion = zonesByRegion;
    this.byZoneAndName = byZoneAndName;
  }

  static MachineShapes fetch(GcpAdapter adapter) {
    Guard guard = adapter.guard(Api.COMPUTE);
    Map<String, Map<String, Shape>> byRegion = new TreeMap<>();
    Map<String, Set<String>> zones = new TreeMap<>();
    Map<String, Shape> byZone = new HashMap<>();
    String token = "";
    PageTokens tokens = PageTokens.of(GcpAdapter.ID, "compute.googleapis.com machineTypes.aggregatedList");
    int page = 0;
    do {
      page++;
      AggregatedListMachineTypesRequest.Builder rb =
          AggregatedListMachineTypesRequest.newBuilder().setProject(adapter.projectId()).setMaxResults(500);
      if (!token.isEmpty()) {
        rb.setPageToken(token);
      }
      AggregatedListMachineTypesRequest request = rb.build();
      int p = page;
      MachineTypeAggregatedList list =
          guard.call("machineTypes.aggregatedList", "page " + p,
              () -> adapter.machineTypes().aggregatedListCallable().call(request));
      if (list.getUnreachablesCount() > 0) {
        throw GcpAdapter.error("compute.googleapis.com machineTypes.aggregatedList page " + p
            + ": unreachable " + list.getUnreachablesList() + "; the machine types would be incomplete", null);
      }
      for (Map.Entry<String, MachineTypesScopedList> e : list.getItemsMap().entrySet()) {
        for (MachineType mt : e.getValue().getMachineTypesList()) {
          String zone = GcpRegions.lastSegment(mt.getZone().isEmpty() ? e.getKey() : mt.getZone());
          Shape shape = new Shape(type(mt), mt.getIsSharedCpu(), zone);
          String region = GcpRegions.regionOfZone(zone);
          byRegion.computeIfAbsent(region, k -> new TreeMap<>()).putIfAbsent(mt.getName(), shape);
          zones.computeIfAbsent(region, k -> new TreeSet<>()).add(zone);
          byZone.put(zone + "/" + mt.getName(), shape);
        }
      }
      token = list.getNextPageToken();
    } while (tokens.more(token));
    return new MachineShapes(byRegion, zones, byZone);
  }

  /** The type of a machine type in a zone; custom types ({@code n2-custom-4-16384}) are read from their name. */
  Optional<InstanceType> type(String zone, String name) {
    Shape s = byZoneAndName.get(zone + "/" + name);
    if (s != null) {
      return Optional.of(s.type());
    }
    Matcher m = CUSTOM.matcher(name);
    if (m.matches()) {
      String fam = m.group("fam") == null ? "n1" : m.group("fam");
      double memGib = Integer.parseInt(m.group("mem")) / 1024.0;
      return Optional.of(new InstanceType(CloudProvider.GCP, name, fam, Integer.parseInt(m.group("cpus")), memGib, 0,
          "", fam.equals("t2a") || fam.startsWith("c4a") ? Architecture.ARM64 : Architecture.X86_64, 0));
    }
    return Optional.empty();
  }

  static String family(String name) {
    int dash = name.indexOf('-');
    return dash > 0 ? name.substring(0, dash) : name;
  }

  private static InstanceType type(MachineType mt) {
    String name = mt.getName();
    int gpus = 0;
    String gpuModel = "";
    for (var a : mt.getAcceleratorsList()) {
      gpus += a.getGuestAcceleratorCount();
      gpuModel = a.getGuestAcceleratorType();
    }
    String arch = mt.getArchitecture();
    if (mt.getGuestCpus() <= 0 || mt.getMemoryMb() <= 0) {
      throw GcpAdapter.error("compute.googleapis.com machine type " + name + " in "
          + mt.getZone() + ": guestCpus = " + mt.getGuestCpus() + ", memoryMb = " + mt.getMemoryMb()
          + " (both must be > 0)", null);
    }
    double memGib = BigDecimal.valueOf(mt.getMemoryMb()).divide(BigDecimal.valueOf(1024)).doubleValue();
    return new InstanceType(CloudProvider.GCP, name, family(name), mt.getGuestCpus(), memGib, gpus, gpuModel,
        "ARM64".equals(arch) ? Architecture.ARM64 : Architecture.X86_64, 0);
  }

  List<String> regions() {
    return List.copyOf(byRegion.keySet());
  }
}
