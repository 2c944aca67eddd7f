package io.stratus.adapters.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.stratus.ProviderException;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetricsSource} over a Prometheus server's HTTP API: each configured {@link PrometheusQuery} is evaluated
 * with {@code /api/v1/query_range} and every point of every returned series becomes a {@link RawSample} in the
 * {@code prometheus} dialect.
 *
 * <p><b>Windows.</b> Points are evaluated at multiples of the step since the epoch, so a window {@code [from, to)}
 * holds exactly the evaluation instants {@code t} with {@code from <= t < to}; two adjacent windows never share an
 * instant and their union has all of the whole window's (the {@code MetricsSource} window rule). A window wider than
 * {@link Builder#maxPointsPerRequest(int)} steps is read in several requests (Prometheus refuses more than 11,000
 * points per series).
 *
 * <p><b>Series.</b> A sample's resource is the value of the resource label ({@code instance} by default); a series
 * without it (an aggregate) uses its label set, e.g. {@code {job="api"}}, or the query name when it has no labels.
 * The other labels are the sample's labels; {@code __name__} is dropped (the sample is named after the query).
 * Values {@code NaN}, {@code +Inf} and {@code -Inf} are kept: the normalizer rejects them, counted and visible.
 *
 * <p><b>Failures.</b> A transport error, an HTTP error, a {@code status: error} answer, or an answer that is not a
 * matrix throws {@link ProviderException} naming the query, the window and Prometheus's {@code errorType} and
 * {@code error}. An answer with {@code warnings} is partial: {@link #query} returns it marked so; {@link #fetch}
 * throws unless {@link Builder#acceptPartial(boolean)} is set, so that a collector asks for the window again rather
 * than advancing past missing data.
 *
 * <p>Meters (with a host registry): {@code stratus.provider.requests} (tags {@code provider=prometheus},
 * {@code api=query_range}, {@code outcome=success|partial|error}) and {@code stratus.provider.latency}; spans
 * {@code stratus.provider.request}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PrometheusMetricsSource implements MetricsSource {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetricsSource.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Prometheus's own limit on the points of one series in one {@code query_range} answer. */
  public static final int PROMETHEUS_MAX_POINTS = 11_000;
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("stratus.query");
  private static final AttributeKey<Long> ROWS = AttributeKey.longKey("stratus.samples");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("stratus.provider");
  private static final AttributeKey<String> API_NAME = AttributeKey.stringKey("stratus.provider.api");

  private final String id;
  private final URI endpoint;
  private final List<PrometheusQuery> queries;
  private final long stepMillis;
  private final int maxPoints;
  private final HttpClient http;
  private final Duration timeout;
  private final String resourceLabel;
  private final boolean acceptPartial;
  private final Tracer tracer;
  private final @Nullable MeterRegistry registry;
  private final @Nullable Counter success;
  private final @Nullable Counter partial;
  private final @Nullable Counter error;
  private final @Nullable Timer latency;

  private PrometheusMetricsSource(Builder b, HttpClient http) {
    this.id = b.id;
    String base = b.baseUri.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/query_range");
    this.queries = List.copyOf(b.queries);
    this.stepMillis = b.step.toMillis();
    this.maxPoints = b.maxPoints;
    this.http = http;
    this.timeout = b.timeout;
    this.resourceLabel = b.resourceLabel;
    this.acceptPartial = b.acceptPartial;
    this.tracer = b.openTelemetry.getTracer("io.stratus.adapters.prometheus");
    this.registry = b.registry;
    if (registry != null) {
      success = requests(registry, "success");
      partial = requests(registry, "partial");
      error = requests(registry, "error");
      latency = Timer.builder("stratus.provider.latency").description("time of one provider API request")
          .tag("provider", "prometheus").tag("api", "query_range").register(registry);
    } else {
      success = partial = error = null;
      latency = null;
    }
  }

  private static Counter requests(MeterRegistry r, String outcome) {
    return Counter.builder("stratus.provider.requests").description("provider API requests by outcome")
        .tag("provider", "prometheus").tag("api", "query_range").tag("outcome", outcome).register(r);
  }

  /**
   * A new builder.
   *
   * @param baseUri the server, e.g. {@code http://127.0.0.1:9090} (a path prefix such as {@code /prometheus} is
   *     kept); never null
   * @return a builder; never null
   * @throws IllegalArgumentException if the URI is not absolute http(s)
   */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String dialect() {
    return "prometheus";
  }

  @Override
  public String description() {
    return "Prometheus query_range at " + endpoint + " (" + queries.size() + " queries, step " + stepMillis + " ms)";
  }

  /**
   * The samples in {@code [from, to)} (see the type documentation for the window and failure rules).
   *
   * @param from start, inclusive; never null
   * @param to end, exclusive; never null, after {@code from}
   * @return the samples; never null
   * @throws ProviderException if Prometheus cannot be read, or answered with warnings and partial results are not
   *     accepted
   */
  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    RangeResult r = query(from, to);
    if (r.partial() && !acceptPartial) {
      throw error("partial result for [" + from + ", " + to + "): " + r.warnings()
          + "; the window is not served (set acceptPartial(true) to take partial results)");
    }
    return r.samples();
  }

  /**
   * Reads every query over {@code [from, to)} and returns the samples with the server's warnings; never throws for a
   * partial answer.
   *
   * @param from start, inclusive; never null
   * @param to end, exclusive; never null, after {@code from}
   * @return the result; never null
   * @throws ProviderException if Prometheus cannot be read or answers with an error
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public RangeResult query(Instant from, Instant to) {
    Objects.requireNonNull(from, "from must not be null");
    Objects.requireNonNull(to, "to must not be null");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, got from " + from + " to " + to);
    }
    long first = Math.floorDiv(from.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
    long last = Math.floorDiv(to.toEpochMilli() - 1, stepMillis) * stepMillis;
    List<RawSample> samples = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    if (first > last) {
      return new RangeResult(samples, List.of(), false);
    }
    long chunk = (long) (maxPoints - 1) * stepMillis;
    for (PrometheusQuery q : queries) {
      for (long start = first; start <= last; start += chunk + stepMillis) {
        long end = Math.min(last, start + chunk);
        request(q, start, end, samples, warnings);
      }
    }
    return new RangeResult(samples, new ArrayList<>(warnings), !warnings.isEmpty());
  }

  private void request(PrometheusQuery q, long start, long end, List<RawSample> out, Set<String> warnings) {
    Span span = tracer.spanBuilder("stratus.provider.request").setAttribute(PROVIDER, "prometheus")
        .setAttribute(API_NAME, "query_range").setAttribute(QUERY, q.name()).startSpan();
    Timer.Sample sample = registry == null ? null : Timer.start(registry);
    Scope scope = span.makeCurrent();
    int before = out.size();
    try {
      int warned = warnings.size();
      JsonNode data = call(q, start, end, warnings);
      parse(q, data, start, end, out);
      boolean isPartial = warnings.size() > warned;
      count(isPartial ? partial : success);
      span.setAttribute(ROWS, (long) (out.size() - before));
      LOG.atDebug().setMessage("query_range answered").addKeyValue("source", id).addKeyValue("query", q.name())
          .addKeyValue("start", start).addKeyValue("end", end).addKeyValue("samples", out.size() - before)
          .addKeyValue("partial", isPartial).log();
    } catch (ProviderException e) {
      count(error);
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, "query_range failed");
      throw e;
    } finally {
      if (sample != null && latency != null) {
        sample.stop(latency);
      }
      scope.close();
      span.end();
    }
  }

  private static void count(@Nullable Counter c) {
    if (c != null) {
      c.increment();
    }
  }

  private JsonNode call(PrometheusQuery q, long start, long end, Set<String> warnings) {
    String what = "query_range '" + q.name() + "' over [" + Instant.ofEpochMilli(start) + ", "
        + Instant.ofEpochMilli(end) + "]";
    String form = "query=" + URLEncoder.encode(q.promql(), StandardCharsets.UTF_8)
        + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + seconds(stepMillis)
        + "&timeout=" + seconds(timeout.toMillis()) + "s";
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ProviderException(id, what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(id, what + " was interrupted", e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ProviderException(id, what + ": HTTP " + response.statusCode() + " with a body that is not JSON: "
          + abbreviate(response.body()), e);
    }
    String status = root.path("status").asText("");
    if (response.statusCode() / 100 != 2 || !status.equals("success")) {
      throw error(what + ": HTTP " + response.statusCode() + ", status '" + status
          + "', errorType '" + root.path("errorType").asText("") + "': " + root.path("error").asText(
              abbreviate(response.body())));
    }
    for (JsonNode w : root.path("warnings")) {
      String text = w.asText();
      if (warnings.add(text)) {
        LOG.atWarn().setMessage("Prometheus answered with a warning; the result is partial")
            .addKeyValue("source", id).addKeyValue("query", q.name()).addKeyValue("warning", text).log();
      }
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText("");
    if (!type.equals("matrix")) {
      throw error(what + ": resultType '" + type + "', expected 'matrix'");
    }
    return data.path("result");
  }

  private void parse(PrometheusQuery q, JsonNode result, long start, long end, List<RawSample> out) {
    for (JsonNode series : result) {
      Map<String, String> all = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : series.path("metric").properties()) {
        all.put(e.getKey(), e.getValue().asText());
      }
      all.remove("__name__");
      String resource = all.remove(resourceLabel);
      if (resource == null || resource.isBlank()) {
        resource = all.isEmpty() ? q.name() : labelSet(all);
      }
      Map<String, String> labels = new LinkedHashMap<>(all);
      for (JsonNode point : series.path("values")) {
        if (!point.isArray() || point.size() != 2) {
          throw error("query_range '" + q.name() + "': malformed point " + point);
        }
        long t = millis(point.get(0), q);
        if (t < start || t > end) {
          throw error("query_range '" + q.name() + "': point at " + Instant.ofEpochMilli(t)
              + " outside the requested [" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(end) + "]");
        }
        out.add(new RawSample(q.name(), q.unit(), q.kind(), resource, labels, t, value(point.get(1), q)));
      }
    }
  }

  private long millis(JsonNode ts, PrometheusQuery q) {
    if (!ts.isNumber()) {
      throw error("query_range '" + q.name() + "': timestamp " + ts + " is not a number");
    }
    return ts.decimalValue().movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  private double value(JsonNode v, PrometheusQuery q) {
    String s = v.asText();
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new ProviderException(id, "query_range '" + q.name() + "': value '" + s + "' is not a number", e);
        }
    }
  }

  /**
   * A failure without an underlying exception. {@link ProviderException} documents its cause as "may be null", but
   * scheduler-api does not annotate it, so NullAway is told here.
   */
  @SuppressWarnings("NullAway")
  private ProviderException error(String message) {
    return new ProviderException(id, message, null);
  }

  private static String labelSet(Map<String, String> labels) {
    StringBuilder b = new StringBuilder("{");
    labels.forEach((k, v) -> {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    });
    return b.append('}').toString();
  }

  /** Epoch milliseconds as Prometheus's decimal seconds, e.g. {@code 1700000000.5}. */
  static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /**
   * Builder for {@link PrometheusMetricsSource}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final URI baseUri;
    private String id = "prometheus";
    private final List<PrometheusQuery> queries = new ArrayList<>();
    private Duration step = Duration.ofMinutes(1);
    private int maxPoints = PROMETHEUS_MAX_POINTS;
    private @Nullable HttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(30);
    private String resourceLabel = "instance";
    private boolean acceptPartial;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private @Nullable MeterRegistry registry;

    private Builder(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri must not be null");
      if (!baseUri.isAbsolute() || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
        throw new IllegalArgumentException("baseUri must be an absolute http or https URI, got " + baseUri);
      }
      this.baseUri = baseUri;
    }

    /**
     * Sets the provider id (default {@code prometheus}); give each source its own when reading several servers.
     *
     * @param id not blank
     * @return this builder
     */
    public Builder id(String id) {
      Objects.requireNonNull(id, "id must not be null");
      if (id.isBlank()) {
        throw new IllegalArgumentException("id must not be blank");
      }
      this.id = id;
      return this;
    }

    /**
     * Adds a query (at least one is required).
     *
     * @param query the query; never null
     * @return this builder
     * @throws IllegalArgumentException if a query of the same name was added
     */
    public Builder query(PrometheusQuery query) {
      Objects.requireNonNull(query, "query must not be null");
      for (PrometheusQuery q : queries) {
        if (q.name().equals(query.name())) {
          throw new IllegalArgumentException("query name '" + query.name() + "' given twice: names must be unique");
        }
      }
      queries.add(query);
      return this;
    }

    /**
     * Sets the resolution (default one minute): the distance between evaluation instants, a whole number of
     * milliseconds.
     *
     * @param step positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive or not whole milliseconds
     */
    public Builder step(Duration step) {
      Objects.requireNonNull(step, "step must not be null");
      if (step.isNegative() || step.toMillis() <= 0 || step.toNanos() % 1_000_000 != 0) {
        throw new IllegalArgumentException("step must be a positive whole number of milliseconds, got " + step);
      }
      this.step = step;
      return this;
    }

    /**
     * Sets how many points of one series a request asks for at most (default {@value #PROMETHEUS_MAX_POINTS},
     * Prometheus's limit); wider windows are split.
     *
     * @param points between 1 and {@value #PROMETHEUS_MAX_POINTS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxPointsPerRequest(int points) {
      if (points < 1 || points > PROMETHEUS_MAX_POINTS) {
        throw new IllegalArgumentException(
            "maxPointsPerRequest must be in [1, " + PROMETHEUS_MAX_POINTS + "], got " + points);
      }
      this.maxPoints = points;
      return this;
    }

    /**
     * Sets the HTTP client (default: a new client with a 10-second connect timeout that follows no redirects). Pass
     * one with the host's executor, proxy or authenticator.
     *
     * @param client the client; never null
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient must not be null");
      return this;
    }

    /**
     * Sets the time a request may take, also sent to Prometheus as its query timeout (default 30 seconds).
     *
     * @param timeout positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "requestTimeout must not be null");
      if (timeout.isNegative() || timeout.toMillis() <= 0) {
        throw new IllegalArgumentException("requestTimeout must be at least 1 ms, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the label that names a sample's resource (default {@code instance}).
     *
     * @param label not blank
     * @return this builder
     */
    public Builder resourceLabel(String label) {
      Objects.requireNonNull(label, "resourceLabel must not be null");
      if (label.isBlank()) {
        throw new IllegalArgumentException("resourceLabel must not be blank");
      }
      this.resourceLabel = label;
      return this;
    }

    /**
     * Whether {@link PrometheusMetricsSource#fetch} returns partial results (answers with warnings) instead of
     * throwing (default false).
     *
     * @param accept true to accept
     * @return this builder
     */
    public Builder acceptPartial(boolean accept) {
      this.acceptPartial = accept;
      return this;
    }

    /**
     * Counts requests and their latency in the host's registry (default: none).
     *
     * @param registry the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "meterRegistry must not be null");
      return this;
    }

    /**
     * Traces requests with the host's OpenTelemetry (default: no-op).
     *
     * @param openTelemetry the instance; never null
     * @return this builder
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null");
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source; never null
     * @throws IllegalStateException if no query was added
     */
    public PrometheusMetricsSource build() {
      if (queries.isEmpty()) {
        throw new IllegalStateException("no query: add at least one with query(PrometheusQuery)");
      }
      HttpClient client = httpClient != null ? httpClient
          : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
              .build();
      return new PrometheusMetricsSource(this, client);
    }
  }
}
