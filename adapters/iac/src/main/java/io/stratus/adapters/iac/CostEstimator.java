package io.stratus.adapters.iac;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.model.Money;
import io.stratus.spi.PricingProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Estimates the monthly cost of a Terraform plan, CloudFormation template or ARM template from a {@link
 * PricingProvider}'s on-demand prices: compute (instances, autoscaling groups with their launch templates, managed
 * instance groups, scale sets) is priced per instance-hour; disks and volumes are listed as unpriced with the reason
 * (the SPI has no storage prices). Anything it cannot price is listed, never counted as zero.
 *
 * <pre>{@code
 * CostEstimator estimator = CostEstimator.builder()
 *     .pricing(ProviderRegistry.load(PricingProvider.class).single())
 *     .usage(UsageAssumptions.read(Path.of("usage.yml")))
 *     .build();
 * Estimate estimate = estimator.estimate(Path.of("plan.json"));
 * }</pre>
 *
 * <p>Thread-safe once built: offers are read once per cloud and shared by every estimate.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostEstimator {
  private final Pricer pricer;
  private final UsageAssumptions usage;
  private final Map<String, JsonNode> parameters;

  private CostEstimator(Builder b) {
    this.pricer = new Pricer(Objects.requireNonNull(b.pricing, "pricing"));
    this.usage = b.usage;
    this.parameters = Map.copyOf(b.parameters);
  }

  /**
   * A builder; {@link Builder#pricing} is required.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Estimates a file, telling its format from its content.
   *
   * @param file a plan or template; never null
   * @return the estimate; never null
   * @throws IacException if the file cannot be read, is of no known format or breaks a rule of its format
   * @throws io.stratus.ProviderException if the prices cannot be read
   */
  public Estimate estimate(Path file) {
    return estimate(Trees.readText(Objects.requireNonNull(file, "file")), file.toString());
  }

  /**
   * Estimates content, telling its format from the content.
   *
   * @param content JSON or YAML text; never null
   * @param source the name to report (file name); never null
   * @return the estimate; never null
   * @throws IacException if the content is of no known format or breaks a rule of its format
   * @throws io.stratus.ProviderException if the prices cannot be read
   */
  public Estimate estimate(String content, String source) {
    Objects.requireNonNull(source, "source");
    JsonNode root = Trees.parse(Objects.requireNonNull(content, "content"), source);
    IacFormat format = detect(root, source);
    Collected collected = switch (format) {
      case TERRAFORM_PLAN -> new TerraformPlanReader(source, root).read();
      case CLOUDFORMATION -> new CloudFormationReader(source, root, parameters, usage).read();
      case ARM -> new ArmTemplateReader(source, root, parameters, usage).read();
    };
    return price(source, format, collected);
  }

  /**
   * Tells the format of a parsed file.
   *
   * @param root the parsed file
   * @param source its name, for the error
   * @return the format
   * @throws IacException if it is none of the known formats
   */
  static IacFormat detect(JsonNode root, String source) {
    if (root.isObject()) {
      if (root.has("format_version") && (root.has("resource_changes") || root.has("planned_values")
          || root.has("configuration"))) {
        return IacFormat.TERRAFORM_PLAN;
      }
      String schema = Trees.text(root, "$schema");
      if ((schema != null && schema.contains("deploymentTemplate"))
          || (root.has("contentVersion") && root.path("resources").isArray())) {
        return IacFormat.ARM;
      }
      if (root.has("AWSTemplateFormatVersion") || root.path("Resources").isObject()) {
        return IacFormat.CLOUDFORMATION;
      }
    }
    throw new IacException(source, "(document)", "is not a Terraform plan (format_version and resource_changes),"
        + " a CloudFormation template (Resources) or an ARM template ($schema deploymentTemplate)");
  }

  private Estimate price(String source, IacFormat format, Collected collected) {
    List<ResourceEstimate> resources = new ArrayList<>();
    List<UnpricedResource> unpriced = new ArrayList<>();
    for (Collected.Item item : collected.items) {
      Pricer.Result before = item.before() == null ? null : pricer.price(item.address(), item.before(), usage);
      Pricer.Result after = item.after() == null ? null : pricer.price(item.address(), item.after(), usage);
      String reason = before != null && before.reason() != null ? "before: " + before.reason() : null;
      if (after != null && after.reason() != null) {
        reason = item.before() == null ? after.reason() : "after: " + after.reason();
      }
      if (reason != null) {
        unpriced.add(new UnpricedResource(item.address(), item.type(), reason));
        continue;
      }
      List<String> notes = new ArrayList<>(after != null ? after.notes() : Objects.requireNonNull(before).notes());
      resources.add(new ResourceEstimate(item.address(), item.type(), item.action(),
          before == null ? null : before.cost(), after == null ? null : after.cost(), notes));
    }
    unpriced.addAll(collected.unpriced);
    return new Estimate(source, format, Money.USD, resources, unpriced, collected.unsupported);
  }

  /**
   * Builds a {@link CostEstimator}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private @Nullable PricingProvider pricing;
    private UsageAssumptions usage = UsageAssumptions.defaults();
    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Where prices come from, e.g. the bundled catalog found through {@code ProviderRegistry}.
     *
     * @param value the provider; never null
     * @return this builder
     */
    public Builder pricing(PricingProvider value) {
      this.pricing = Objects.requireNonNull(value, "pricing");
      return this;
    }

    /**
     * Usage assumptions; {@link UsageAssumptions#defaults()} when not set.
     *
     * @param value the assumptions; never null
     * @return this builder
     */
    public Builder usage(UsageAssumptions value) {
      this.usage = Objects.requireNonNull(value, "usage");
      return this;
    }

    /**
     * Overrides a template parameter (CloudFormation or ARM), as {@code --parameter-overrides} would.
     *
     * @param name the parameter name; never null
     * @param value its value; never null
     * @return this builder
     */
    public Builder parameter(String name, String value) {
      parameters.put(Objects.requireNonNull(name, "name"),
          Trees.JSON.getNodeFactory().textNode(Objects.requireNonNull(value, "value")));
      return this;
    }

    /**
     * Reads template parameters from a file: an ARM parameter file ({@code {"parameters": {"x": {"value": ...}}}}),
     * a CloudFormation parameter list ({@code [{"ParameterKey": "x", "ParameterValue": "..."}]}) or a plain
     * mapping of name to value (JSON or YAML).
     *
     * @param file the file; never null
     * @return this builder
     * @throws IacException if the file cannot be read or has none of these shapes
     */
    public Builder parameterFile(Path file) {
      String name = file.toString();
      JsonNode root = Trees.parse(Trees.readText(file), name);
      if (root.isArray()) {
        for (int i = 0; i < root.size(); i++) {
          JsonNode p = root.get(i);
          String key = Trees.text(p, "ParameterKey");
          if (key == null || !p.has("ParameterValue")) {
            throw new IacException(name, "[" + i + "]", "must have ParameterKey and ParameterValue");
          }
          parameters.put(key, p.get("ParameterValue"));
        }
        return this;
      }
      if (!root.isObject()) {
        throw new IacException(name, "(document)", "must be a parameter file (object or ParameterKey list)");
      }
      JsonNode arm = root.get("parameters");
      if (arm != null && arm.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = arm.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().has("value")) {
            parameters.put(e.getKey(), e.getValue().get("value"));
          } else if (!e.getValue().has("reference")) {
            throw new IacException(name, "parameters." + e.getKey(), "must have value or reference");
          }
        }
        return this;
      }
      root.properties().forEach(e -> parameters.put(e.getKey(), e.getValue()));
      return this;
    }

    /**
     * Builds the estimator.
     *
     * @return a new estimator; never null
     * @throws IllegalStateException if no pricing provider was set
     */
    public CostEstimator build() {
      if (pricing == null) {
        throw new IllegalStateException("CostEstimator.Builder: pricing(PricingProvider) is required");
      }
      return new CostEstimator(this);
    }
  }
}
