package io.stratus.adapters.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.InvalidConfigurationException;
import io.stratus.model.Region;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The host's set-up of the AWS adapter: credentials, home region, which regions to price and list, caching, the
 * resilience policy and meters; it hands out the SPI implementations ({@link #pricingProvider()}, {@link
 * #inventoryProvider()}, {@link #costExplorerBillingSource()}, {@link #curBillingSource()}, {@link #metricsSource()})
 * that share its SDK clients, circuit breakers and rate limiters.
 *
 * <pre>{@code
 * try (AwsAdapter aws = AwsAdapter.builder()
 *     .region("eu-central-1")                                  // home region: CloudWatch, S3, inventory
 *     .coveredRegions(List.of("eu-central-1", "eu-west-1"))   // priced and listed
 *     .credentials(DefaultCredentialsProvider.builder().build())
 *     .meterRegistry(registry)
 *     .build()) {
 *   scheduler = EnhancedScheduler.builder().pricing(aws.pricingProvider()).inventory(aws.inventoryProvider()).build();
 * }
 * }</pre>
 *
 * <p>Credentials come from the host's {@link AwsCredentialsProvider} or the SDK's default chain (environment, system
 * properties, profile, container and instance roles); they are never logged, and {@link #toString()} names only the
 * provider's type. SDK clients are created on first use, with the SDK's retries switched off (the adapter's {@link
 * AwsResilience} is the only retry policy) and over the JDK's {@code URLConnection} HTTP client.
 *
 * <p>Thread-safe. {@link #close()} closes the SDK clients; the SPI objects it handed out fail afterwards.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsAdapter implements AutoCloseable {
  /** The provider id of the adapter's pricing, inventory, metrics and Cost Explorer billing source. */
  public static final String ID = "aws";

  private final String region;
  private final List<String> coveredRegions;
  private final AwsCredentialsProvider credentials;
  private final Map<AwsService, URI> endpoints;
  private final Set<String> instanceTypes;
  private final boolean spotPrices;
  private final double spotInterruptionRate;
  private final Duration onDemandTtl;
  private final Duration spotTtl;
  private final Duration discoveryTtl;
  private final RegionTable regionTable;
  private final List<AwsMetricQuery> metricQueries;
  private final Duration metricPeriod;
  private final int billingLookbackMonths;
  private final @Nullable String curBucket;
  private final String curPrefix;
  private final InstantSource clock;
  private final AwsResilience resilience;
  private final Calls calls;
  private final SdkHttpClient http;
  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile @Nullable AwsPricingProvider pricing;

  private AwsAdapter(Builder b, String region) {
    this.region = region;
    LinkedHashSet<String> covered = new LinkedHashSet<>(b.coveredRegions);
    if (covered.isEmpty()) {
      covered.add(region);
    }
    this.coveredRegions = List.copyOf(covered);
    this.credentials = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
    this.endpoints = Map.copyOf(b.endpoints);
    this.instanceTypes = Set.copyOf(b.instanceTypes);
    this.spotPrices = b.spotPrices;
    this.spotInterruptionRate = b.spotInterruptionRate;
    this.onDemandTtl = b.onDemandTtl;
    this.spotTtl = b.spotTtl;
    this.discoveryTtl = b.discoveryTtl;
    this.regionTable = RegionTable.bundledPlus(b.regions);
    for (String code : coveredRegions) {
      if (regionTable.find(code).isEmpty()) {
        throw new InvalidConfigurationException("awsAdapter.coveredRegions: '" + code + "' is not a known AWS region"
            + " (known: " + regionTable.codes() + "); add its metadata with AwsAdapter.Builder.regions(...)");
      }
    }
    this.metricQueries = List.copyOf(b.metricQueries);
    this.metricPeriod = b.metricPeriod;
    this.billingLookbackMonths = b.billingLookbackMonths;
    this.curBucket = b.curBucket;
    this.curPrefix = b.curPrefix;
    this.clock = b.clock;
    this.resilience = b.resilience;
    this.calls = new Calls(ID, resilience, clock, ProviderCallTelemetry.create(ID, b.meters, b.openTelemetry));
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(resilience.connectTimeout())
        .socketTimeout(resilience.attemptTimeout())
        .build();
  }

  /**
   * A builder with the defaults (SDK default credentials and region, prices of the home region, no meters).
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pricing provider (Price List on-demand prices and EC2 spot prices of the covered regions, cached).
   *
   * @return the provider; never null, the same instance on every call
   */
  public AwsPricingProvider pricingProvider() {
    AwsPricingProvider p = pricing;
    if (p == null) {
      synchronized (this) {
        p = pricing;
        if (p == null) {
          p = new AwsPricingProvider(this);
          pricing = p;
        }
      }
    }
    return p;
  }

  /**
   * The inventory provider (running EC2 instances of the covered regions, priced by {@link #pricingProvider()}).
   *
   * @return a provider; never null
   */
  public AwsInventoryProvider inventoryProvider() {
    return new AwsInventoryProvider(this);
  }

  /**
   * The Cost Explorer billing source, id {@value #ID}: daily unblended and amortized cost by service and region.
   *
   * @return a source; never null
   */
  public AwsBillingSource costExplorerBillingSource() {
    return AwsBillingSource.costExplorer(this);
  }

  /**
   * The billing source over CUR or Data Exports files in S3, id {@code aws-cur}.
   *
   * @return a source; never null
   * @throws IllegalStateException if no export was configured with {@link Builder#curExport}
   */
  public AwsBillingSource curBillingSource() {
    if (curBucket == null) {
      throw new IllegalStateException("no CUR export configured: call AwsAdapter.Builder.curExport(bucket, prefix)");
    }
    return AwsBillingSource.cur(this, curBucket, curPrefix);
  }

  /**
   * The CloudWatch metrics source: the configured metric queries, or CPU and network of every running instance.
   *
   * @return a source; never null
   */
  public AwsMetricsSource metricsSource() {
    return new AwsMetricsSource(this);
  }

  /**
   * Closes the SDK clients and the HTTP client. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (AutoCloseable c : clients.values()) {
      try {
        c.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(AwsAdapter.class).debug("closing an SDK client failed", e);
      }
    }
    clients.clear();
    http.close();
  }

  /** Names the set-up; never the credentials themselves. */
  @Override
  public String toString() {
    return "AwsAdapter{region=" + region + ", coveredRegions=" + coveredRegions + ", credentials="
        + credentials.getClass().getSimpleName() + ", endpoints=" + endpoints + ", spotPrices=" + spotPrices
        + ", curExport=" + (curBucket == null ? "none" : "s3://" + curBucket + "/" + curPrefix) + ", " + resilience
        + "}";
  }

  // ---- for the SPI implementations of this package ----

  String region() {
    return region;
  }

  List<String> coveredRegions() {
    return coveredRegions;
  }

  Set<String> instanceTypes() {
    return instanceTypes;
  }

  boolean spotPrices() {
    return spotPrices;
  }

  double spotInterruptionRate() {
    return spotInterruptionRate;
  }

  Duration onDemandTtl() {
    return onDemandTtl;
  }

  Duration spotTtl() {
    return spotTtl;
  }

  Duration discoveryTtl() {
    return discoveryTtl;
  }

  RegionTable regionTable() {
    return regionTable;
  }

  List<AwsMetricQuery> metricQueries() {
    return metricQueries;
  }

  Duration metricPeriod() {
    return metricPeriod;
  }

  int billingLookbackMonths() {
    return billingLookbackMonths;
  }

  InstantSource clock() {
    return clock;
  }

  Calls calls() {
    return calls;
  }

  PricingClient pricingClient() {
    // The Price List Query API is served from us-east-1 (also eu-central-1 and ap-south-1).
    return client("pricing", () -> configure(PricingClient.builder(), AwsService.PRICING, "us-east-1").build());
  }

  Ec2Client ec2(String regionCode) {
    return client("ec2:" + regionCode, () -> configure(Ec2Client.builder(), AwsService.EC2, regionCode).build());
  }

  CostExplorerClient costExplorer() {
    return client("ce", () -> configure(CostExplorerClient.builder(), AwsService.COST_EXPLORER, "us-east-1").build());
  }

  CloudWatchClient cloudWatch(String regionCode) {
    return client("cw:" + regionCode,
        () -> configure(CloudWatchClient.builder(), AwsService.CLOUDWATCH, regionCode).build());
  }

  S3Client s3() {
    return client("s3", () -> configure(S3Client.builder(), AwsService.S3, region)
        .forcePathStyle(endpoints.containsKey(AwsService.S3))
        .crossRegionAccessEnabled(true)
        .build());
  }

  @SuppressWarnings("unchecked")
  private <C extends AutoCloseable> C client(String key, Supplier<C> create) {
    if (closed) {
      throw new IllegalStateException("the AwsAdapter is closed");
    }
    return (C) clients.computeIfAbsent(key, k -> create.get());
  }

  private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder, AwsService service, String regionCode) {
    builder.region(software.amazon.awssdk.regions.Region.of(regionCode))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(resilience.attemptTimeout())
            .apiCallTimeout(resilience.attemptTimeout())
            .build());
    URI endpoint = endpoints.get(service);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  /** The adapter that the ServiceLoader-registered providers share: SDK defaults, built on first use. */
  static AwsAdapter shared() {
    return Shared.get();
  }

  private static final class Shared {
    private static @Nullable AwsAdapter instance;

    static synchronized AwsAdapter get() {
      if (instance == null) {
        instance = builder().build();
      }
      return instance;
    }
  }

  /**
   * Builds an {@link AwsAdapter}. Not thread-safe; {@link #build()} may be called more than once (each adapter has its
   * own clients).
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private @Nullable String region;
    private final List<String> coveredRegions = new ArrayList<>();
    private @Nullable AwsCredentialsProvider credentials;
    private final Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
    private final Set<String> instanceTypes = new LinkedHashSet<>();
    private boolean spotPrices = true;
    private double spotInterruptionRate = 0.05;
    private Duration onDemandTtl = Duration.ofHours(24);
    private Duration spotTtl = Duration.ofMinutes(15);
    private Duration discoveryTtl = Duration.ofMinutes(5);
    private final List<Region> regions = new ArrayList<>();
    private final List<AwsMetricQuery> metricQueries = new ArrayList<>();
    private Duration metricPeriod = Duration.ofMinutes(5);
    private int billingLookbackMonths = 12;
    private @Nullable String curBucket;
    private String curPrefix = "";
    private InstantSource clock = InstantSource.system();
    private AwsResilience resilience = AwsResilience.defaults();
    private @Nullable MeterRegistry meters;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    /**
     * Sets the home region (CloudWatch, S3, and the default covered region); default: the SDK's region chain
     * ({@code AWS_REGION}, the {@code aws.region} system property, the profile, the instance metadata).
     *
     * @param value a region code, e.g. {@code eu-central-1}; never null
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder region(String value) {
      Objects.requireNonNull(value, "awsAdapter.region");
      if (value.isBlank()) {
        throw new IllegalArgumentException("awsAdapter.region must not be blank");
      }
      this.region = value;
      return this;
    }

    /**
     * Sets the regions whose prices and running instances the adapter reads (default: the home region).
     *
     * @param values region codes; never null
     * @return this builder
     */
    public Builder coveredRegions(Collection<String> values) {
      coveredRegions.clear();
      values.forEach(v -> coveredRegions.add(Objects.requireNonNull(v, "awsAdapter.coveredRegions element")));
      return this;
    }

    /**
     * Sets the credentials (default: the SDK's default credentials provider chain).
     *
     * @param value never null
     * @return this builder
     */
    public Builder credentials(AwsCredentialsProvider value) {
      this.credentials = Objects.requireNonNull(value, "awsAdapter.credentials");
      return this;
    }

    /**
     * Sends every service's requests to one endpoint instead of AWS's, e.g. a local stub in tests.
     *
     * @param value the endpoint; never null
     * @return this builder
     */
    public Builder endpointOverride(URI value) {
      Objects.requireNonNull(value, "awsAdapter.endpointOverride");
      for (AwsService s : AwsService.values()) {
        endpoints.put(s, value);
      }
      return this;
    }

    /**
     * Sends one service's requests to another endpoint (a VPC endpoint, a FIPS endpoint, a stub).
     *
     * @param service the service; never null
     * @param value the endpoint; never null
     * @return this builder
     */
    public Builder endpointOverride(AwsService service, URI value) {
      endpoints.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(value, "endpoint"));
      return this;
    }

    /**
     * Restricts prices to some instance types (default: every type the Price List sells in the covered regions).
     *
     * @param values instance type names, e.g. {@code m5.large}; never null
     * @return this builder
     */
    public Builder instanceTypes(Collection<String> values) {
      instanceTypes.clear();
      values.forEach(v -> instanceTypes.add(Objects.requireNonNull(v, "awsAdapter.instanceTypes element")));
      return this;
    }

    /**
     * Whether to read spot prices (default true).
     *
     * @param value true to offer spot
     * @return this builder
     */
    public Builder spotPrices(boolean value) {
      this.spotPrices = value;
      return this;
    }

    /**
     * Sets the monthly interruption probability given to spot offers (default 0.05, the upper bound of the lowest
     * Spot Instance Advisor band): {@code DescribeSpotPriceHistory} publishes prices, not interruption rates.
     *
     * @param value in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if not a probability
     */
    public Builder spotInterruptionRate(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("awsAdapter.spotInterruptionRate must be in [0, 1], got " + value);
      }
      this.spotInterruptionRate = value;
      return this;
    }

    /**
     * Sets how long prices are cached: on-demand (default 24 h; the Price List changes rarely) and spot (default 15
     * min).
     *
     * @param onDemand positive; never null
     * @param spot positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder priceTtl(Duration onDemand, Duration spot) {
      this.onDemandTtl = positive(onDemand, "awsAdapter.onDemandTtl");
      this.spotTtl = positive(spot, "awsAdapter.spotTtl");
      return this;
    }

    /**
     * Sets how long the instances discovered for the default metric queries are cached (default 5 min).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder discoveryTtl(Duration value) {
      this.discoveryTtl = positive(value, "awsAdapter.discoveryTtl");
      return this;
    }

    /**
     * Adds or replaces region metadata (country, jurisdictions, location) for regions the bundled table lacks.
     *
     * @param values AWS regions; never null
     * @return this builder
     */
    public Builder regions(Collection<Region> values) {
      values.forEach(v -> regions.add(Objects.requireNonNull(v, "awsAdapter.regions element")));
      return this;
    }

    /**
     * Sets the CloudWatch queries of the metrics source (default: CPU utilization and network in/out of every running
     * instance of the covered regions).
     *
     * @param values the queries; never null
     * @return this builder
     */
    public Builder metricQueries(Collection<AwsMetricQuery> values) {
      metricQueries.clear();
      values.forEach(v -> metricQueries.add(Objects.requireNonNull(v, "awsAdapter.metricQueries element")));
      return this;
    }

    /**
     * Sets the CloudWatch period (default 5 min, basic monitoring).
     *
     * @param value a positive multiple of 60 seconds; never null
     * @return this builder
     * @throws IllegalArgumentException if not a positive whole number of minutes
     */
    public Builder metricPeriod(Duration value) {
      positive(value, "awsAdapter.metricPeriod");
      if (value.getSeconds() % 60 != 0 || value.toNanosPart() != 0) {
        throw new IllegalArgumentException("awsAdapter.metricPeriod must be a multiple of 60 s, got " + value);
      }
      this.metricPeriod = value;
      return this;
    }

    /**
     * Sets how many months before the current one Cost Explorer billing periods reach back (default 12; Cost
     * Explorer keeps 13 months).
     *
     * @param value in [0, 13]
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder billingLookbackMonths(int value) {
      if (value < 0 || value > 13) {
        throw new IllegalArgumentException("awsAdapter.billingLookbackMonths must be in [0, 13], got " + value);
      }
      this.billingLookbackMonths = value;
      return this;
    }

    /**
     * Configures the CUR / Data Exports files read by {@link AwsAdapter#curBillingSource()}.
     *
     * @param bucket the S3 bucket; never blank
     * @param prefix the key prefix of the export (the report path prefix); never null, may be empty
     * @return this builder
     * @throws IllegalArgumentException if the bucket is blank
     */
    public Builder curExport(String bucket, String prefix) {
      Objects.requireNonNull(bucket, "awsAdapter.curBucket");
      if (bucket.isBlank()) {
        throw new IllegalArgumentException("awsAdapter.curBucket must not be blank");
      }
      this.curBucket = bucket;
      this.curPrefix = Objects.requireNonNull(prefix, "awsAdapter.curPrefix");
      return this;
    }

    /**
     * Sets the clock for cache expiry, rate limiting, circuit breaking, call deadlines and the "now" of price and spot
     * queries (default system). Waits go through {@link AwsResilience#sleeper()}, so a test clock that the sleeper
     * advances runs the whole policy without sleeping.
     *
     * @param value never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "awsAdapter.clock");
      return this;
    }

    /**
     * Sets the resilience policy (default {@link AwsResilience#defaults()}).
     *
     * @param value never null
     * @return this builder
     */
    public Builder resilience(AwsResilience value) {
      this.resilience = Objects.requireNonNull(value, "awsAdapter.resilience");
      return this;
    }

    /**
     * Records the provider call meters of {@link ProviderCallTelemetry} ({@code stratus.provider.requests}, tags
     * provider=aws, api = the service's endpoint prefix, outcome; {@code stratus.provider.latency}) in the host's
     * registry (default: none).
     *
     * @param value never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meters = Objects.requireNonNull(value, "awsAdapter.meterRegistry");
      return this;
    }

    /**
     * Traces every remote call with the host's OpenTelemetry (default {@link OpenTelemetry#noop()}): one {@code
     * stratus.provider.request} span per call with its retries, attributes as {@link ProviderCallTelemetry} lists
     * (operation = the AWS action, e.g. {@code DescribeInstances}).
     *
     * @param value the host's instance, e.g. {@code GlobalOpenTelemetry.get()}; never null
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry value) {
      this.openTelemetry = Objects.requireNonNull(value, "awsAdapter.openTelemetry");
      return this;
    }

    /**
     * Builds the adapter; SDK clients are created on first use.
     *
     * @return the adapter; never null
     * @throws InvalidConfigurationException if no region is set and the SDK's region chain finds none, or a covered
     *     region is unknown
     */
    public AwsAdapter build() {
      String home = region;
      if (home == null) {
        try {
          home = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkClientException e) {
          InvalidConfigurationException failure = new InvalidConfigurationException("no AWS region: set"
              + " AwsAdapter.Builder.region(...), or AWS_REGION / the aws.region system property / a profile region"
              + " for the SDK's region chain (" + e.getMessage() + ")");
          failure.initCause(e);
          throw failure;
        }
      }
      return new AwsAdapter(this, home);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
