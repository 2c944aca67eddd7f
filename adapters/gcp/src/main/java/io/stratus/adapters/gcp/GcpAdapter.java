package io.stratus.adapters.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.billing.v1.CloudCatalogClient;
import com.google.cloud.billing.v1.CloudCatalogSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.MachineTypesClient;
import com.google.cloud.compute.v1.MachineTypesSettings;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.stratus.InvalidConfigurationException;
import io.stratus.ProviderException;
import io.stratus.model.Region;
import io.stratus.monitoring.provider.ProviderCallTelemetry;
import io.stratus.spi.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The Google Cloud adapter: one project, one set of credentials, and the four Stratus providers built on the official
 * client libraries: {@link #pricingProvider()} (Cloud Billing Catalog API), {@link #inventoryProvider()} (Compute
 * Engine), {@link #billingSource()} (the BigQuery billing export) and {@link #metricsSource()} (Cloud Monitoring).
 *
 * <p>Every remote call runs under one policy per API: a rate limiter at the API's documented default quota, a circuit
 * breaker, and retry with exponential backoff and jitter on {@code RESOURCE_EXHAUSTED}, {@code UNAVAILABLE} and
 * {@code DEADLINE_EXCEEDED}. Throttling ({@code RESOURCE_EXHAUSTED}, HTTP 429) is not an outage: it is retried but
 * the circuit breaker ignores it; a retry delay the server gives (a gRPC {@code google.rpc.RetryInfo}, BigQuery's HTTP
 * {@code Retry-After} in seconds or as an HTTP date) is waited when longer than the backoff. The client libraries' own
 * retries are switched off (one attempt each, no retryable
 * codes) so that this policy is the only one; each attempt is bounded by {@link Builder#callTimeout}, and each call
 * with its attempts and waits by {@link Builder#callDeadline} (a rate-limit permit or a backoff that would end past it
 * fails the call at once). The rate limiters count permits on the injected {@link Builder#clock clock}, never the
 * system's, and every wait goes through the injected {@link Builder#sleeper sleeper}. A listing that
 * fails part-way after its retries fails whole with a {@link ProviderException} (the SPIs have no way to mark a result
 * partial, so a partial one is never returned).
 *
 * <p>Credentials are the host's {@link Credentials} or, when none are given, Application Default Credentials as the
 * client libraries find them. They never appear in {@link #toString()} or in log messages.
 *
 * <p>Thread-safe. Clients are created on first use and released by {@link #close()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpAdapter implements AutoCloseable {
  /** The id of every provider this adapter builds (ids are unique per SPI). */
  static final String ID = "gcp";

  /** Setting naming the project (for {@link #fromSettings}); else the client libraries' default project. */
  public static final String PROJECT_SETTING = "STRATUS_GCP_PROJECT";
  /** Setting naming the billing export table {@code project.dataset.table} (for {@link #fromSettings}). */
  public static final String BILLING_TABLE_SETTING = "STRATUS_GCP_BILLING_TABLE";

  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z0-9.:-]{1,100}");
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}\\.[A-Za-z0-9_$-]{1,1024}");

  final Builder config;
  private final String projectId;
  private final Map<Api, Guard> guards = new EnumMap<>(Api.class);
  private final List<AutoCloseable> open = new ArrayList<>();
  private @Nullable CloudCatalogClient catalog;
  private @Nullable MachineTypesClient machineTypes;
  private @Nullable InstancesClient instances;
  private @Nullable MetricServiceClient metrics;
  private @Nullable BigQuery bigQuery;
  private @Nullable GcpPricingProvider pricing;
  private boolean closed;

  private GcpAdapter(Builder b) {
    this.config = b.copy();
    this.projectId = Objects.requireNonNull(b.projectId, "projectId");
    ProviderCallTelemetry telemetry = ProviderCallTelemetry.create(ID, config.meterRegistry, config.openTelemetry);
    for (Api api : Api.values()) {
      guards.put(api, new Guard(GcpAdapter.ID, api, config, telemetry));
    }
  }

  /**
   * A builder.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An adapter configured from settings the host passes (e.g. {@code System::getenv}): {@value #PROJECT_SETTING}
   * names the project (when absent, the client libraries' default project: {@code GOOGLE_CLOUD_PROJECT}, the gcloud
   * configuration or the metadata server), {@value #BILLING_TABLE_SETTING} the billing export table (optional).
   * Credentials are Application Default Credentials. Nothing is called until a provider is used.
   *
   * @param settings looks up a setting, null when absent; never null
   * @return the adapter; never null
   * @throws InvalidConfigurationException if no project can be found or a setting is malformed
   */
  public static GcpAdapter fromSettings(Function<String, @Nullable String> settings) {
    Objects.requireNonNull(settings, "settings must not be null (e.g. System::getenv)");
    Builder b = builder();
    String project = settings.apply(PROJECT_SETTING);
    if (project == null || project.isBlank()) {
      project = com.google.cloud.ServiceOptions.getDefaultProjectId();
    }
    if (project == null || project.isBlank()) {
      throw new InvalidConfigurationException(
          "gcp: no project: set " + PROJECT_SETTING + " (or GOOGLE_CLOUD_PROJECT, or gcloud config set project), or"
              + " build the adapter with GcpAdapter.builder().projectId(...)");
    }
    b.projectId(project.strip());
    String table = settings.apply(BILLING_TABLE_SETTING);
    if (table != null && !table.isBlank()) {
      b.billingExportTable(table.strip());
    }
    return b.build();
  }

  /**
   * The project this adapter reads.
   *
   * @return the project id; never null
   */
  public String projectId() {
    return projectId;
  }

  /** A provider failure of this adapter; {@code cause} may be null (ProviderException accepts it). */
  @SuppressWarnings("NullAway")
  static ProviderException error(String message, @Nullable Throwable cause) {
    return new ProviderException(ID, message, cause);
  }

  /**
   * The pricing provider (Cloud Billing Catalog API, Compute Engine service), created once.
   *
   * @return the provider; never null
   */
  public synchronized GcpPricingProvider pricingProvider() {
    if (pricing == null) {
      pricing = new GcpPricingProvider(this);
    }
    return pricing;
  }

  /**
   * An inventory provider (Compute Engine instances of the project), priced with {@link #pricingProvider()}.
   *
   * @return the provider; never null
   */
  public GcpInventoryProvider inventoryProvider() {
    return new GcpInventoryProvider(this);
  }

  /**
   * A billing source over the BigQuery billing export table.
   *
   * @return the source; never null
   * @throws InvalidConfigurationException if no billing export table was configured
   */
  public GcpBillingSource billingSource() {
    if (config.billingExportTable == null) {
      throw new InvalidConfigurationException(
          "gcp: no billing export table: set GcpAdapter.Builder.billingExportTable(\"project.dataset.table\") or "
              + BILLING_TABLE_SETTING + " (the table that Cloud Billing export to BigQuery writes, e.g."
              + " my-project.billing.gcp_billing_export_v1_0123AB_4567CD_89EF01)");
    }
    return new GcpBillingSource(this, config.billingExportTable);
  }

  /**
   * A metrics source over Cloud Monitoring, reading {@link Builder#metricTypes}.
   *
   * @return the source; never null
   */
  public GcpMetricsSource metricsSource() {
    return new GcpMetricsSource(this);
  }

  Guard guard(Api api) {
    return Objects.requireNonNull(guards.get(api));
  }

  synchronized CloudCatalogClient catalog() {
    if (catalog == null) {
      CloudCatalogSettings.Builder s = CloudCatalogSettings.newBuilder();
      s.listSkusSettings().setRetrySettings(oneAttempt()).setRetryableCodes(Set.of());
      s.listServicesSettings().setRetrySettings(oneAttempt()).setRetryableCodes(Set.of());
      TransportChannelProvider channel = config.channels.get(Api.CATALOG);
      if (channel != null) {
        s.setTransportChannelProvider(channel);
      }
      s.setCredentialsProvider(credentials());
      catalog = create(() -> CloudCatalogClient.create(s.build()), Api.CATALOG);
    }
    return catalog;
  }

  synchronized MachineTypesClient machineTypes() {
    if (machineTypes == null) {
      MachineTypesSettings.Builder s = MachineTypesSettings.newBuilder();
      s.aggregatedListSettings().setRetrySettings(oneAttempt()).setRetryableCodes(Set.of());
      String endpoint = config.endpoints.get(Api.COMPUTE);
      if (endpoint != null) {
        s.setEndpoint(endpoint);
      }
      s.setCredentialsProvider(credentials());
      machineTypes = create(() -> MachineTypesClient.create(s.build()), Api.COMPUTE);
    }
    return machineTypes;
  }

  synchronized InstancesClient instances() {
    if (instances == null) {
      InstancesSettings.Builder s = InstancesSettings.newBuilder();
      s.aggregatedListSettings().setRetrySettings(oneAttempt()).setRetryableCodes(Set.of());
      String endpoint = config.endpoints.get(Api.COMPUTE);
      if (endpoint != null) {
        s.setEndpoint(endpoint);
      }
      s.setCredentialsProvider(credentials());
      instances = create(() -> InstancesClient.create(s.build()), Api.COMPUTE);
    }
    return instances;
  }

  synchronized MetricServiceClient metrics() {
    if (metrics == null) {
      MetricServiceSettings.Builder s = MetricServiceSettings.newBuilder();
      s.listTimeSeriesSettings().setRetrySettings(oneAttempt()).setRetryableCodes(Set.of());
      TransportChannelProvider channel = config.channels.get(Api.MONITORING);
      if (channel != null) {
        s.setTransportChannelProvider(channel);
      }
      s.setCredentialsProvider(credentials());
      metrics = create(() -> MetricServiceClient.create(s.build()), Api.MONITORING);
    }
    return metrics;
  }

  synchronized BigQuery bigQuery() {
    ensureOpen();
    if (bigQuery == null) {
      BigQueryOptions.Builder o =
          BigQueryOptions.newBuilder()
              .setProjectId(projectId)
              .setRetrySettings(oneAttempt())
              .setTransportOptions(
                  HttpTransportOptions.newBuilder()
                      .setConnectTimeout((int) config.callTimeout.toMillis())
                      .setReadTimeout((int) config.callTimeout.toMillis())
                      .build());
      String endpoint = config.endpoints.get(Api.BIGQUERY);
      if (endpoint != null) {
        o.setHost(endpoint);
      }
      Credentials c = config.credentials;
      if (c != null) {
        o.setCredentials(c);
      }
      bigQuery = o.build().getService();
    }
    return bigQuery;
  }

  private RetrySettings oneAttempt() {
    Duration t = config.callTimeout;
    return RetrySettings.newBuilder()
        .setMaxAttempts(1)
        .setTotalTimeoutDuration(t)
        .setInitialRpcTimeoutDuration(t)
        .setMaxRpcTimeoutDuration(t)
        .setRpcTimeoutMultiplier(1.0)
        .setInitialRetryDelayDuration(Duration.ZERO)
        .setMaxRetryDelayDuration(Duration.ZERO)
        .setRetryDelayMultiplier(1.0)
        .build();
  }

  private @Nullable CredentialsProvider credentials() {
    Credentials c = config.credentials;
    if (c == null) {
      return null;
    }
    return c instanceof NoCredentials ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(c);
  }

  private interface ClientFactory<T> {
    T create() throws IOException;
  }

  private <T extends AutoCloseable> T create(ClientFactory<T> factory, Api api) {
    ensureOpen();
    try {
      T client = factory.create();
      open.add(client);
      return client;
    } catch (IOException | RuntimeException e) {
      throw GcpAdapter.error("cannot create the " + api.host + " client (credentials: "
              + (config.credentials == null ? "Application Default Credentials" : "host-supplied") + "): "
              + e.getMessage(),
          e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("gcp adapter for project " + projectId + " is closed");
    }
  }

  /** Closes the clients created so far. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(GcpAdapter.class).warn("gcp: closing a client failed: {}", e.toString());
      }
    }
    open.clear();
  }

  /** Project, table and credential kind; never the credentials themselves. */
  @Override
  public String toString() {
    return "GcpAdapter{project=" + config.projectId + ", billingExportTable=" + config.billingExportTable
        + ", credentials=" + (config.credentials == null ? "application-default" : "host-supplied")
        + ", metricTypes=" + config.metricTypes.size() + "}";
  }

  /**
   * Builds a {@link GcpAdapter}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    /** The Compute Engine metrics the metrics source reads by default (the vocabulary's GCP compute names). */
    public static final List<String> DEFAULT_METRIC_TYPES =
        List.of(
            "compute.googleapis.com/instance/cpu/utilization",
            "compute.googleapis.com/instance/network/received_bytes_count",
            "compute.googleapis.com/instance/network/sent_bytes_count",
            "compute.googleapis.com/instance/disk/read_bytes_count",
            "compute.googleapis.com/instance/disk/write_bytes_count");

    @Nullable String projectId;
    @Nullable Credentials credentials;
    @Nullable String billingExportTable;
    List<String> metricTypes = DEFAULT_METRIC_TYPES;
    String currency = "USD";
    InstantSource clock = InstantSource.system();
    Sleeper sleeper = Sleeper.system();
    @Nullable MeterRegistry meterRegistry;
    OpenTelemetry openTelemetry = OpenTelemetry.noop();
    int maxAttempts = 5;
    Duration initialBackoff = Duration.ofMillis(500);
    Duration maxBackoff = Duration.ofSeconds(30);
    Duration callTimeout = Duration.ofSeconds(30);
    int breakerWindow = 10;
    Duration breakerOpenFor = Duration.ofSeconds(60);
    Duration callDeadline = Duration.ofMinutes(2);
    Map<Api, Api.Limit> rateLimits = new EnumMap<>(Api.class);
    double spotInterruptionRate = 0.20;
    Duration onDemandTtl = Duration.ofHours(24);
    Duration spotTtl = Duration.ofHours(1);
    Duration commitmentTtl = Duration.ofHours(24);
    Map<String, Region> regions = new LinkedHashMap<>();
    Map<Api, TransportChannelProvider> channels = new EnumMap<>(Api.class);
    Map<Api, String> endpoints = new EnumMap<>(Api.class);

    private Builder() {}

    /**
     * Sets the project whose instances, metrics and billing export are read (required).
     *
     * @param value a project id, e.g. {@code my-project-123}; never null
     * @return this builder
     * @throws IllegalArgumentException if it is not a project id
     */
    public Builder projectId(String value) {
      Objects.requireNonNull(value, "projectId must not be null");
      if (!PROJECT.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "projectId must be a Google Cloud project id (6-30 lower-case letters, digits, hyphens), got '" + value
                + "'");
      }
      this.projectId = value;
      return this;
    }

    /**
     * Sets the credentials; without this call, Application Default Credentials are used.
     *
     * @param value the credentials (e.g. {@code GoogleCredentials.fromStream(...)}); never null
     * @return this builder
     */
    public Builder credentials(Credentials value) {
      this.credentials = Objects.requireNonNull(value, "credentials must not be null (omit the call for ADC)");
      return this;
    }

    /**
     * Sets the BigQuery billing export table read by {@link GcpAdapter#billingSource()}.
     *
     * @param value {@code project.dataset.table}; never null
     * @return this builder
     * @throws IllegalArgumentException if it is not of that form
     */
    public Builder billingExportTable(String value) {
      Objects.requireNonNull(value, "billingExportTable must not be null");
      if (!TABLE.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "billingExportTable must be project.dataset.table (letters, digits, '_' in dataset and table), got '"
                + value + "'");
      }
      this.billingExportTable = value;
      return this;
    }

    /**
     * Sets the Cloud Monitoring metric types the metrics source reads (default {@link #DEFAULT_METRIC_TYPES}).
     *
     * @param values metric types such as {@code compute.googleapis.com/instance/cpu/utilization}; never null or empty
     * @return this builder
     * @throws IllegalArgumentException if empty or a type is blank or contains a quote
     */
    public Builder metricTypes(Collection<String> values) {
      List<String> copy = List.copyOf(values);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("metricTypes must not be empty");
      }
      for (String t : copy) {
        if (t.isBlank() || t.indexOf('"') >= 0 || t.indexOf('\\') >= 0) {
          throw new IllegalArgumentException("metricTypes must be metric type names without quotes, got '" + t + "'");
        }
      }
      this.metricTypes = copy;
      return this;
    }

    /**
     * Sets the currency the catalog prices are requested in (default USD).
     *
     * @param value an ISO 4217 code; never null
     * @return this builder
     * @throws IllegalArgumentException if not a known currency
     */
    public Builder currency(String value) {
      java.util.Currency.getInstance(Objects.requireNonNull(value, "currency must not be null"));
      this.currency = value;
      return this;
    }

    /**
     * Sets the clock for cache expiry, rate limiting, circuit-breaker timing, call deadlines and offer timestamps
     * (default the system clock).
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * Sets what performs every wait between attempts and for rate-limit permits (default {@link Sleeper#system()}).
     *
     * @param value the sleeper; never null
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper must not be null");
      return this;
    }

    /**
     * Sets the registry for the provider call meters of {@link ProviderCallTelemetry} ({@code
     * stratus.provider.requests}, tags provider=gcp, api = {@code catalog}, {@code compute}, {@code monitoring} or
     * {@code bigquery}, outcome; {@code stratus.provider.latency}); none by default.
     *
     * @param value the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "meterRegistry must not be null");
      return this;
    }

    /**
     * Traces every remote call with the host's OpenTelemetry (default {@link OpenTelemetry#noop()}): one {@code
     * stratus.provider.request} span per call with its retries, attributes as {@link ProviderCallTelemetry} lists
     * (operation = the API method, e.g. {@code listSkus}; region {@code global}: the APIs read are global).
     *
     * @param value the host's instance, e.g. {@code GlobalOpenTelemetry.get()}; never null
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry value) {
      this.openTelemetry = Objects.requireNonNull(value, "openTelemetry must not be null");
      return this;
    }

    /**
     * Sets the retry policy: attempts per call and the exponential backoff bounds (each wait is uniform in [0, 2 × the doubling
     * backoff]).
     *
     * @param attempts attempts including the first, 1 to 20 (default 5)
     * @param initial the first backoff, positive (default 500 ms)
     * @param max the largest backoff, at least {@code initial} (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException if a bound is broken
     */
    public Builder retry(int attempts, Duration initial, Duration max) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("retry attempts must be 1 to 20, got " + attempts);
      }
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "retry backoff must be 0 < initial <= max, got initial " + initial + ", max " + max);
      }
      this.maxAttempts = attempts;
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets the time limit of each attempt of a remote call (default 30 s); an attempt past it fails with {@code
     * DEADLINE_EXCEEDED} and is retried. The whole call is bounded by {@link #callDeadline}.
     *
     * @param value positive, at most 10 minutes; never null
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder callTimeout(Duration value) {
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("callTimeout must be > 0 and <= 10 minutes, got " + value);
      }
      this.callTimeout = value;
      return this;
    }

    /**
     * Sets the time limit of one call with all its attempts and waits, on the injected clock (default 2 minutes). A
     * rate-limit permit or a backoff that would end past it fails the call at once with a {@link ProviderException}
     * naming the limit and the deadline; an attempt under way is bounded by {@link #callTimeout}.
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder callDeadline(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("callDeadline must be > 0, got " + value);
      }
      this.callDeadline = value;
      return this;
    }

    /**
     * Sets the circuit breakers: each API's breaker opens when half of the last {@code window} calls failed
     * transiently ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}; throttling is not counted), and stays open for
     * {@code openFor} (defaults 10 calls, 60 s).
     *
     * @param window calls in the sliding window, 2 to 1000
     * @param openFor how long an open breaker refuses calls, positive; never null
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder circuitBreaker(int window, Duration openFor) {
      if (window < 2 || window > 1000 || openFor.isNegative() || openFor.isZero()) {
        throw new IllegalArgumentException(
            "circuitBreaker needs window 2 to 1000 and a positive openFor, got " + window + ", " + openFor);
      }
      this.breakerWindow = window;
      this.breakerOpenFor = openFor;
      return this;
    }

    /**
     * Overrides one API's rate limit (defaults: the documented per-project quotas) for hosts with other quotas.
     *
     * @param host the API host, e.g. {@code monitoring.googleapis.com}; never null
     * @param permits calls per period, positive
     * @param period the period, positive; never null
     * @return this builder
     * @throws IllegalArgumentException if the host is not one the adapter calls or a bound is broken
     */
    public Builder rateLimit(String host, int permits, Duration period) {
      Api api = null;
      for (Api a : Api.values()) {
        if (a.host.equals(host)) {
          api = a;
        }
      }
      if (api == null) {
        throw new IllegalArgumentException(
            "rateLimit host must be one of cloudbilling.googleapis.com, compute.googleapis.com,"
                + " monitoring.googleapis.com, bigquery.googleapis.com, got '" + host + "'");
      }
      if (permits < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("rateLimit needs permits >= 1 and a positive period, got " + permits
            + " per " + period);
      }
      rateLimits.put(api, new Api.Limit(permits, period));
      return this;
    }

    /**
     * Sets the monthly interruption probability given to Spot offers (default 0.20). Google publishes no
     * interruption rates for Spot VMs, so this is an assumption, the same as the bundled catalog's.
     *
     * @param value a probability in [0, 1]
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
     * Sets how long prices are cached, per price type (defaults: on-demand 24 h, spot 1 h, commitments 24 h).
     *
     * @param onDemand on-demand prices; positive
     * @param spot spot prices; positive
     * @param commitment committed-use prices; positive
     * @return this builder
     * @throws IllegalArgumentException if a duration is not positive
     */
    public Builder priceTtl(Duration onDemand, Duration spot, Duration commitment) {
      for (Duration d : List.of(onDemand, spot, commitment)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("priceTtl durations must be positive, got " + d);
        }
      }
      this.onDemandTtl = onDemand;
      this.spotTtl = spot;
      this.commitmentTtl = commitment;
      return this;
    }

    /**
     * Adds or replaces the metadata of a region (country, jurisdictions, location), for regions newer than the
     * bundled table; offers and machines in a region the adapter knows nothing about are left out with a warning.
     *
     * @param value a region of provider {@code gcp}; never null
     * @return this builder
     * @throws IllegalArgumentException if the region is not a GCP one
     */
    public Builder region(Region value) {
      if (!value.provider().equals(io.stratus.model.CloudProvider.GCP)) {
        throw new IllegalArgumentException("region must be a gcp region, got " + value.id());
      }
      regions.put(value.code(), value);
      return this;
    }

    /** Test hook: the gRPC channel of CATALOG or MONITORING (an in-process server). */
    Builder channel(Api api, TransportChannelProvider value) {
      channels.put(api, value);
      return this;
    }

    /** Test hook: the endpoint of COMPUTE ({@code http://host:port}) or BIGQUERY. */
    Builder endpoint(Api api, String value) {
      endpoints.put(api, value);
      return this;
    }

    /**
     * Builds the adapter. Nothing is called remotely until a provider is used.
     *
     * @return the adapter; never null
     * @throws NullPointerException if the project id is missing
     */
    public GcpAdapter build() {
      Objects.requireNonNull(projectId, "projectId is required (GcpAdapter.Builder.projectId)");
      return new GcpAdapter(this);
    }

    Builder copy() {
      Builder c = new Builder();
      c.projectId = projectId;
      c.credentials = credentials;
      c.billingExportTable = billingExportTable;
      c.metricTypes = metricTypes;
      c.currency = currency;
      c.clock = clock;
      c.sleeper = sleeper;
      c.meterRegistry = meterRegistry;
      c.openTelemetry = openTelemetry;
      c.maxAttempts = maxAttempts;
      c.initialBackoff = initialBackoff;
      c.maxBackoff = maxBackoff;
      c.callTimeout = callTimeout;
      c.breakerWindow = breakerWindow;
      c.breakerOpenFor = breakerOpenFor;
      c.callDeadline = callDeadline;
      c.rateLimits = new EnumMap<>(Api.class);
      c.rateLimits.putAll(rateLimits);
      c.spotInterruptionRate = spotInterruptionRate;
      c.onDemandTtl = onDemandTtl;
      c.spotTtl = spotTtl;
      c.commitmentTtl = commitmentTtl;
      c.regions = new LinkedHashMap<>(regions);
      c.channels = new EnumMap<>(Api.class);
      c.channels.putAll(channels);
      c.endpoints = new EnumMap<>(Api.class);
      c.endpoints.putAll(endpoints);
      return c;
    }

    /** The settings, never the credentials. */
    @Override
    public String toString() {
      return "GcpAdapter.Builder{project=" + projectId + ", credentials="
          + (credentials == null ? "application-default" : "host-supplied") + "}";
    }
  }
}
