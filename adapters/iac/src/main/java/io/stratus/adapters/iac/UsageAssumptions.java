package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.model.CloudProvider;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How the priced resources are used, which a plan or template does not say: hours each instance runs per month
 * (default {@value #DEFAULT_HOURS_PER_MONTH}, the average month), the average number of instances of an autoscaling
 * group or scale set, and the region to assume per cloud when a file does not name one. Read from a usage file:
 *
 * <pre>{@code
 * version: 1
 * hoursPerMonth: 730          # every instance, unless a resource says otherwise
 * regions:                    # when the file names no region
 *   aws: eu-west-1
 * resources:
 *   module.web.aws_autoscaling_group.app:   # an address, with or without [index]; or a logical id / ARM name
 *     averageInstances: 3.5
 *   aws_instance.batch:
 *     hoursPerMonth: 200
 * }</pre>
 *
 * <p>JSON with the same shape works too. Unknown keys and values out of range are rejected with an {@link
 * IacException} naming the file, the path and the rule. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class UsageAssumptions {
  /** Hours in the average month (8,760 / 12), the default. */
  public static final double DEFAULT_HOURS_PER_MONTH = 730;

  private static final UsageAssumptions DEFAULTS = new UsageAssumptions(DEFAULT_HOURS_PER_MONTH, Map.of(), Map.of());
  private static final Set<String> TOP_KEYS = Set.of("version", "hoursPerMonth", "regions", "resources");
  private static final Set<String> RESOURCE_KEYS = Set.of("hoursPerMonth", "averageInstances");

  private final double hoursPerMonth;
  private final Map<String, String> regions;
  private final Map<String, Usage> resources;

  private record Usage(@Nullable Double hoursPerMonth, @Nullable Double averageInstances) {}

  private UsageAssumptions(double hoursPerMonth, Map<String, String> regions, Map<String, Usage> resources) {
    this.hoursPerMonth = hoursPerMonth;
    this.regions = Map.copyOf(regions);
    this.resources = Map.copyOf(resources);
  }

  /**
   * No usage file: {@value #DEFAULT_HOURS_PER_MONTH} hours per month, autoscaling groups at their desired capacity.
   *
   * @return the defaults; never null
   */
  public static UsageAssumptions defaults() {
    return DEFAULTS;
  }

  /**
   * Reads a usage file (YAML or JSON).
   *
   * @param file the file; never null
   * @return the assumptions; never null
   * @throws IacException if the file cannot be read or breaks a rule
   */
  public static UsageAssumptions read(Path file) {
    return parse(Trees.readText(file), file.toString());
  }

  /**
   * Parses usage assumptions from text (YAML or JSON).
   *
   * @param text the content; never null
   * @param fileName the name to report in errors; never null
   * @return the assumptions; never null
   * @throws IacException if the text is not valid or breaks a rule
   */
  public static UsageAssumptions parse(String text, String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    JsonNode root = Trees.parse(Objects.requireNonNull(text, "text"), fileName);
    if (!root.isObject()) {
      throw new IacException(fileName, "(document)", "must be a mapping with keys " + TOP_KEYS);
    }
    checkKeys(root, TOP_KEYS, "", fileName);
    JsonNode version = root.get("version");
    if (version != null && !(version.isNumber() && version.asInt() == 1 && version.decimalValue().scale() <= 0)) {
      throw new IacException(fileName, "version", "= " + version + ": only version 1 is known");
    }
    double hours = root.has("hoursPerMonth")
        ? number(root.get("hoursPerMonth"), "hoursPerMonth", 0, 744, fileName) : DEFAULT_HOURS_PER_MONTH;
    Map<String, String> regions = new LinkedHashMap<>();
    JsonNode regionNode = root.get("regions");
    if (regionNode != null) {
      if (!regionNode.isObject()) {
        throw new IacException(fileName, "regions", "must be a mapping of cloud (aws, gcp, azure) to region code");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = regionNode.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "regions." + e.getKey();
        try {
          CloudProvider.of(e.getKey());
        } catch (IllegalArgumentException ex) {
          throw new IacException(fileName, path, "is not a cloud id: " + ex.getMessage(), ex);
        }
        if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
          throw new IacException(fileName, path, "= " + e.getValue() + ": must be a region code such as us-east-1");
        }
        regions.put(e.getKey(), e.getValue().asText());
      }
    }
    Map<String, Usage> resources = new LinkedHashMap<>();
    JsonNode resourceNode = root.get("resources");
    if (resourceNode != null) {
      if (!resourceNode.isObject()) {
        throw new IacException(fileName, "resources", "must be a mapping of resource address to usage");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = resourceNode.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "resources." + e.getKey();
        JsonNode usage = e.getValue();
        if (!usage.isObject()) {
          throw new IacException(fileName, path, "must be a mapping with keys " + RESOURCE_KEYS);
        }
        checkKeys(usage, RESOURCE_KEYS, path + ".", fileName);
        Double h = usage.has("hoursPerMonth")
            ? number(usage.get("hoursPerMonth"), path + ".hoursPerMonth", 0, 744, fileName) : null;
        Double n = usage.has("averageInstances")
            ? number(usage.get("averageInstances"), path + ".averageInstances", 0, 1_000_000, fileName) : null;
        resources.put(e.getKey(), new Usage(h, n));
      }
    }
    return new UsageAssumptions(hours, regions, resources);
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String prefix, String file) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IacException(file, prefix + key, "unknown key; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static double number(JsonNode node, String path, double min, double max, String file) {
    if (!node.isNumber()) {
      throw new IacException(file, path, "= " + node + ": must be a number in [" + min + ", " + max + "]");
    }
    double v = node.asDouble();
    if (!(v >= min && v <= max)) {
      throw new IacException(file, path, "= " + node + ": must be in [" + min + ", " + max + "]");
    }
    return v;
  }

  /**
   * Hours per month for a resource: its own setting, else the file's, else {@value #DEFAULT_HOURS_PER_MONTH}.
   *
   * @param address the resource's address; never null
   * @return hours in [0, 744]
   */
  public double hoursPerMonth(String address) {
    Usage usage = lookup(address);
    return usage != null && usage.hoursPerMonth() != null ? usage.hoursPerMonth() : hoursPerMonth;
  }

  /**
   * The average number of instances of an autoscaling group or scale set, when the usage file gives it.
   *
   * @param address the resource's address; never null
   * @return the average, or empty
   */
  public OptionalDouble averageInstances(String address) {
    Usage usage = lookup(address);
    return usage != null && usage.averageInstances() != null
        ? OptionalDouble.of(usage.averageInstances()) : OptionalDouble.empty();
  }

  /**
   * The region to assume for a cloud when the file names none.
   *
   * @param cloud the cloud; never null
   * @return the region code, or empty
   */
  public Optional<String> region(CloudProvider cloud) {
    return Optional.ofNullable(regions.get(cloud.id()));
  }

  private @Nullable Usage lookup(String address) {
    Usage exact = resources.get(address);
    if (exact != null) {
      return exact;
    }
    return resources.get(address.replaceAll("\\[[^\\]]*\\]", ""));
  }
}
