package io.stratus.adapters.gcp;

import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.protobuf.Timestamp;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.PageTokens;
import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.MetricWindow;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Metrics from Cloud Monitoring {@code projects.timeSeries.list}: one paged query per configured metric type
 * ({@link GcpAdapter.Builder#metricTypes}), each page under the retry / breaker / rate-limit policy, in the
 * {@code gcp} dialect of the monitoring vocabulary.
 *
 * <p>Mapping: the sample's name is the metric type; the resource is the monitored resource's {@code instance_id}
 * (else its type and labels); labels are the metric's and the resource's labels, plus {@code region} from the zone.
 * Units (UCUM, as the API reports them): {@code 10^2.%} is a ratio (1 = 100 %), {@code %} percent, {@code By} bytes,
 * {@code By/s}, {@code bit}, {@code bit/s}, {@code s}, {@code ms}, {@code us}, {@code 1} a count, {@code 1/s} a rate.
 * Kinds: GAUGE points are gauges at their end time; CUMULATIVE points are counters; DELTA points (the compute byte
 * counts, sampled every 60 s) become the average rate over their interval, a gauge in the rate unit. Values of type
 * DOUBLE, INT64 or BOOL are read; DISTRIBUTION and STRING values, unknown units, and delta points with an empty
 * interval fail the fetch with a {@link ProviderException} naming the series, the field and the value.
 *
 * <p>Window rule: the API's interval is {@code (startTime, endTime]}; the source asks for {@code (from - 1 ms, to]}
 * and keeps the points with {@code from <= end time < to}, so windows split anywhere lose and repeat nothing.
 *
 * <p>Thread-safe; every call reads afresh. The no-argument constructor is for {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GcpMetricsSource implements MetricsSource {
  private final Supplier<GcpAdapter> adapter;

  /** A source configured from the environment on first use (for {@link java.util.ServiceLoader}). */
  public GcpMetricsSource() {
    this.adapter = Environment.ADAPTER;
  }

  GcpMetricsSource(GcpAdapter adapter) {
    this.adapter = () -> adapter;
  }

  @Override
  public String id() {
    return GcpAdapter.ID;
  }

  @Override
  public String description() {
    return "Google Cloud Monitoring time series";
  }

  @Override
  public String dialect() {
    return "gcp";
  }

  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    MetricWindow window = MetricWindow.of(from, to);
    GcpAdapter a = adapter.get();
    Guard guard = a.guard(Api.MONITORING);
    TimeInterval interval =
        TimeInterval.newBuilder().setStartTime(timestamp(from.minusMillis(1))).setEndTime(timestamp(to)).build();
    List<RawSample> out = new ArrayList<>();
    for (String type : a.config.metricTypes) {
      String token = "";
      PageTokens tokens = PageTokens.of(GcpAdapter.ID, "monitoring.googleapis.com timeSeries.list " + type);
      int page = 0;
      do {
        page++;
        ListTimeSeriesRequest request =
            ListTimeSeriesRequest.newBuilder()
                .setName("projects/" + a.projectId())
                .setFilter("metric.type = \"" + type + "\"")
                .setInterval(interval)
                .setView(ListTimeSeriesRequest.TimeSeriesView.FULL)
                .setPageSize(10_000)
                .setPageToken(token)
                .build();
        ListTimeSeriesResponse response =
            guard.call("timeSeries.list", type + " page " + page,
                () -> a.metrics().listTimeSeriesCallable().call(request));
        if (response.getExecutionErrorsCount() > 0) {
          throw GcpAdapter.error("monitoring.googleapis.com timeSeries.list " + type
              + " page " + page + " reports execution errors " + response.getExecutionErrorsList()
              + "; the result would be partial", null);
        }
        for (TimeSeries ts : response.getTimeSeriesList()) {
          map(ts, window, out);
        }
        token = response.getNextPageToken();
      } while (tokens.more(token));
    }
    return List.copyOf(out);
  }

  static void map(TimeSeries ts, MetricWindow window, List<RawSample> out) {
    String name = ts.getMetric().getType();
    Map<String, String> labels = new TreeMap<>(ts.getResource().getLabelsMap());
    labels.putAll(ts.getMetric().getLabelsMap());
    String zone = ts.getResource().getLabelsMap().get("zone");
    if (zone != null && !labels.containsKey("region")) {
      labels.put("region", GcpRegions.regionOfZone(zone));
    }
    String resource = ts.getResource().getLabelsMap().get("instance_id");
    if (resource == null || resource.isBlank()) {
      resource = ts.getResource().getType() + new TreeMap<>(ts.getResource().getLabelsMap());
    }
    String series = name + " of " + resource;
    Unit unit = unit(ts.getUnit(), series);
    for (Point p : ts.getPointsList()) {
      long end = millis(p.getInterval().getEndTime());
      if (!window.containsMillis(end)) {
        continue;
      }
      double value = value(p, series);
      switch (ts.getMetricKind()) {
        case GAUGE:
          out.add(new RawSample(name, unit, MetricKind.GAUGE, resource, labels, end, value));
          break;
        case CUMULATIVE:
          out.add(new RawSample(name, unit, MetricKind.COUNTER, resource, labels, end, value));
          break;
        case DELTA:
          long start = millis(p.getInterval().getStartTime());
          if (end <= start) {
            throw malformed(series, "point.interval", start + ".." + end, "a DELTA point needs a non-empty interval");
          }
          Unit rate = rateUnit(unit, series);
          out.add(new RawSample(name, rate, MetricKind.GAUGE, resource, labels, end,
              unit.convert(value, base(unit)) / ((end - start) / 1000.0)));
          break;
        default:
          throw malformed(series, "metricKind", ts.getMetricKind().name(), "must be GAUGE, DELTA or CUMULATIVE");
      }
    }
  }

  private static Unit unit(String ucum, String series) {
    switch (ucum) {
      case "10^2.%":
        return Unit.RATIO;
      case "%":
        return Unit.PERCENT;
      case "By":
        return Unit.BYTES;
      case "KiBy":
        return Unit.KIBIBYTES;
      case "MiBy":
        return Unit.MEBIBYTES;
      case "bit":
        return Unit.BITS;
      case "By/s":
        return Unit.BYTES_PER_SECOND;
      case "bit/s":
        return Unit.BITS_PER_SECOND;
      case "s":
        return Unit.SECONDS;
      case "ms":
        return Unit.MILLISECONDS;
      case "us":
        return Unit.MICROSECONDS;
      case "1":
      case "":
        return Unit.COUNT;
      case "1/s":
        return Unit.COUNT_PER_SECOND;
      default:
        throw malformed(series, "unit", ucum, "must be one of 10^2.%, %, By, KiBy, MiBy, bit, By/s, bit/s, s, ms, us,"
            + " 1, 1/s");
    }
  }

  private static Unit base(Unit unit) {
    return unit.dimension() == Unit.Dimension.DATA ? Unit.BYTES : Unit.COUNT;
  }

  private static Unit rateUnit(Unit unit, String series) {
    if (unit.dimension() == Unit.Dimension.DATA) {
      return Unit.BYTES_PER_SECOND;
    }
    if (unit.dimension() == Unit.Dimension.COUNT) {
      return Unit.COUNT_PER_SECOND;
    }
    throw malformed(series, "unit", unit.name(), "a DELTA metric must count data or events");
  }

  private static double value(Point p, String series) {
    switch (p.getValue().getValueCase()) {
      case DOUBLE_VALUE:
        return p.getValue().getDoubleValue();
      case INT64_VALUE:
        return p.getValue().getInt64Value();
      case BOOL_VALUE:
        return p.getValue().getBoolValue() ? 1 : 0;
      default:
        throw malformed(series, "point.value", p.getValue().getValueCase().name(),
            "must be DOUBLE, INT64 or BOOL (distributions are not read)");
    }
  }

  private static ProviderException malformed(String series, String field, String value, String rule) {
    return GcpAdapter.error("monitoring.googleapis.com series " + series + ": " + field + " = '" + value + "' (" + rule + ")", null);
  }

  private static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  private static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
