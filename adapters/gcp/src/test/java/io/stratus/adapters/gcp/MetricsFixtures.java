package io.stratus.adapters.gcp;

import com.google.api.Metric;
import com.google.api.MetricDescriptor;
import com.google.api.MonitoredResource;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TimeSeries;
import com.google.monitoring.v3.TypedValue;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloud Monitoring time series in the documented shapes: per instance, CPU utilization (GAUGE, DOUBLE, unit
 * {@code 10^2.%}) and received bytes (DELTA, INT64, unit {@code By}, 60 s intervals), one point a minute over
 * {@link #START}..{@link #END}. The server honours the API's interval semantics {@code (startTime, endTime]} and the
 * metric type filter, and pages one series per page.
 */
final class MetricsFixtures {
  static final Instant START = Instant.parse("2026-07-31T22:00:00Z");
  static final Instant END = Instant.parse("2026-07-31T23:00:00Z");
  static final List<String> INSTANCES = List.of("1234567890123456789", "2234567890123456789");

  private MetricsFixtures() {}

  static List<TimeSeries> all() {
    List<TimeSeries> out = new ArrayList<>();
    for (int i = 0; i < INSTANCES.size(); i++) {
      String id = INSTANCES.get(i);
      TimeSeries.Builder cpu = series("compute.googleapis.com/instance/cpu/utilization", id, i,
          MetricDescriptor.MetricKind.GAUGE, MetricDescriptor.ValueType.DOUBLE, "10^2.%");
      TimeSeries.Builder net = series("compute.googleapis.com/instance/network/received_bytes_count", id, i,
          MetricDescriptor.MetricKind.DELTA, MetricDescriptor.ValueType.INT64, "By");
      // Newest first, as the API returns points.
      for (Instant t = END.minusSeconds(60); !t.isBefore(START); t = t.minusSeconds(60)) {
        long m = (t.getEpochSecond() / 60) % 60;
        cpu.addPoints(Point.newBuilder().setInterval(TimeInterval.newBuilder().setEndTime(ts(t)).setStartTime(ts(t)))
            .setValue(TypedValue.newBuilder().setDoubleValue(0.10 + 0.01 * m + 0.2 * i)));
        net.addPoints(Point.newBuilder()
            .setInterval(TimeInterval.newBuilder().setStartTime(ts(t.minusSeconds(60))).setEndTime(ts(t)))
            .setValue(TypedValue.newBuilder().setInt64Value(60_000L * (m + 1))));
      }
      out.add(cpu.build());
      out.add(net.build());
    }
    return out;
  }

  static TimeSeries.Builder series(String type, String instanceId, int i, MetricDescriptor.MetricKind kind,
      MetricDescriptor.ValueType valueType, String unit) {
    return TimeSeries.newBuilder()
        .setMetric(Metric.newBuilder().setType(type).putLabels("instance_name", "vm-" + i))
        .setResource(MonitoredResource.newBuilder().setType("gce_instance").putLabels("project_id", TestCloud.PROJECT)
            .putLabels("instance_id", instanceId).putLabels("zone", "us-central1-a"))
        .setMetricKind(kind)
        .setValueType(valueType)
        .setUnit(unit);
  }

  /** Answers a request from {@link #all()}: filter by metric type, keep points in (start, end], one series a page. */
  static ListTimeSeriesResponse page(ListTimeSeriesRequest request) {
    String type = request.getFilter().replaceAll("^metric\\.type = \"(.*)\"$", "$1");
    long start = millis(request.getInterval().getStartTime());
    long end = millis(request.getInterval().getEndTime());
    List<TimeSeries> matching = new ArrayList<>();
    for (TimeSeries ts : all()) {
      if (!ts.getMetric().getType().equals(type)) {
        continue;
      }
      TimeSeries.Builder b = ts.toBuilder().clearPoints();
      for (Point p : ts.getPointsList()) {
        long t = millis(p.getInterval().getEndTime());
        if (t > start && t <= end) {
          b.addPoints(p);
        }
      }
      if (b.getPointsCount() > 0) {
        matching.add(b.build());
      }
    }
    int page = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
    ListTimeSeriesResponse.Builder r = ListTimeSeriesResponse.newBuilder();
    if (page < matching.size()) {
      r.addTimeSeries(matching.get(page));
    }
    if (page + 1 < matching.size()) {
      r.setNextPageToken(Integer.toString(page + 1));
    }
    return r.build();
  }

  static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
