package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The identity of one time series: a canonical metric name and a set of labels (resource, provider, region, ...).
 * Two ids are equal when the name and every label are equal; label order does not matter.
 *
 * <p>Immutable and thread-safe. The hash code is computed once, so ids are cheap map keys.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesId implements Comparable<SeriesId> {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_.:/-]{0,199}");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");

  /** Label naming the resource a series describes (a VM id, a load balancer, ...). */
  public static final String RESOURCE = "resource";
  /** Label naming the cloud provider, e.g. {@code aws}. */
  public static final String PROVIDER = "provider";
  /** Label naming the region code, e.g. {@code eu-central-1}. */
  public static final String REGION = "region";

  private final String metric;
  private final SortedMap<String, String> labels;
  private final int hash;
  private volatile String text;

  private SeriesId(String metric, SortedMap<String, String> labels) {
    this.metric = metric;
    this.labels = Collections.unmodifiableSortedMap(labels);
    this.hash = metric.hashCode() * 31 + labels.hashCode();
  }

  /**
   * A series id.
   *
   * @param metric the metric name, {@code [a-zA-Z_:][a-zA-Z0-9_.:/-]*}, at most 200 characters
   * @param labels label names {@code [a-zA-Z_][a-zA-Z0-9_]*} to non-null values; copied
   * @return the id; never null
   * @throws IllegalArgumentException if the name or a label name is malformed
   * @throws NullPointerException if an argument, a key or a value is null
   */
  public static SeriesId of(String metric, Map<String, String> labels) {
    Checks.nonNull(metric, "seriesId.metric");
    if (!METRIC.matcher(metric).matches()) {
      throw new IllegalArgumentException(
          "seriesId.metric must match [a-zA-Z_:][a-zA-Z0-9_.:/-]{0,199}, got '" + metric + "'");
    }
    Checks.nonNull(labels, "seriesId.labels");
    TreeMap<String, String> copy = new TreeMap<>();
    labels.forEach(
        (k, v) -> {
          Checks.nonNull(k, "seriesId.labels name (a label with a null name)");
          Checks.nonNull(v, "seriesId.labels['" + k + "'] (the value of label '" + k + "')");
          if (!LABEL.matcher(k).matches()) {
            throw new IllegalArgumentException(
                "seriesId.labels key must match [a-zA-Z_][a-zA-Z0-9_]{0,99}, got '" + k + "'");
          }
          copy.put(k, v);
        });
    return new SeriesId(metric, copy);
  }

  /**
   * A series id from alternating label names and values.
   *
   * @param metric the metric name
   * @param keyValues name, value, name, value, ...
   * @return the id; never null
   * @throws IllegalArgumentException if the count is odd or a name is malformed
   */
  public static SeriesId of(String metric, String... keyValues) {
    Checks.nonNull(keyValues, "seriesId keyValues");
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "seriesId keyValues must alternate name and value (even length), got " + keyValues.length);
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      String name = Checks.nonNull(keyValues[i], "seriesId label name at index " + i);
      map.put(name, Checks.nonNull(keyValues[i + 1], "seriesId.labels['" + name + "'] (the value of label '" + name
          + "')"));
    }
    return of(metric, map);
  }

  /**
   * Whether a string is a valid label name.
   *
   * @param name the candidate; never null
   * @return true if it matches {@code [a-zA-Z_][a-zA-Z0-9_]*}
   */
  public static boolean isValidLabelName(String name) {
    return LABEL.matcher(name).matches();
  }

  /**
   * The canonical metric name.
   *
   * @return the name; never null
   */
  public String metric() {
    return metric;
  }

  /**
   * The labels, sorted by name.
   *
   * @return an unmodifiable map; never null
   */
  public SortedMap<String, String> labels() {
    return labels;
  }

  /**
   * One label.
   *
   * @param name the label name; never null
   * @return the value, empty when absent
   */
  public Optional<String> label(String name) {
    return Optional.ofNullable(labels.get(name));
  }

  /**
   * This id with one label added or replaced.
   *
   * @param name the label name
   * @param value the value
   * @return a new id; never null
   */
  public SeriesId withLabel(String name, String value) {
    Checks.nonNull(name, "seriesId label name");
    Checks.nonNull(value, "seriesId.labels['" + name + "'] (the value of label '" + name + "')");
    TreeMap<String, String> copy = new TreeMap<>(labels);
    copy.put(name, value);
    return of(metric, copy);
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof SeriesId other && other.hash == hash && other.metric.equals(metric)
            && other.labels.equals(labels));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(SeriesId o) {
    return toString().compareTo(o.toString());
  }

  /** Prometheus-style text, e.g. {@code cpu.utilization{region="eu-west-1",resource="vm-1"}}. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = render();
      text = t;
    }
    return t;
  }

  private String render() {
    StringBuilder sb = new StringBuilder(metric).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return sb.append('}').toString();
  }
}
