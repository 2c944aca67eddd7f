package io.stratus.monitoring.collect;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.Unit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The one vocabulary Stratus speaks about metrics, and how each provider's names map onto it. A canonical metric has
 * a name and a unit (utilizations are in percent, throughputs in bytes per second, durations in seconds, event rates
 * per second); a mapping says that a dialect's name (CloudWatch {@code CPUUtilization}, Cloud Monitoring
 * {@code compute.googleapis.com/instance/cpu/utilization}, Azure Monitor {@code Percentage CPU}) means a canonical
 * metric. Label names are mapped per dialect too; names without a mapping are turned into {@code snake_case}.
 *
 * <p>Immutable and thread-safe. Start from {@link #defaults()} and extend with {@link #toBuilder()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MetricVocabulary {
  /** Dialect of sources whose names are already canonical. */
  public static final String STRATUS = "stratus";
  /** Amazon CloudWatch. */
  public static final String AWS = "aws";
  /** Google Cloud Monitoring. */
  public static final String GCP = "gcp";
  /** Azure Monitor. */
  public static final String AZURE = "azure";
  /** Prometheus exposition names. */
  public static final String PROMETHEUS = "prometheus";

  /** CPU utilization in percent. */
  public static final String CPU_UTILIZATION = "cpu.utilization";
  /** Memory utilization in percent. */
  public static final String MEMORY_UTILIZATION = "memory.utilization";
  /** Bytes received per second. */
  public static final String NETWORK_IN = "network.in.throughput";
  /** Bytes sent per second. */
  public static final String NETWORK_OUT = "network.out.throughput";
  /** Bytes read from disk per second. */
  public static final String DISK_READ = "disk.read.throughput";
  /** Bytes written to disk per second. */
  public static final String DISK_WRITE = "disk.write.throughput";
  /** Requests served per second. */
  public static final String REQUEST_RATE = "request.rate";
  /** Failed requests per second. */
  public static final String ERROR_RATE = "error.rate";
  /** p95 request latency in seconds. */
  public static final String LATENCY_P95 = "latency.p95";

  /**
   * A canonical metric.
   *
   * @param name the canonical name
   * @param unit the unit every stored value is in
   * @param description one line
   * @param min the smallest valid value, in {@code unit}; {@code -Infinity} for no bound
   * @param max the largest valid value, in {@code unit}; {@code +Infinity} for no bound
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Definition(String name, Unit unit, String description, double min, double max) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the name is not a valid metric name, or the range is NaN or empty
     */
    public Definition {
      SeriesId.of(Checks.nonNull(name, "definition.name"), Map.of());
      Checks.nonNull(unit, "definition.unit");
      Checks.nonNull(description, "definition.description");
      if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
        throw new IllegalArgumentException("definition.min and max must be numbers with min <= max, got [" + min
            + ", " + max + "] for '" + name + "'");
      }
    }

    /**
     * A metric with the default range of its unit: {@code [0, 100]} for {@link Unit#PERCENT} (a share of an
     * allocation), {@code [0, 1]} for {@link Unit#RATIO}, and {@code >= 0} for every other unit (amounts, rates and
     * durations).
     *
     * @param name the canonical name
     * @param unit the unit every stored value is in
     * @param description one line
     * @throws IllegalArgumentException if the name is not a valid metric name
     */
    public Definition(String name, Unit unit, String description) {
      this(name, unit, description, 0, defaultMax(unit));
    }

    private static double defaultMax(Unit unit) {
      if (unit == Unit.PERCENT) {
        return 100;
      }
      return unit == Unit.RATIO ? 1 : Double.POSITIVE_INFINITY;
    }

    /**
     * Whether a value (in {@link #unit()}) is inside the valid range; NaN (a gap) counts as inside.
     *
     * @param value the value
     * @return true if NaN or in {@code [min, max]}
     */
    public boolean allows(double value) {
      return Double.isNaN(value) || (value >= min && value <= max);
    }
  }

  private static final MetricVocabulary DEFAULTS = buildDefaults();

  private final Map<String, Definition> definitions;
  private final Map<String, Map<String, String>> names;
  private final Map<String, Map<String, String>> labelNames;

  private MetricVocabulary(Builder b) {
    this.definitions = Map.copyOf(b.definitions);
    Map<String, Map<String, String>> n = new HashMap<>();
    b.names.forEach((k, v) -> n.put(k, Map.copyOf(v)));
    this.names = Map.copyOf(n);
    Map<String, Map<String, String>> l = new HashMap<>();
    b.labelNames.forEach((k, v) -> l.put(k, Map.copyOf(v)));
    this.labelNames = Map.copyOf(l);
  }

  /**
   * The built-in vocabulary: CPU, memory, network, disk, requests, errors and latency for AWS, GCP, Azure and
   * Prometheus.
   *
   * @return the shared instance; never null
   */
  public static MetricVocabulary defaults() {
    return DEFAULTS;
  }

  /**
   * An empty builder.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this vocabulary's entries.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.definitions.putAll(definitions);
    names.forEach((k, v) -> b.names.put(k, new HashMap<>(v)));
    labelNames.forEach((k, v) -> b.labelNames.put(k, new HashMap<>(v)));
    return b;
  }

  /**
   * The canonical metric a dialect's name means.
   *
   * @param dialect the dialect id; never null
   * @param providerName the provider's metric name; never null
   * @return the definition, empty when the name is unknown in that dialect
   */
  public Optional<Definition> resolve(String dialect, String providerName) {
    if (STRATUS.equals(dialect)) {
      return Optional.ofNullable(definitions.get(providerName));
    }
    String canonical = names.getOrDefault(dialect, Map.of()).get(providerName);
    return canonical == null ? Optional.empty() : Optional.ofNullable(definitions.get(canonical));
  }

  /**
   * A canonical definition by name.
   *
   * @param name the canonical name; never null
   * @return the definition, empty when unknown
   */
  public Optional<Definition> definition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /**
   * Every canonical definition.
   *
   * @return an immutable map by name; never null
   */
  public Map<String, Definition> definitions() {
    return definitions;
  }

  /**
   * The canonical label name for a dialect's label: the mapped name, else the name in {@code snake_case} with every
   * character outside {@code [a-z0-9_]} replaced by {@code _}.
   *
   * @param dialect the dialect id; never null
   * @param providerLabel the provider's label name; never null
   * @return the canonical label name; never null
   */
  public String labelName(String dialect, String providerLabel) {
    String mapped = labelNames.getOrDefault(dialect, Map.of()).get(providerLabel);
    return mapped != null ? mapped : snakeCase(providerLabel);
  }

  static String snakeCase(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && (Character.isLowerCase(s.charAt(i - 1)) || Character.isDigit(s.charAt(i - 1)))) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        sb.append(c);
      } else {
        sb.append('_');
      }
    }
    String out = sb.toString().toLowerCase(Locale.ROOT);
    if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
      out = "_" + out;
    }
    return out;
  }

  private static MetricVocabulary buildDefaults() {
    return builder()
        .define(CPU_UTILIZATION, Unit.PERCENT, "CPU utilization, percent of the allocated vCPUs")
        .define(MEMORY_UTILIZATION, Unit.PERCENT, "memory in use, percent of the allocated memory")
        .define(NETWORK_IN, Unit.BYTES_PER_SECOND, "bytes received per second")
        .define(NETWORK_OUT, Unit.BYTES_PER_SECOND, "bytes sent per second")
        .define(DISK_READ, Unit.BYTES_PER_SECOND, "bytes read from disk per second")
        .define(DISK_WRITE, Unit.BYTES_PER_SECOND, "bytes written to disk per second")
        .define(REQUEST_RATE, Unit.COUNT_PER_SECOND, "requests served per second")
        .define(ERROR_RATE, Unit.COUNT_PER_SECOND, "failed requests per second")
        .define(LATENCY_P95, Unit.SECONDS, "95th percentile request latency")
        .map(AWS, "CPUUtilization", CPU_UTILIZATION)
        .map(AWS, "mem_used_percent", MEMORY_UTILIZATION)
        .map(AWS, "NetworkIn", NETWORK_IN)
        .map(AWS, "NetworkOut", NETWORK_OUT)
        .map(AWS, "DiskReadBytes", DISK_READ)
        .map(AWS, "DiskWriteBytes", DISK_WRITE)
        .map(AWS, "RequestCount", REQUEST_RATE)
        .map(AWS, "HTTPCode_Target_5XX_Count", ERROR_RATE)
        .map(AWS, "TargetResponseTime", LATENCY_P95)
        .map(GCP, "compute.googleapis.com/instance/cpu/utilization", CPU_UTILIZATION)
        .map(GCP, "agent.googleapis.com/memory/percent_used", MEMORY_UTILIZATION)
        .map(GCP, "compute.googleapis.com/instance/network/received_bytes_count", NETWORK_IN)
        .map(GCP, "compute.googleapis.com/instance/network/sent_bytes_count", NETWORK_OUT)
        .map(GCP, "compute.googleapis.com/instance/disk/read_bytes_count", DISK_READ)
        .map(GCP, "compute.googleapis.com/instance/disk/write_bytes_count", DISK_WRITE)
        .map(GCP, "loadbalancing.googleapis.com/https/request_count", REQUEST_RATE)
        .map(GCP, "loadbalancing.googleapis.com/https/total_latencies", LATENCY_P95)
        .map(AZURE, "Percentage CPU", CPU_UTILIZATION)
        .map(AZURE, "Network In Total", NETWORK_IN)
        .map(AZURE, "Network Out Total", NETWORK_OUT)
        .map(AZURE, "Disk Read Bytes", DISK_READ)
        .map(AZURE, "Disk Write Bytes", DISK_WRITE)
        .map(AZURE, "Requests", REQUEST_RATE)
        .map(AZURE, "Http5xx", ERROR_RATE)
        .map(AZURE, "HttpResponseTime", LATENCY_P95)
        .map(PROMETHEUS, "node_network_receive_bytes_total", NETWORK_IN)
        .map(PROMETHEUS, "node_network_transmit_bytes_total", NETWORK_OUT)
        .map(PROMETHEUS, "node_disk_read_bytes_total", DISK_READ)
        .map(PROMETHEUS, "node_disk_written_bytes_total", DISK_WRITE)
        .map(PROMETHEUS, "http_requests_total", REQUEST_RATE)
        .map(PROMETHEUS, "http_requests_errors_total", ERROR_RATE)
        .mapLabel(AWS, "InstanceId", "instance_id")
        .mapLabel(AWS, "AutoScalingGroupName", "group")
        .mapLabel(GCP, "instance_name", "name")
        .mapLabel(AZURE, "microsoft.resourceid", "instance_id")
        .build();
  }

  /**
   * Builds a vocabulary. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> names = new HashMap<>();
    private final Map<String, Map<String, String>> labelNames = new HashMap<>();

    private Builder() {}

    /**
     * Defines (or redefines) a canonical metric with the default range of its unit (see {@link
     * Definition#Definition(String, Unit, String)}).
     *
     * @param name the canonical name
     * @param unit its unit
     * @param description one line
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed
     */
    public Builder define(String name, Unit unit, String description) {
      Definition d = new Definition(name, unit, description);
      definitions.put(name, d);
      return this;
    }

    /**
     * Defines (or redefines) a canonical metric with its own valid range; the normalizer rejects values outside it.
     *
     * @param name the canonical name
     * @param unit its unit
     * @param description one line
     * @param min the smallest valid value in {@code unit}, {@code -Infinity} for none
     * @param max the largest valid value in {@code unit}, {@code +Infinity} for none
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed or the range is NaN or empty
     */
    public Builder define(String name, Unit unit, String description, double min, double max) {
      definitions.put(name, new Definition(name, unit, description, min, max));
      return this;
    }

    /**
     * Maps a dialect's metric name to a canonical one, which must already be defined.
     *
     * @param dialect the dialect id
     * @param providerName the provider's metric name
     * @param canonicalName the canonical name
     * @return this builder
     * @throws IllegalArgumentException if the canonical name is not defined
     */
    public Builder map(String dialect, String providerName, String canonicalName) {
      Checks.nonBlank(dialect, "dialect");
      Checks.nonBlank(providerName, "providerName");
      if (!definitions.containsKey(canonicalName)) {
        throw new IllegalArgumentException(
            "canonicalName must be defined first (define(...)), got '" + canonicalName + "'");
      }
      names.computeIfAbsent(dialect, k -> new HashMap<>()).put(providerName, canonicalName);
      return this;
    }

    /**
     * Maps a dialect's label name to a canonical label name.
     *
     * @param dialect the dialect id
     * @param providerLabel the provider's label name
     * @param canonicalLabel the canonical label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}
     * @return this builder
     * @throws IllegalArgumentException if the canonical label name is malformed
     */
    public Builder mapLabel(String dialect, String providerLabel, String canonicalLabel) {
      Checks.nonBlank(dialect, "dialect");
      Checks.nonBlank(providerLabel, "providerLabel");
      if (!SeriesId.isValidLabelName(Checks.nonNull(canonicalLabel, "canonicalLabel"))) {
        throw new IllegalArgumentException(
            "canonicalLabel must match [a-zA-Z_][a-zA-Z0-9_]*, got '" + canonicalLabel + "'");
      }
      labelNames.computeIfAbsent(dialect, k -> new HashMap<>()).put(providerLabel, canonicalLabel);
      return this;
    }

    /**
     * Builds the vocabulary.
     *
     * @return a new vocabulary; never null
     */
    public MetricVocabulary build() {
      return new MetricVocabulary(this);
    }
  }
}
