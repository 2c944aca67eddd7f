package io.stratus.adapters.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.ProviderException;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PriceUnavailableException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription's running virtual machines, read from Azure Resource Manager ({@code Microsoft.Compute/
 * virtualMachines} with {@code statusOnly=true}, every page through {@code nextLink}): size, location, zone, power
 * state, priority and tags. Only machines whose power state is {@code PowerState/running} are returned; the others
 * are counted in the log.
 *
 * <p>Each machine's labels are its tags plus {@code azure.powerState}, {@code azure.resourceGroup} and {@code
 * azure.priority}. Its instance type comes from the Resource SKUs API (vCPUs, memory, GPUs, architecture); its price
 * is the {@link AzurePricingProvider}'s Linux pay-as-you-go or spot price for its size and region. A machine without
 * that price (a size the Retail Prices API does not price, or a region outside {@code AzureConfig.regions}) follows
 * the SPI's rule for unknown prices (see {@link InventoryProvider}): the read throws a
 * {@link PriceUnavailableException} naming each such machine with the reason and carrying the priced rest; no price
 * is made up. An unknown size or region fails the read with a {@link ProviderException} naming the machine (a fleet
 * is never returned with machines missing). {@code launchedAt} is the machine's {@code timeCreated}.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) uses the default
 * {@link AzureConfig} (no subscription); hosts with a subscription register {@code create(config)} by hand; reading needs a subscription.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzureInventoryProvider implements InventoryProvider {
  private static final Logger LOG = LoggerFactory.getLogger(AzureInventoryProvider.class);
  static final String API_VERSION = "2024-07-01";

  private final Lazy<State> state;

  private static final class State {
    final AzureConfig config;
    final AzureCalls calls;
    final AzurePricingProvider pricing;
    final Lazy<Map<String, InstanceType>> specs;

    State(AzureConfig config) {
      this.config = config;
      this.calls = new AzureCalls("azure", config);
      this.pricing = AzurePricingProvider.create(config);
      this.specs = new Lazy<>(() -> VmSpecs.fromResourceSkus(calls, config, config.requireSubscription("inventory")));
    }
  }

  /**
   * A provider with the default configuration (built on first use), for {@link java.util.ServiceLoader}: every
   * region of the bundled table, no subscription, {@code DefaultAzureCredential}.
   */
  public AzureInventoryProvider() {
    this.state = new Lazy<>(() -> new State(AzureConfig.builder().build()));
  }

  private AzureInventoryProvider(AzureConfig config) {
    State s = new State(config);
    this.state = new Lazy<>(() -> s);
  }

  /**
   * A provider with this configuration.
   *
   * @param config the configuration, with a subscription; never null
   * @return a new provider; never null
   */
  public static AzureInventoryProvider create(AzureConfig config) {
    return new AzureInventoryProvider(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String description() {
    return "Azure virtual machines (Resource Manager)";
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.stratus.InvalidConfigurationException if no subscription is configured
   * @throws PriceUnavailableException if a running machine has no price for its size, region and priority
   */
  @Override
  public List<VirtualMachine> runningVms() {
    State s = state.get();
    String subscription = s.config.requireSubscription("inventory");
    List<JsonNode> raw = listVms(s.calls, s.config, subscription);
    List<VirtualMachine> out = new ArrayList<>();
    Map<String, Integer> notRunning = new TreeMap<>();
    Map<String, String> unpriced = new TreeMap<>();
    for (JsonNode vm : raw) {
      String power = powerState(vm);
      if (!"running".equals(power)) {
        notRunning.merge(power, 1, Integer::sum);
        continue;
      }
      toVm(s, vm, power, unpriced).ifPresent(out::add);
    }
    if (!notRunning.isEmpty()) {
      LOG.info("azure inventory: {} running machine(s); not running (left out) by power state: {}",
          out.size() + unpriced.size(), notRunning);
    }
    if (!unpriced.isEmpty()) {
      throw new PriceUnavailableException("azure", out, unpriced);
    }
    return List.copyOf(out);
  }

  static List<JsonNode> listVms(AzureCalls calls, AzureConfig config, String subscription) {
    List<JsonNode> out = new ArrayList<>();
    String url = config.managementEndpoint() + "/subscriptions/" + subscription
        + "/providers/Microsoft.Compute/virtualMachines?api-version=" + API_VERSION + "&statusOnly=true";
    PageTokens links = PageTokens.of("azure", "virtual machine listing");
    int page = 0;
    while (url != null) {
      page++;
      JsonNode body;
      try {
        body = calls.getManagement(AzureApi.COMPUTE, "list virtual machines", "page " + page, url);
      } catch (ProviderException e) {
        if (page == 1) {
          throw e;
        }
        throw new ProviderException("azure", "virtual machine listing incomplete: " + (page - 1) + " page(s) ("
            + out.size() + " machines) read before page " + page + " failed; nothing is returned", e);
      }
      JsonNode value = body.get("value");
      if (value == null || !value.isArray()) {
        throw AzureCalls.failure("azure", "virtual machines page " + page + " has no 'value' array: "
            + AzureCalls.excerpt(body.toString()));
      }
      value.forEach(out::add);
      url = calls.nextPage(body.get("nextLink"), links, config.managementEndpoint(), AzureApi.COMPUTE);
    }
    return out;
  }

  private static String powerState(JsonNode vm) {
    for (JsonNode status : vm.path("properties").path("instanceView").path("statuses")) {
      String code = status.path("code").asText("");
      if (code.startsWith("PowerState/")) {
        return code.substring("PowerState/".length());
      }
    }
    return "unknown";
  }

  /** The machine, or empty with its id and the reason in {@code unpriced} when it has no price. */
  private static Optional<VirtualMachine> toVm(State s, JsonNode vm, String power, Map<String, String> unpriced) {
    String id = vm.path("id").asText("");
    if (id.isEmpty()) {
      throw AzureCalls.failure("azure", "a virtual machine has no id: " + AzureCalls.excerpt(vm.toString()));
    }
    String size = vm.path("properties").path("hardwareProfile").path("vmSize").asText("");
    InstanceType type = s.specs.get().get(size);
    if (type == null) {
      throw AzureCalls.failure("azure", "virtual machine " + id + " has size '" + size
          + "', which the Resource SKUs API does not list");
    }
    String location = vm.path("location").asText("");
    Region region = s.config.regions().stream().filter(r -> r.code().equalsIgnoreCase(location)).findFirst()
        .or(() -> AzureRegions.byCode(location))
        .orElseThrow(() -> AzureCalls.failure("azure", "virtual machine " + id + " is in location '" + location
            + "', which is neither configured nor in the bundled region table; add it with"
            + " AzureConfig.builder().regions(...)"));
    String priority = vm.path("properties").path("priority").asText("Regular");
    PurchaseOption option = "Spot".equalsIgnoreCase(priority) ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND;
    Map<String, String> labels = new TreeMap<>();
    vm.path("tags").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText("")));
    labels.put("azure.powerState", power);
    labels.put("azure.priority", priority);
    labels.put("azure.resourceGroup", resourceGroup(id));
    if (!s.config.regions().contains(region)) {
      unpriced.put(id, "region " + region.id() + " is not priced: add it with AzureConfig.builder().regions(...)");
      return Optional.empty();
    }
    Optional<Offer> offer = s.pricing.offers(OfferQuery.all().withRegionIds(List.of(region.id()))
        .withInstanceTypeIds(List.of(type.id())).withPurchaseOptions(List.of(option))).stream().findFirst();
    if (offer.isEmpty()) {
      unpriced.put(id, "no " + option + " price for " + size + " in " + region.id()
          + " (the Retail Prices API lists no Linux consumption price for it)");
      return Optional.empty();
    }
    String created = vm.path("properties").path("timeCreated").asText("");
    Instant launched;
    try {
      launched = Instant.parse(created);
    } catch (DateTimeParseException e) {
      throw new ProviderException("azure", "virtual machine " + id + " has no valid properties.timeCreated: '"
          + created + "'", e);
    }
    JsonNode zones = vm.path("zones");
    return Optional.of(VirtualMachine.builder(id)
        .instanceType(type)
        .region(region)
        .zone(zones.isArray() && zones.size() > 0 ? zones.get(0).asText("") : "")
        .purchaseOption(option)
        .hourlyPrice(offer.get().hourlyPrice())
        .launchedAt(launched)
        .labels(labels)
        .build());
  }

  static String resourceGroup(String id) {
    String[] parts = id.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase("resourceGroups")) {
        return parts[i + 1];
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "AzureInventoryProvider{" + state.get().config + "}";
  }
}
