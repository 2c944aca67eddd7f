package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.StoreStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MetricStore} over {@code stratus_metric_series} and {@code stratus_metric_sample} (one row per point, the
 * value both as a double and as its raw IEEE-754 bits, so that NaN payloads and -0.0 round-trip bit for bit). Each
 * append is one transaction (look up the point's timestamp, then the series' newest, then insert), so an
 * acknowledged point is durable; {@link #appendAll} writes a whole batch (a rollup) in one transaction with one JDBC
 * batch. Points up to {@link #outOfOrderWindow()} older than the series' newest are stored in place, older ones are
 * rejected. The outcome counters of {@link #stats()} count this instance's appends. Thread-safe.
 */
final class JdbcMetricStore implements MetricStore {
  private final Db db;
  private final Duration window;
  private final Map<SeriesId, Long> ids = new ConcurrentHashMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong outOfOrder = new AtomicLong();

  JdbcMetricStore(Db db, Duration outOfOrderWindow) {
    this.db = db;
    this.window = outOfOrderWindow;
  }

  @Override
  public String id() {
    return "jdbc";
  }

  @Override
  public Duration outOfOrderWindow() {
    return window;
  }

  private static String labels(SeriesId s) {
    String l = Codec.encodeMap(s.labels());
    return l == null ? "" : l;
  }

  private long seriesId(Connection c, SeriesId s) throws SQLException {
    Long known = ids.get(s);
    if (known != null) {
      return known;
    }
    long id = find(c, s);
    if (id < 0) {
      String insert = db.dialect() == Dialect.POSTGRESQL
          ? "INSERT INTO stratus_metric_series (metric, labels) VALUES (?, ?) ON CONFLICT (metric, labels) DO NOTHING"
          : "MERGE INTO stratus_metric_series (metric, labels) KEY (metric, labels) VALUES (?, ?)";
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setString(1, s.metric());
        ps.setString(2, labels(s));
        ps.executeUpdate();
      }
      id = find(c, s);
    }
    ids.put(s, id);
    return id;
  }

  private static long find(Connection c, SeriesId s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM stratus_metric_series WHERE metric = ? AND labels = ?")) {
      ps.setString(1, s.metric());
      ps.setString(2, labels(s));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  @Override
  public AppendResult append(SeriesId series, long epochMillis, double value) {
    Objects.requireNonNull(series, "series");
    AppendResult r = db.inTransaction("metricStore.append", c -> appendOne(c, seriesId(c, series), epochMillis, value));
    count(r);
    return r;
  }

  private void count(AppendResult r) {
    switch (r) {
      case DUPLICATE -> duplicates.incrementAndGet();
      case REJECTED_CONFLICT -> conflicts.incrementAndGet();
      case REJECTED_OUT_OF_ORDER -> outOfOrder.incrementAndGet();
      default -> {
        // appended
      }
    }
  }

  private AppendResult appendOne(Connection c, long sid, long t, double value) throws SQLException {
    long bits = Double.doubleToRawLongBits(value);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT value_bits FROM stratus_metric_sample WHERE series_id = ? AND ts_ms = ?")) {
      ps.setLong(1, sid);
      ps.setLong(2, t);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1) == bits ? AppendResult.DUPLICATE : AppendResult.REJECTED_CONFLICT;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(ts_ms) FROM stratus_metric_sample WHERE series_id = ?")) {
      ps.setLong(1, sid);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long newest = rs.getLong(1);
          if (!rs.wasNull() && t < newest - window.toMillis()) {
            return AppendResult.REJECTED_OUT_OF_ORDER;
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO stratus_metric_sample (series_id, ts_ms, point_value, value_bits) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, sid);
      ps.setLong(2, t);
      ps.setDouble(3, value);
      ps.setLong(4, bits);
      ps.executeUpdate();
    }
    return AppendResult.APPENDED;
  }

  @Override
  public int appendAll(SeriesId series, long[] epochMillis, double[] values) {
    Objects.requireNonNull(series, "series");
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException("epochMillis and values must have the same length, got "
          + epochMillis.length + " and " + values.length);
    }
    List<AppendResult> results = db.inTransaction("metricStore.appendAll", c -> {
      long sid = seriesId(c, series);
      List<AppendResult> out = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        out.add(appendOne(c, sid, epochMillis[i], values[i]));
      }
      return out;
    });
    int n = 0;
    for (AppendResult r : results) {
      count(r);
      if (r == AppendResult.APPENDED) {
        n++;
      }
    }
    return n;
  }

  @Override
  public List<SeriesId> series(SeriesSelector selector) {
    Objects.requireNonNull(selector, "selector");
    return db.inTransaction("metricStore.series", c -> {
      List<SeriesId> out = new ArrayList<>();
      for (Map.Entry<SeriesId, Long> e : allSeries(c, selector).entrySet()) {
        out.add(e.getKey());
      }
      return out;
    });
  }

  private Map<SeriesId, Long> allSeries(Connection c, SeriesSelector selector) throws SQLException {
    Map<SeriesId, Long> out = new java.util.TreeMap<>();
    String sql = "SELECT id, metric, labels FROM stratus_metric_series"
        + (selector.metric().isPresent() ? " WHERE metric = ?" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (selector.metric().isPresent()) {
        ps.setString(1, selector.metric().get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String l = rs.getString(3);
          SeriesId id = SeriesId.of(rs.getString(2),
              Codec.decodeMap(l.isEmpty() ? null : l, "stratus_metric_series.labels"));
          if (selector.matches(id)) {
            out.put(id, rs.getLong(1));
            ids.putIfAbsent(id, rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  @Override
  public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis) {
    Objects.requireNonNull(selector, "selector");
    return db.inTransaction("metricStore.query", c -> {
      List<SeriesData> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT ts_ms, value_bits FROM stratus_metric_sample"
          + " WHERE series_id = ? AND ts_ms >= ? AND ts_ms < ? ORDER BY ts_ms")) {
        for (Map.Entry<SeriesId, Long> e : allSeries(c, selector).entrySet()) {
          ps.setLong(1, e.getValue());
          ps.setLong(2, fromMillis);
          ps.setLong(3, toMillis);
          long[] ts = new long[64];
          double[] vs = new double[64];
          int n = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
              }
              ts[n] = rs.getLong(1);
              vs[n] = Double.longBitsToDouble(rs.getLong(2));
              n++;
            }
          }
          if (n > 0) {
            out.add(SeriesData.of(e.getKey(), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public long deleteBefore(long epochMillis) {
    return db.inTransaction("metricStore.deleteBefore", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM stratus_metric_sample WHERE ts_ms < ?")) {
        ps.setLong(1, epochMillis);
        return (long) ps.executeUpdate();
      }
    });
  }

  @Override
  public StoreStats stats() {
    return db.inTransaction("metricStore.stats", c -> {
      long series;
      long points;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stratus_metric_series");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        series = rs.getLong(1);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stratus_metric_sample");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        points = rs.getLong(1);
      }
      return new StoreStats(series, points, points * 32, 0, duplicates.get(), conflicts.get(), outOfOrder.get());
    });
  }
}
