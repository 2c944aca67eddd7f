package io.stratus.adapters.azure;

import com.azure.core.credential.TokenCredential;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.InvalidConfigurationException;
import io.stratus.model.Region;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.spi.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Azure adapter needs: credentials, subscription, regions, endpoints, what to bill and measure, the
 * resilience policy, price cache TTLs, and the injected clock, sleeper and meter registry.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}, or read the environment once with {@link
 * #fromEnvironment(Function)}. {@link #toString()} never shows the credential.
 *
 * <p>Resilience (one policy for every remote call; azure-core's {@code RetryPolicy} is not installed in the pipeline
 * and Blob Storage's own retries are set to a single try, so the attempts counted here are the only ones): up to
 * {@link #maxAttempts()} attempts on 429, 408, 5xx, timeouts and I/O errors, waiting an exponential backoff with
 * jitter from {@link #initialBackoff()} up to {@link #maxBackoff()}, but never less than the server's {@code
 * Retry-After} ({@code retry-after-ms}, {@code x-ms-retry-after-ms}, or Cost Management's {@code
 * x-ms-ratelimit-microsoft.costmanagement-*-retry-after}); each attempt is bounded by {@link #attemptTimeout()} and
 * the whole call (attempts and waits) by {@link #callDeadline()}. A circuit breaker per {@link AzureApi} opens when
 * half of the last ten calls failed and stays open for {@link #circuitOpenDuration()} (a 429 never counts towards
 * it); a rate limiter per API holds calls to its documented quota ({@link #rateLimit(AzureApi)}), each attempt
 * waiting for a permit within the same {@link #callDeadline()}. Every wait (backoff, {@code Retry-After}, rate-limit
 * permit) goes through {@link #sleeper()}, and the rate limiters, breaker timers and deadlines read {@link #clock()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzureConfig {
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Azure's default metrics for virtual machines, each mapped by the monitoring vocabulary. */
  static final List<String> DEFAULT_METRICS =
      List.of("Percentage CPU", "Network In Total", "Network Out Total", "Disk Read Bytes", "Disk Write Bytes");

  /**
   * A rate limit: at most {@code permits} calls per {@code period}.
   *
   * @param permits calls allowed per period, {@code > 0}
   * @param period the period, positive
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record RateLimit(int permits, Duration period) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if permits is not positive or the period is not positive
     */
    public RateLimit {
      if (permits <= 0) {
        throw new IllegalArgumentException("rateLimit.permits must be > 0, got " + permits);
      }
      Objects.requireNonNull(period, "rateLimit.period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("rateLimit.period must be positive, got " + period);
      }
    }
  }

  /** Which cost a {@link AzureBillingSource} reads. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum CostType {
    /** Actual cost: purchases when billed. */
    ACTUAL_COST,
    /** Amortized cost: commitment purchases spread over the usage they cover. */
    AMORTIZED_COST
  }

  private final @Nullable TokenCredential credential;
  private final @Nullable String subscriptionId;
  private final List<Region> regions;
  private final Currency currency;
  private final URI retailPricesEndpoint;
  private final URI managementEndpoint;
  private final @Nullable String costScope;
  private final CostType costType;
  private final int billingMonths;
  private final @Nullable URI exportContainer;
  private final String exportPrefix;
  private final List<String> metricNames;
  private final List<String> metricResourceIds;
  private final Duration metricInterval;
  private final Duration consumptionPriceTtl;
  private final Duration reservationPriceTtl;
  private final double spotInterruptionRate;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration attemptTimeout;
  private final Duration callDeadline;
  private final Duration circuitOpenDuration;
  private final Map<AzureApi, RateLimit> rateLimits;
  private final @Nullable MeterRegistry meterRegistry;
  private final OpenTelemetry openTelemetry;
  private final InstantSource clock;
  private final Sleeper sleeper;

  private AzureConfig(Builder b) {
    this.credential = b.credential;
    this.subscriptionId = b.subscriptionId;
    this.regions = b.regions == null ? AzureRegions.all() : List.copyOf(b.regions);
    this.currency = b.currency;
    this.retailPricesEndpoint = b.retailPricesEndpoint;
    this.managementEndpoint = b.managementEndpoint;
    this.costScope = b.costScope;
    this.costType = b.costType;
    this.billingMonths = b.billingMonths;
    this.exportContainer = b.exportContainer;
    this.exportPrefix = b.exportPrefix;
    this.metricNames = List.copyOf(b.metricNames);
    this.metricResourceIds = List.copyOf(b.metricResourceIds);
    this.metricInterval = b.metricInterval;
    this.consumptionPriceTtl = b.consumptionPriceTtl;
    this.reservationPriceTtl = b.reservationPriceTtl;
    this.spotInterruptionRate = b.spotInterruptionRate;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.attemptTimeout = b.attemptTimeout;
    this.callDeadline = b.callDeadline;
    this.circuitOpenDuration = b.circuitOpenDuration;
    this.rateLimits = Map.copyOf(b.rateLimits);
    this.meterRegistry = b.meterRegistry;
    this.openTelemetry = b.openTelemetry;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this configuration.
   *
   * @return a new builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.credential = credential;
    b.subscriptionId = subscriptionId;
    b.regions = regions;
    b.currency = currency;
    b.retailPricesEndpoint = retailPricesEndpoint;
    b.managementEndpoint = managementEndpoint;
    b.costScope = costScope;
    b.costType = costType;
    b.billingMonths = billingMonths;
    b.exportContainer = exportContainer;
    b.exportPrefix = exportPrefix;
    b.metricNames = metricNames;
    b.metricResourceIds = metricResourceIds;
    b.metricInterval = metricInterval;
    b.consumptionPriceTtl = consumptionPriceTtl;
    b.reservationPriceTtl = reservationPriceTtl;
    b.spotInterruptionRate = spotInterruptionRate;
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.attemptTimeout = attemptTimeout;
    b.callDeadline = callDeadline;
    b.circuitOpenDuration = circuitOpenDuration;
    b.rateLimits.putAll(rateLimits);
    b.meterRegistry = meterRegistry;
    b.openTelemetry = openTelemetry;
    b.clock = clock;
    b.sleeper = sleeper;
    return b;
  }

  /**
   * The configuration environment variables describe; the host passes {@code System::getenv} (the SDK never reads the
   * environment itself). Reads
   * {@code AZURE_SUBSCRIPTION_ID}, {@code STRATUS_AZURE_REGIONS} (comma-separated region codes), {@code
   * STRATUS_AZURE_CURRENCY}, {@code STRATUS_AZURE_COST_SCOPE}, {@code STRATUS_AZURE_COST_TYPE} ({@code ActualCost} or
   * {@code AmortizedCost}), {@code STRATUS_AZURE_EXPORT_CONTAINER_URL} and {@code STRATUS_AZURE_EXPORT_PREFIX}; the
   * credential is {@code DefaultAzureCredential}, which reads {@code AZURE_CLIENT_ID} and the other variables of
   * azure-identity itself. Unset variables keep the defaults.
   *
   * @param environment the variables, e.g. {@code System::getenv} or a map's {@code get}; never null
   * @return the configuration; never null
   * @throws InvalidConfigurationException if a variable holds a malformed value, naming it
   */
  public static AzureConfig fromEnvironment(Function<String, @Nullable String> environment) {
    Objects.requireNonNull(environment, "environment");
    Builder b = builder();
    try {
      value(environment, "AZURE_SUBSCRIPTION_ID").ifPresent(b::subscriptionId);
      value(environment, "STRATUS_AZURE_REGIONS")
          .ifPresent(v -> b.regionCodes(Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
              .toList()));
      value(environment, "STRATUS_AZURE_CURRENCY").ifPresent(v -> b.currency(Currency.getInstance(v.trim())));
      value(environment, "STRATUS_AZURE_COST_SCOPE").ifPresent(b::costScope);
      value(environment, "STRATUS_AZURE_COST_TYPE").ifPresent(v -> b.costType(parseCostType(v.trim())));
      value(environment, "STRATUS_AZURE_EXPORT_CONTAINER_URL").ifPresent(v -> b.exportContainer(URI.create(v.trim())));
      value(environment, "STRATUS_AZURE_EXPORT_PREFIX").ifPresent(b::exportPrefix);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("Azure adapter environment: " + e.getMessage());
    }
    return b.build();
  }

  private static Optional<String> value(Function<String, @Nullable String> env, String name) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  private static CostType parseCostType(String v) {
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "actualcost":
      case "actual_cost":
        return CostType.ACTUAL_COST;
      case "amortizedcost":
      case "amortized_cost":
        return CostType.AMORTIZED_COST;
      default:
        throw new IllegalArgumentException(
            "STRATUS_AZURE_COST_TYPE must be ActualCost or AmortizedCost, got '" + v + "'");
    }
  }

  /**
   * The host's credential.
   *
   * @return the credential, empty when the adapter creates a {@code DefaultAzureCredential}
   */
  public Optional<TokenCredential> credential() {
    return Optional.ofNullable(credential);
  }

  /**
   * The subscription whose resources, costs and metrics are read.
   *
   * @return the subscription id, empty when not set (pricing needs none)
   */
  public Optional<String> subscriptionId() {
    return Optional.ofNullable(subscriptionId);
  }

  /**
   * The subscription id, for the APIs that need one.
   *
   * @param what the feature that needs it, for the message
   * @return the id; never null
   * @throws InvalidConfigurationException if none is configured
   */
  String requireSubscription(String what) {
    if (subscriptionId == null) {
      throw new InvalidConfigurationException(
          "the Azure " + what + " needs a subscription: create the provider with a configuration that has one, e.g."
              + " Azure*.create(AzureConfig.fromEnvironment(System::getenv)) with AZURE_SUBSCRIPTION_ID set, or"
              + " AzureConfig.builder().subscriptionId(...), and register it by hand (the instance ServiceLoader"
              + " creates has the default configuration, without a subscription)");
    }
    return subscriptionId;
  }

  /**
   * The regions priced and listed.
   *
   * @return an immutable list; never null
   */
  public List<Region> regions() {
    return regions;
  }

  /**
   * The currency prices are asked in.
   *
   * @return the currency; never null
   */
  public Currency currency() {
    return currency;
  }

  /**
   * The Retail Prices API endpoint.
   *
   * @return the URI; never null
   */
  public URI retailPricesEndpoint() {
    return retailPricesEndpoint;
  }

  /**
   * The Azure Resource Manager endpoint.
   *
   * @return the URI; never null
   */
  public URI managementEndpoint() {
    return managementEndpoint;
  }

  /**
   * The Cost Management scope, e.g. {@code /subscriptions/<id>} or {@code /providers/Microsoft.Billing/
   * billingAccounts/<id>}.
   *
   * @return the scope, empty for the subscription's
   */
  public Optional<String> costScope() {
    return Optional.ofNullable(costScope);
  }

  /**
   * Which cost is read.
   *
   * @return the cost type; never null
   */
  public CostType costType() {
    return costType;
  }

  /**
   * How many billing months the query API offers, the current one included.
   *
   * @return the count, {@code >= 1}
   */
  public int billingMonths() {
    return billingMonths;
  }

  /**
   * The Blob container that holds cost exports; when set, {@link AzureBillingSource} reads the exported files
   * instead of the query API.
   *
   * @return the container URL, empty when not set
   */
  public Optional<URI> exportContainer() {
    return Optional.ofNullable(exportContainer);
  }

  /**
   * The blob name prefix (the export's directory) under which export files lie.
   *
   * @return the prefix; never null, empty for the whole container
   */
  public String exportPrefix() {
    return exportPrefix;
  }

  /**
   * The Azure Monitor metric names read.
   *
   * @return an immutable list; never null or empty
   */
  public List<String> metricNames() {
    return metricNames;
  }

  /**
   * The resources whose metrics are read.
   *
   * @return an immutable list of ARM resource ids, empty for every virtual machine of the subscription
   */
  public List<String> metricResourceIds() {
    return metricResourceIds;
  }

  /**
   * The metric time grain.
   *
   * @return the interval; never null
   */
  public Duration metricInterval() {
    return metricInterval;
  }

  /**
   * How long prices of Azure's {@code Consumption} price type (pay-as-you-go, spot, savings plans) are cached.
   *
   * @return the TTL; never null
   */
  public Duration consumptionPriceTtl() {
    return consumptionPriceTtl;
  }

  /**
   * How long prices of Azure's {@code Reservation} price type are cached.
   *
   * @return the TTL; never null
   */
  public Duration reservationPriceTtl() {
    return reservationPriceTtl;
  }

  /**
   * The monthly interruption probability given to spot offers (the Retail Prices API publishes none).
   *
   * @return the rate in [0, 1]
   */
  public double spotInterruptionRate() {
    return spotInterruptionRate;
  }

  /**
   * Attempts per call, the first included.
   *
   * @return the count, {@code >= 1}
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The first backoff.
   *
   * @return the duration; never null
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The longest backoff (a longer {@code Retry-After} is still honoured, within the deadline).
   *
   * @return the duration; never null
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The timeout of one attempt (connect, response and read).
   *
   * @return the duration; never null
   */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /**
   * The time limit of one call, attempts and waits included.
   *
   * @return the duration; never null
   */
  public Duration callDeadline() {
    return callDeadline;
  }

  /**
   * How long an open circuit rejects calls before it lets a few through.
   *
   * @return the duration; never null
   */
  public Duration circuitOpenDuration() {
    return circuitOpenDuration;
  }

  /**
   * The rate limit of an API. Defaults follow the documented quotas: Resource Manager reads refill at 25 per second
   * per subscription ({@link AzureApi#COMPUTE}); Azure Monitor allows 12,000 metric calls per hour (200 per minute);
   * Cost Management allows 12 query units per 10 seconds (one unit per month queried); Blob Storage 500 per second
   * (far below an account's 20,000); the Retail Prices API publishes no quota (10 per second).
   *
   * @param api the API; never null
   * @return the limit; never null
   */
  public RateLimit rateLimit(AzureApi api) {
    return Objects.requireNonNull(rateLimits.get(Objects.requireNonNull(api, "api")));
  }

  /**
   * The meter registry for {@code stratus.provider.requests} and {@code stratus.provider.latency}.
   *
   * @return the registry, empty for no meters
   */
  public Optional<MeterRegistry> meterRegistry() {
    return Optional.ofNullable(meterRegistry);
  }

  /**
   * The OpenTelemetry that traces every remote call ({@link OpenTelemetry#noop()} unless the host set one).
   *
   * @return the instance; never null
   */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * The clock for observation times, deadlines, rate limiters, circuit breaker timers and cache expiry.
   *
   * @return the clock; never null
   */
  public InstantSource clock() {
    return clock;
  }

  /**
   * What performs every wait: between attempts and for rate-limit permits.
   *
   * @return the sleeper; never null
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "AzureConfig{subscription=" + (subscriptionId == null ? "none" : subscriptionId)
        + ", credential=" + (credential == null ? "DefaultAzureCredential" : credential.getClass().getSimpleName())
        + ", regions=" + regions.size() + ", currency=" + currency + ", retailPrices=" + retailPricesEndpoint
        + ", management=" + managementEndpoint + ", costType=" + costType
        + ", exportContainer=" + (exportContainer == null ? "none" : exportContainer) + ", maxAttempts="
        + maxAttempts + "}";
  }

  /**
   * Builds an {@link AzureConfig}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private @Nullable TokenCredential credential;
    private @Nullable String subscriptionId;
    private @Nullable List<Region> regions;
    private Currency currency = Currency.getInstance("USD");
    private URI retailPricesEndpoint = URI.create("https://prices.azure.com");
    private URI managementEndpoint = URI.create("https://management.azure.com");
    private @Nullable String costScope;
    private CostType costType = CostType.ACTUAL_COST;
    private int billingMonths = 3;
    private @Nullable URI exportContainer;
    private String exportPrefix = "";
    private List<String> metricNames = DEFAULT_METRICS;
    private List<String> metricResourceIds = List.of();
    private Duration metricInterval = Duration.ofMinutes(1);
    private Duration consumptionPriceTtl = Duration.ofHours(1);
    private Duration reservationPriceTtl = Duration.ofHours(24);
    private double spotInterruptionRate = 0.20;
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration attemptTimeout = Duration.ofSeconds(30);
    private Duration callDeadline = Duration.ofMinutes(2);
    private Duration circuitOpenDuration = Duration.ofSeconds(30);
    private final Map<AzureApi, RateLimit> rateLimits = new EnumMap<>(AzureApi.class);
    private @Nullable MeterRegistry meterRegistry;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private InstantSource clock = InstantSource.system();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {
      rateLimits.put(AzureApi.RETAIL_PRICES, new RateLimit(10, Duration.ofSeconds(1)));
      rateLimits.put(AzureApi.COMPUTE, new RateLimit(25, Duration.ofSeconds(1)));
      rateLimits.put(AzureApi.COST_MANAGEMENT, new RateLimit(12, Duration.ofSeconds(10)));
      rateLimits.put(AzureApi.MONITOR, new RateLimit(200, Duration.ofMinutes(1)));
      rateLimits.put(AzureApi.BLOB, new RateLimit(500, Duration.ofSeconds(1)));
    }

    /**
     * Uses the host's credential instead of {@code DefaultAzureCredential}.
     *
     * @param value the credential; never null
     * @return this builder
     */
    public Builder credential(TokenCredential value) {
      this.credential = Objects.requireNonNull(value, "credential");
      return this;
    }

    /**
     * Sets the subscription.
     *
     * @param value a subscription GUID; never null
     * @return this builder
     * @throws IllegalArgumentException if it is not a GUID
     */
    public Builder subscriptionId(String value) {
      Objects.requireNonNull(value, "subscriptionId");
      if (!GUID.matcher(value.trim()).matches()) {
        throw new IllegalArgumentException("subscriptionId must be a GUID (8-4-4-4-12 hex digits), got '" + value
            + "'");
      }
      this.subscriptionId = value.trim().toLowerCase(java.util.Locale.ROOT);
      return this;
    }

    /**
     * Prices and lists these regions (default: every region of the bundled table).
     *
     * @param values Azure regions; never null or empty
     * @return this builder
     * @throws IllegalArgumentException if empty, a region is not Azure's, or a code repeats
     */
    public Builder regions(Collection<Region> values) {
      List<Region> copy = List.copyOf(Objects.requireNonNull(values, "regions"));
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("regions must not be empty");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Region r : copy) {
        if (!r.provider().equals(io.stratus.model.CloudProvider.AZURE)) {
          throw new IllegalArgumentException("regions must be Azure regions, got " + r);
        }
        if (!seen.add(r.code())) {
          throw new IllegalArgumentException("regions must not repeat a code, got '" + r.code() + "' twice");
        }
      }
      this.regions = copy;
      return this;
    }

    /**
     * Prices and lists these regions of the bundled table, by code (e.g. {@code westeurope}).
     *
     * @param codes region codes; never null or empty
     * @return this builder
     * @throws IllegalArgumentException if a code is not in the bundled table (pass {@link Region} values instead)
     */
    public Builder regionCodes(Collection<String> codes) {
      List<Region> out = new ArrayList<>();
      for (String code : Objects.requireNonNull(codes, "regionCodes")) {
        out.add(AzureRegions.byCode(code).orElseThrow(() -> new IllegalArgumentException(
            "regionCodes: '" + code + "' is not in the bundled Azure region table " + AzureRegions.codes()
                + "; pass a Region with regions(...) instead")));
      }
      return regions(out);
    }

    /**
     * Sets the price currency (default USD).
     *
     * @param value the currency; never null
     * @return this builder
     */
    public Builder currency(Currency value) {
      this.currency = Objects.requireNonNull(value, "currency");
      return this;
    }

    /**
     * Overrides the Retail Prices endpoint (tests, sovereign clouds).
     *
     * @param value an absolute http(s) URI; never null
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URI
     */
    public Builder retailPricesEndpoint(URI value) {
      this.retailPricesEndpoint = endpoint(value, "retailPricesEndpoint");
      return this;
    }

    /**
     * Overrides the Resource Manager endpoint (tests, sovereign clouds).
     *
     * @param value an absolute http(s) URI; never null
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URI
     */
    public Builder managementEndpoint(URI value) {
      this.managementEndpoint = endpoint(value, "managementEndpoint");
      return this;
    }

    /**
     * Sets the Cost Management scope (default the subscription).
     *
     * @param value a scope starting with {@code /}; never null
     * @return this builder
     * @throws IllegalArgumentException if it does not start with {@code /}
     */
    public Builder costScope(String value) {
      Objects.requireNonNull(value, "costScope");
      if (!value.startsWith("/")) {
        throw new IllegalArgumentException("costScope must start with '/' (e.g. /subscriptions/<id>), got '" + value
            + "'");
      }
      this.costScope = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      return this;
    }

    /**
     * Sets which cost is read (default actual).
     *
     * @param value the type; never null
     * @return this builder
     */
    public Builder costType(CostType value) {
      this.costType = Objects.requireNonNull(value, "costType");
      return this;
    }

    /**
     * Sets how many billing months the query API offers, the current one included (default 3).
     *
     * @param value {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder billingMonths(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("billingMonths must be >= 1, got " + value);
      }
      this.billingMonths = value;
      return this;
    }

    /**
     * Reads billing from the cost export files in this Blob container instead of the query API.
     *
     * @param value the container URL, e.g. {@code https://acct.blob.core.windows.net/exports}; never null
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URI, or it carries a query (SAS tokens are not
     *     accepted: pass a credential)
     */
    public Builder exportContainer(URI value) {
      URI uri = endpoint(value, "exportContainer");
      if (uri.getRawQuery() != null) {
        throw new IllegalArgumentException("exportContainer must not carry a query (no SAS tokens; pass a"
            + " credential), got a URL with a query for host " + uri.getHost());
      }
      this.exportContainer = uri;
      return this;
    }

    /**
     * Sets the blob name prefix of the export files.
     *
     * @param value the prefix; never null
     * @return this builder
     */
    public Builder exportPrefix(String value) {
      this.exportPrefix = Objects.requireNonNull(value, "exportPrefix");
      return this;
    }

    /**
     * Sets the Azure Monitor metrics read (default CPU, network and disk of virtual machines).
     *
     * @param values metric names; never null or empty
     * @return this builder
     * @throws IllegalArgumentException if empty or a name is blank or contains a comma
     */
    public Builder metricNames(Collection<String> values) {
      List<String> copy = List.copyOf(Objects.requireNonNull(values, "metricNames"));
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("metricNames must not be empty");
      }
      for (String n : copy) {
        if (n.isBlank() || n.contains(",")) {
          throw new IllegalArgumentException("metricNames must be non-blank names without commas, got '" + n + "'");
        }
      }
      this.metricNames = copy;
      return this;
    }

    /**
     * Reads metrics of these resources instead of every virtual machine of the subscription.
     *
     * @param values ARM resource ids; never null
     * @return this builder
     * @throws IllegalArgumentException if an id does not start with {@code /subscriptions/}
     */
    public Builder metricResourceIds(Collection<String> values) {
      List<String> copy = List.copyOf(Objects.requireNonNull(values, "metricResourceIds"));
      for (String id : copy) {
        if (!id.toLowerCase(java.util.Locale.ROOT).startsWith("/subscriptions/")) {
          throw new IllegalArgumentException("metricResourceIds must be ARM resource ids (/subscriptions/...), got '"
              + id + "'");
        }
      }
      this.metricResourceIds = copy;
      return this;
    }

    /**
     * Sets the metric time grain (default one minute).
     *
     * @param value one of Azure's grains: 1, 5, 15, 30 minutes, 1, 6, 12 hours, 1 day; never null
     * @return this builder
     * @throws IllegalArgumentException if Azure does not offer the grain
     */
    public Builder metricInterval(Duration value) {
      Objects.requireNonNull(value, "metricInterval");
      List<Duration> grains = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
          Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));
      if (!grains.contains(value)) {
        throw new IllegalArgumentException("metricInterval must be one of Azure's grains " + grains + ", got "
            + value);
      }
      this.metricInterval = value;
      return this;
    }

    /**
     * Sets how long {@code Consumption} prices (pay-as-you-go, spot, savings plan) are cached (default 1 hour).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder consumptionPriceTtl(Duration value) {
      this.consumptionPriceTtl = positive(value, "consumptionPriceTtl");
      return this;
    }

    /**
     * Sets how long {@code Reservation} prices are cached (default 24 hours).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder reservationPriceTtl(Duration value) {
      this.reservationPriceTtl = positive(value, "reservationPriceTtl");
      return this;
    }

    /**
     * Sets the monthly interruption probability of spot offers (default 0.20: the Retail Prices API publishes no
     * eviction rate, and 0.20 is the upper edge of the 15-20 % band the portal shows, as the bundled catalog uses for
     * GCP).
     *
     * @param value in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder spotInterruptionRate(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("spotInterruptionRate must be in [0, 1], got " + value);
      }
      this.spotInterruptionRate = value;
      return this;
    }

    /**
     * Sets the attempts per call (default 4).
     *
     * @param value {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the first and the longest backoff (default 1 s and 30 s).
     *
     * @param initial positive; never null
     * @param max at least {@code initial}; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive or {@code max < initial}
     */
    public Builder backoff(Duration initial, Duration max) {
      positive(initial, "initialBackoff");
      positive(max, "maxBackoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("maxBackoff must be >= initialBackoff " + initial + ", got " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets the timeout of one attempt (default 30 s).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder attemptTimeout(Duration value) {
      this.attemptTimeout = positive(value, "attemptTimeout");
      return this;
    }

    /**
     * Sets the time limit of one call including retries (default 2 min).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder callDeadline(Duration value) {
      this.callDeadline = positive(value, "callDeadline");
      return this;
    }

    /**
     * Sets how long an open circuit rejects calls (default 30 s).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder circuitOpenDuration(Duration value) {
      this.circuitOpenDuration = positive(value, "circuitOpenDuration");
      return this;
    }

    /**
     * Overrides the rate limit of an API.
     *
     * @param api the API; never null
     * @param limit the limit; never null
     * @return this builder
     */
    public Builder rateLimit(AzureApi api, RateLimit limit) {
      rateLimits.put(Objects.requireNonNull(api, "api"), Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /**
     * Records the provider call meters of {@link ProviderCallTelemetry} ({@code stratus.provider.requests}, tags
     * provider=azure, api = {@link AzureApi#tag()}, outcome; {@code stratus.provider.latency}) in this registry
     * (default: no meters).
     *
     * @param value the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
      return this;
    }

    /**
     * Traces every remote call with the host's OpenTelemetry (default {@link OpenTelemetry#noop()}): one {@code
     * stratus.provider.request} span per call with its retries, attributes as {@link ProviderCallTelemetry} lists
     * (operation e.g. {@code virtualMachines.list}; region the priced region for retail prices, else {@code global}).
     *
     * @param value the host's instance, e.g. {@code GlobalOpenTelemetry.get()}; never null
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry value) {
      this.openTelemetry = Objects.requireNonNull(value, "openTelemetry");
      return this;
    }

    /**
     * Sets the clock (default the system clock).
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets what performs every wait, between attempts and for rate-limit permits (default {@link Sleeper#system()}).
     *
     * @param value the sleeper; never null
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return a new configuration; never null
     */
    public AzureConfig build() {
      return new AzureConfig(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static URI endpoint(URI value, String name) {
      Objects.requireNonNull(value, name);
      if (!value.isAbsolute() || !("https".equals(value.getScheme()) || "http".equals(value.getScheme()))
          || value.getHost() == null) {
        throw new IllegalArgumentException(name + " must be an absolute http(s) URI, got '" + value + "'");
      }
      String s = value.toString();
      return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : value;
    }
  }
}
