package io.stratus.adapters.gcp;

import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceAggregatedList;
import com.google.cloud.compute.v1.InstancesScopedList;
import io.stratus.ProviderException;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.PriceUnavailableException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The project's running Compute Engine instances, from {@code instances.aggregatedList} (every zone, paged, each page
 * under the retry / breaker / rate-limit policy). Each instance becomes a {@link VirtualMachine}: id = the instance's
 * numeric id; machine type, zone and region (zone without its suffix) from its URLs; Spot when
 * {@code scheduling.provisioningModel} is SPOT or {@code scheduling.preemptible}; launched at
 * {@code lastStartTimestamp} (else {@code creationTimestamp}); labels = the instance's labels plus {@code gcp:name}
 * and {@code gcp:status} (label keys of GCP cannot contain ':', so these never clash). Only instances with status
 * RUNNING are returned (STAGING, STOPPING, SUSPENDED, TERMINATED are not running). The hourly price is the matching
 * offer of {@link GcpAdapter#pricingProvider()} for the instance's purchase option. When there is none (custom or
 * GPU types, unpriced families) the SPI's rule for unknown prices applies (see {@link InventoryProvider}): the call
 * throws a {@link PriceUnavailableException} naming each unpriced instance with the reason and carrying the priced
 * rest; no price is made up. Allocations are unknown to GCP (zero).
 *
 * <p>A listing that reports unreachable zones, or fails part-way after its retries, raises a
 * {@link ProviderException}: an incomplete fleet is never returned as the fleet.
 *
 * <p>Thread-safe; every call reads afresh. The no-argument constructor is for {@link java.util.ServiceLoader} (see
 * {@link GcpAdapter#fromSettings}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpInventoryProvider implements InventoryProvider {
  private final Supplier<GcpAdapter> adapter;

  /** A provider configured from the environment on first use (for {@link java.util.ServiceLoader}). */
  public GcpInventoryProvider() {
    this.adapter = Environment.ADAPTER;
  }

  GcpInventoryProvider(GcpAdapter adapter) {
    this.adapter = () -> adapter;
  }

  @Override
  public String id() {
    return GcpAdapter.ID;
  }

  @Override
  public String description() {
    return "Google Cloud Compute Engine instances";
  }

  @Override
  public List<VirtualMachine> runningVms() {
    GcpAdapter a = adapter.get();
    GcpPricingProvider pricing = a.pricingProvider();
    Guard guard = a.guard(Api.COMPUTE);
    GcpRegions regions = new GcpRegions(a.config.regions);
    List<VirtualMachine> out = new ArrayList<>();
    Map<String, String> unpriced = new TreeMap<>();
    MachineShapes shapes = null;
    String token = "";
    PageTokens tokens = PageTokens.of(GcpAdapter.ID, "compute.googleapis.com instances.aggregatedList");
    int page = 0;
    do {
      page++;
      AggregatedListInstancesRequest.Builder rb =
          AggregatedListInstancesRequest.newBuilder()
              .setProject(a.projectId())
              .setFilter("status = RUNNING")
              .setMaxResults(500);
      if (!token.isEmpty()) {
        rb.setPageToken(token);
      }
      AggregatedListInstancesRequest request = rb.build();
      int p = page;
      InstanceAggregatedList list =
          guard.call("instances.aggregatedList", "page " + p, () -> a.instances().aggregatedListCallable().call(request));
      if (list.getUnreachablesCount() > 0) {
        throw GcpAdapter.error("compute.googleapis.com instances.aggregatedList page " + p
            + ": unreachable " + list.getUnreachablesList() + "; the inventory would be incomplete", null);
      }
      for (Map.Entry<String, InstancesScopedList> e : list.getItemsMap().entrySet()) {
        for (Instance i : e.getValue().getInstancesList()) {
          if (!"RUNNING".equals(i.getStatus())) {
            continue;
          }
          if (shapes == null) {
            shapes = pricing.shapes();
          }
          vm(i, shapes, pricing, regions, unpriced).ifPresent(out::add);
        }
      }
      token = list.getNextPageToken();
    } while (tokens.more(token));
    out.sort(Comparator.comparing(VirtualMachine::id));
    if (!unpriced.isEmpty()) {
      throw new PriceUnavailableException(GcpAdapter.ID, out, unpriced);
    }
    return List.copyOf(out);
  }

  /** The machine, or empty with its id and the reason in {@code unpriced} when it has no price. */
  private static Optional<VirtualMachine> vm(Instance i, MachineShapes shapes, GcpPricingProvider pricing,
      GcpRegions regions, Map<String, String> unpriced) {
    String where = "instance " + i.getName() + " (" + i.getId() + ")";
    if (i.getZone().isEmpty() || i.getMachineType().isEmpty()) {
      throw malformed(where, "zone/machineType", i.getZone() + "/" + i.getMachineType(), "both are required");
    }
    String zone = GcpRegions.lastSegment(i.getZone());
    String typeName = GcpRegions.lastSegment(i.getMachineType());
    String regionCode = GcpRegions.regionOfZone(zone);
    InstanceType type =
        shapes.type(zone, typeName)
            .orElseThrow(() -> malformed(where, "machineType", i.getMachineType(),
                "must be a machine type that machineTypes.aggregatedList lists for zone " + zone));
    Region region =
        regions.region(regionCode, shapes.zonesByRegion.getOrDefault(regionCode, java.util.Set.of(zone)))
            .orElseThrow(() -> malformed(where, "zone", i.getZone(),
                "region " + regionCode + " is unknown: add it with GcpAdapter.Builder.region"));
    boolean spot =
        i.hasScheduling()
            && ("SPOT".equals(i.getScheduling().getProvisioningModel()) || i.getScheduling().getPreemptible());
    PurchaseOption option = spot ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND;
    Map<String, String> labels = new TreeMap<>(i.getLabelsMap());
    labels.put("gcp:name", i.getName());
    labels.put("gcp:status", i.getStatus());
    String id = i.hasId() ? Long.toUnsignedString(i.getId()) : i.getName();
    Optional<Offer> offer = pricing.offer(regionCode, typeName, option);
    if (offer.isEmpty()) {
      unpriced.put(id, "no " + option + " price for " + typeName + " in " + region.id()
          + " (the Cloud Billing Catalog has no SKU rate for this machine family, custom or GPU shape)");
      return Optional.empty();
    }
    String started = i.getLastStartTimestamp().isEmpty() ? i.getCreationTimestamp() : i.getLastStartTimestamp();
    Instant launched;
    try {
      launched = OffsetDateTime.parse(started).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(where, "lastStartTimestamp/creationTimestamp", started, "must be an RFC 3339 timestamp");
    }
    return Optional.of(VirtualMachine.builder(id)
        .instanceType(type)
        .region(region)
        .zone(zone)
        .purchaseOption(option)
        .hourlyPrice(offer.get().hourlyPrice())
        .launchedAt(launched)
        .labels(labels)
        .build());
  }

  private static ProviderException malformed(String where, String field, String value, String rule) {
    return GcpAdapter.error("compute.googleapis.com " + where + ": " + field + " = '" + value + "' (" + rule + ")", null);
  }
}
