package io.stratus.adapters.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.ProviderException;
import io.stratus.monitoring.spi.MetricWindow;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Azure Monitor metrics through the Resource Manager REST API ({@code <resource>/providers/Microsoft.Insights/metrics},
 * one call per resource for every configured metric name), mapped to the monitoring vocabulary's {@code azure}
 * dialect. Resources are {@link AzureConfig#metricResourceIds()}, or every virtual machine of the subscription.
 *
 * <p>Mapping: metrics in {@code Percent}, {@code BytesPerSecond}, {@code CountPerSecond}, {@code Seconds} and {@code
 * MilliSeconds} are gauges of their {@code average}; metrics in {@code Bytes} and {@code Count} (totals per time
 * grain, e.g. {@code Network In Total}) become per-second gauges, {@code total} divided by the grain ({@link
 * AzureConfig#metricInterval()}). A data point without the aggregation is a gap and yields no sample; a metric in
 * another unit fails the fetch with a {@link ProviderException} naming it. Labels: {@code microsoft.resourceid} (the
 * vocabulary maps it to {@code instance_id}) and the metric's dimension values.
 *
 * <p>Window rule: only samples with {@code from <= timeStamp < to} are returned, whatever the API sends back, so split
 * windows neither lose nor repeat samples. Azure Monitor publishes a few minutes late; poll with that lag. A fetch
 * returns everything or fails: when one resource cannot be read after the retries, the {@link ProviderException}
 * names how many resources were read, and nothing is returned.
 *
 * <p>Thread-safe. The no-argument constructor (for {@link java.util.ServiceLoader}) uses the default
 * {@link AzureConfig} (no subscription); hosts with a subscription register {@code create(config)} by hand.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AzureMetricsSource implements MetricsSource {
  static final String API_VERSION = "2018-01-01";

  private final Lazy<State> state;

  private static final class State {
    final AzureConfig config;
    final AzureCalls calls;

    State(AzureConfig config) {
      this.config = config;
      this.calls = new AzureCalls("azure", config);
    }
  }

  /**
   * A source with the default configuration (built on first use), for {@link java.util.ServiceLoader}: every
   * region of the bundled table, no subscription, {@code DefaultAzureCredential}.
   */
  public AzureMetricsSource() {
    this.state = new Lazy<>(() -> new State(AzureConfig.builder().build()));
  }

  private AzureMetricsSource(AzureConfig config) {
    State s = new State(config);
    this.state = new Lazy<>(() -> s);
  }

  /**
   * A source with this configuration.
   *
   * @param config the configuration; never null
   * @return a new source; never null
   */
  public static AzureMetricsSource create(AzureConfig config) {
    return new AzureMetricsSource(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String description() {
    return "Azure Monitor metrics";
  }

  @Override
  public String dialect() {
    return "azure";
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   * @throws io.stratus.InvalidConfigurationException if no resources are configured and no subscription is set
   */
  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    MetricWindow window = MetricWindow.of(from, to);
    State s = state.get();
    List<String> resources = s.config.metricResourceIds();
    if (resources.isEmpty()) {
      resources = new ArrayList<>();
      for (JsonNode vm : AzureInventoryProvider.listVms(s.calls, s.config, s.config.requireSubscription("metrics"))) {
        resources.add(vm.path("id").asText());
      }
    }
    List<RawSample> out = new ArrayList<>();
    int done = 0;
    for (String resource : resources) {
      try {
        read(s, resource, window, out);
      } catch (ProviderException e) {
        if (done == 0) {
          throw e;
        }
        throw new ProviderException("azure", "metrics incomplete: " + done + " of " + resources.size()
            + " resource(s) read before " + resource + " failed; nothing is returned", e);
      }
      done++;
    }
    return List.copyOf(out);
  }

  private static void read(State s, String resource, MetricWindow window, List<RawSample> out) {
    long grainSeconds = s.config.metricInterval().toSeconds();
    String url = s.config.managementEndpoint() + resource + "/providers/Microsoft.Insights/metrics?api-version="
        + API_VERSION + "&metricnames=" + VmSpecs.encode(String.join(",", s.config.metricNames()))
        + "&timespan=" + VmSpecs.encode(window.from() + "/" + window.to()) + "&interval=" + grain(s.config.metricInterval())
        + "&aggregation=Average,Total";
    JsonNode body = s.calls.getManagement(AzureApi.MONITOR, "metrics", "of " + resource, url);
    JsonNode value = body.get("value");
    if (value == null || !value.isArray()) {
      throw AzureCalls.failure("azure", "metrics of " + resource + ": response has no 'value' array: "
          + AzureCalls.excerpt(body.toString()));
    }
    for (JsonNode metric : value) {
      String name = metric.path("name").path("value").asText("");
      String azureUnit = metric.path("unit").asText("");
      if (name.isEmpty()) {
        throw AzureCalls.failure("azure", "metrics of " + resource + ": a metric has no name.value");
      }
      Mapping mapping = mapping(azureUnit);
      if (mapping == null) {
        throw AzureCalls.failure("azure", "metric '" + name + "' of " + resource + " is in unit '" + azureUnit
            + "', which the adapter does not map (Percent, Bytes, BytesPerSecond, Count, CountPerSecond, Seconds,"
            + " MilliSeconds)");
      }
      for (JsonNode series : metric.path("timeseries")) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("microsoft.resourceid", resource);
        for (JsonNode dim : series.path("metadatavalues")) {
          labels.put(dim.path("name").path("value").asText("dimension"), dim.path("value").asText(""));
        }
        for (JsonNode point : series.path("data")) {
          Instant at;
          try {
            at = Instant.parse(point.path("timeStamp").asText(""));
          } catch (DateTimeParseException e) {
            throw new ProviderException("azure", "metric '" + name + "' of " + resource + ": bad timeStamp '"
                + point.path("timeStamp").asText("") + "'", e);
          }
          if (!window.contains(at)) {
            continue;
          }
          JsonNode v = point.get(mapping.total ? "total" : "average");
          if (v == null || v.isNull()) {
            continue;
          }
          if (!v.isNumber()) {
            throw AzureCalls.failure("azure", "metric '" + name + "' of " + resource + " at " + at
                + ": value is not a number: " + v);
          }
          double x = mapping.total ? v.doubleValue() / grainSeconds : v.doubleValue();
          out.add(RawSample.gauge(name, mapping.unit, resource, labels, at.toEpochMilli(), x));
        }
      }
    }
  }

  /** Azure's ISO 8601 grain: {@code PT1M}, {@code PT1H}, {@code P1D} (Duration would print a day as PT24H). */
  static String grain(java.time.Duration interval) {
    return interval.equals(java.time.Duration.ofDays(1)) ? "P1D" : interval.toString();
  }

  private record Mapping(Unit unit, boolean total) {}

  private static @Nullable Mapping mapping(String azureUnit) {
    switch (azureUnit.toLowerCase(Locale.ROOT)) {
      case "percent":
        return new Mapping(Unit.PERCENT, false);
      case "bytes":
        return new Mapping(Unit.BYTES_PER_SECOND, true);
      case "bytespersecond":
        return new Mapping(Unit.BYTES_PER_SECOND, false);
      case "count":
        return new Mapping(Unit.COUNT_PER_SECOND, true);
      case "countpersecond":
        return new Mapping(Unit.COUNT_PER_SECOND, false);
      case "seconds":
        return new Mapping(Unit.SECONDS, false);
      case "milliseconds":
        return new Mapping(Unit.MILLISECONDS, false);
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "AzureMetricsSource{" + state.get().config + "}";
  }
}
