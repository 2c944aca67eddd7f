package io.stratus.adapters.aws;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.monitoring.spi.MetricWindow;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * CloudWatch metrics as {@link RawSample}s in the {@code aws} dialect of the monitoring vocabulary ({@code
 * CPUUtilization}, {@code NetworkIn}, ... with the {@code InstanceId} dimension as a label). Reads the configured
 * {@link AwsMetricQuery}s, or, when none are configured, CPU utilization and network in/out of every running instance
 * of the covered regions (discovered with {@code DescribeInstances}, cached for {@link
 * AwsAdapter.Builder#discoveryTtl}). Queries are sent with {@code GetMetricData} in batches of at most 500, each batch
 * paged with {@code NextToken}; each sample is stamped with its period's start and only samples with {@code from <=
 * t < to} are returned, so the window rule of {@link MetricsSource} holds whatever CloudWatch rounds.
 *
 * <p>A query whose result has status {@code InternalError} or {@code Forbidden}, a batch that cannot be read after the
 * retries of {@link AwsResilience}, or a top-level error message fails {@link #fetch} with a {@link ProviderException}:
 * the SPI has no way to mark a result partial, so a partly read window is never returned.
 *
 * <p>Registered in {@code META-INF/services} (no-argument constructor: the default adapter, built on first use).
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsMetricsSource implements MetricsSource {
  /** The most queries one {@code GetMetricData} request may carry. */
  static final int MAX_QUERIES = 500;

  private final Supplier<AwsAdapter> adapter;
  private volatile @Nullable LoadingCache<String, List<AwsMetricQuery>> discovered;

  /** The ServiceLoader entry: cheap; the default adapter is built on the first call that needs it. */
  public AwsMetricsSource() {
    this.adapter = AwsAdapter::shared;
  }

  AwsMetricsSource(AwsAdapter adapter) {
    this.adapter = () -> adapter;
  }

  @Override
  public String id() {
    return AwsAdapter.ID;
  }

  @Override
  public String description() {
    return "Amazon CloudWatch GetMetricData";
  }

  /**
   * The CloudWatch dialect.
   *
   * @return {@code aws}
   */
  @Override
  public String dialect() {
    return "aws";
  }

  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    MetricWindow window = MetricWindow.of(from, to);
    AwsAdapter a = adapter.get();
    Map<String, List<AwsMetricQuery>> byRegion = new TreeMap<>();
    if (a.metricQueries().isEmpty()) {
      for (String code : a.coveredRegions()) {
        byRegion.put(code, discovered(a).get(code));
      }
    } else {
      for (AwsMetricQuery q : a.metricQueries()) {
        byRegion.computeIfAbsent(q.region(), k -> new ArrayList<>()).add(q);
      }
    }
    List<RawSample> out = new ArrayList<>();
    for (Map.Entry<String, List<AwsMetricQuery>> e : byRegion.entrySet()) {
      List<AwsMetricQuery> queries = e.getValue();
      for (int start = 0; start < queries.size(); start += MAX_QUERIES) {
        fetchBatch(a, e.getKey(), queries.subList(start, Math.min(queries.size(), start + MAX_QUERIES)), window,
            out);
      }
    }
    return List.copyOf(out);
  }

  private LoadingCache<String, List<AwsMetricQuery>> discovered(AwsAdapter a) {
    LoadingCache<String, List<AwsMetricQuery>> c = discovered;
    if (c == null) {
      synchronized (this) {
        c = discovered;
        if (c == null) {
          c = Caffeine.newBuilder().expireAfterWrite(a.discoveryTtl())
              .ticker(() -> a.clock().millis() * 1_000_000L).build(code -> {
                List<AwsMetricQuery> qs = new ArrayList<>();
                for (Instance i : AwsInventoryProvider.running(a, code)) {
                  qs.add(AwsMetricQuery.ec2Cpu(code, i.instanceId()));
                  qs.add(AwsMetricQuery.ec2NetworkIn(code, i.instanceId()));
                  qs.add(AwsMetricQuery.ec2NetworkOut(code, i.instanceId()));
                }
                return List.copyOf(qs);
              });
          discovered = c;
        }
      }
    }
    return c;
  }

  private void fetchBatch(AwsAdapter a, String region, List<AwsMetricQuery> batch, MetricWindow window,
      List<RawSample> out) {
    int period = (int) a.metricPeriod().getSeconds();
    Map<String, AwsMetricQuery> byId = new LinkedHashMap<>();
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      AwsMetricQuery q = batch.get(i);
      String id = "q" + i;
      byId.put(id, q);
      List<Dimension> dims = new ArrayList<>();
      q.dimensions().forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
      queries.add(MetricDataQuery.builder().id(id).returnData(true)
          .metricStat(MetricStat.builder().stat(q.stat()).period(period)
              .metric(Metric.builder().namespace(q.namespace()).metricName(q.metricName()).dimensions(dims).build())
              .build())
          .build());
    }
    Map<String, Map<Instant, Double>> values = new HashMap<>();
    String token = null;
    PageTokens tokens = PageTokens.of(AwsAdapter.ID, "GetMetricData " + region);
    int page = 0;
    do {
      page++;
      GetMetricDataRequest.Builder request = GetMetricDataRequest.builder().metricDataQueries(queries)
          .startTime(window.from()).endTime(window.to());
      if (token != null) {
        request.nextToken(token);
      }
      GetMetricDataRequest r = request.build();
      GetMetricDataResponse response = a.calls().call(AwsService.CLOUDWATCH, region, "GetMetricData",
          () -> a.cloudWatch(region).getMetricData(r));
      if (!response.messages().isEmpty()) {
        MessageData m = response.messages().get(0);
        throw Failures.of(id(), "GetMetricData " + region + " page " + page + ": " + m.code() + ": "
            + m.value());
      }
      for (MetricDataResult result : response.metricDataResults()) {
        AwsMetricQuery q = byId.get(result.id());
        if (q == null) {
          throw Failures.of(id(), "GetMetricData " + region + " page " + page + ": result id '"
              + result.id() + "' matches no query of the batch");
        }
        if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
          throw Failures.of(id(), "GetMetricData " + region + ": " + q.namespace() + " " + q.metricName()
              + " " + q.dimensions() + " has status " + result.statusCodeAsString() + " "
              + result.messages());
        }
        if (result.timestamps().size() != result.values().size()) {
          throw Failures.of(id(), "GetMetricData " + region + ": result '" + result.id() + "' has "
              + result.timestamps().size() + " timestamps but " + result.values().size() + " values");
        }
        Map<Instant, Double> series = values.computeIfAbsent(result.id(), k -> new TreeMap<>());
        for (int i = 0; i < result.timestamps().size(); i++) {
          series.put(result.timestamps().get(i), result.values().get(i));
        }
      }
      token = response.nextToken();
    } while (tokens.more(token));
    for (Map.Entry<String, AwsMetricQuery> e : byId.entrySet()) {
      AwsMetricQuery q = e.getValue();
      Map<String, String> labels = new TreeMap<>(q.dimensions());
      labels.put("region", region);
      for (Map.Entry<Instant, Double> p : values.getOrDefault(e.getKey(), Map.of()).entrySet()) {
        Instant t = p.getKey();
        if (!window.contains(t)) {
          continue;
        }
        double v = q.perSecond() ? p.getValue() / period : p.getValue();
        out.add(RawSample.gauge(q.metricName(), q.unit(), q.resource(), labels, t.toEpochMilli(), v));
      }
    }
  }
}
