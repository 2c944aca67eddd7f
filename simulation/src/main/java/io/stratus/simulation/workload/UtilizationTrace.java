package io.stratus.simulation.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apiguardian.api.API;

/**
 * A CPU utilization trace of one machine: samples at a fixed interval from a start instant, each the mean
 * utilization over its interval as a fraction in [0, 1].
 *
 * <p>Readers:
 *
 * <ul>
 *   <li>{@link #readPlanetLab}: a PlanetLab/CoMon file as shipped with CloudSim: one integer per line, the mean CPU
 *       utilization in percent over consecutive 5-minute intervals.
 *   <li>{@link #readCsv}: the host's own traces (e.g. extracts of the Google, Alibaba or Azure cluster traces) in
 *       this CSV format: a header line, then one row per sample with columns {@code timestamp} (ISO-8601 instant such
 *       as {@code 2026-01-01T00:05:00Z}, or integer epoch seconds), {@code host} (non-blank id) and {@code cpu}
 *       (utilization as a fraction in [0, 1]); other columns are ignored. Rows may come in any order; each host's
 *       samples must be evenly spaced, with no duplicate or missing timestamps.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class UtilizationTrace {
  /** The PlanetLab sampling interval. */
  public static final Duration PLANETLAB_INTERVAL = Duration.ofMinutes(5);

  private final String name;
  private final Instant start;
  private final Duration interval;
  private final double[] values;

  private UtilizationTrace(String name, Instant start, Duration interval, double[] values) {
    this.name = name;
    this.start = start;
    this.interval = interval;
    this.values = values;
  }

  /**
   * A trace from values.
   *
   * @param name the machine name; never null or blank
   * @param start the start of the first sample; never null
   * @param interval the sampling interval; never null, positive
   * @param values utilization fractions in [0, 1]; never null or empty; copied
   * @return the trace; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static UtilizationTrace of(String name, Instant start, Duration interval, double[] values) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(values, "values");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty for trace " + name);
    }
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] >= 0 && values[i] <= 1)) {
        throw new IllegalArgumentException(
            "values[" + i + "] of trace " + name + " must be in [0, 1], was " + values[i]);
      }
    }
    return new UtilizationTrace(name, start, interval, values.clone());
  }

  /**
   * Reads one PlanetLab trace file.
   *
   * @param file the file; never null
   * @param start the instant of the first sample; never null
   * @return the trace, named after the file; never null
   * @throws TraceFormatException if a line is not an integer percentage in [0, 100]
   * @throws UncheckedIOException if the file cannot be read
   */
  public static UtilizationTrace readPlanetLab(Path file, Instant start) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(start, "start");
    String source = file.toString();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PlanetLab trace " + source, e);
    }
    double[] v = new double[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).trim();
      if (s.isEmpty()) {
        continue;
      }
      int pct;
      try {
        pct = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new TraceFormatException(source, i + 1, "cpu", "not an integer percentage: '" + s + "'");
      }
      if (pct < 0 || pct > 100) {
        throw new TraceFormatException(source, i + 1, "cpu", "percentage must be in [0, 100], was " + pct);
      }
      v[n++] = pct / 100.0;
    }
    if (n == 0) {
      throw new TraceFormatException(source, 0, "cpu", "no samples");
    }
    return new UtilizationTrace(file.getFileName().toString(), start, PLANETLAB_INTERVAL, Arrays.copyOf(v, n));
  }

  /**
   * Reads every PlanetLab trace file of a directory, in file name order.
   *
   * @param dir the directory (e.g. {@code planetlab/20110303}); never null
   * @param start the instant of the first sample of every trace; never null
   * @return the traces; never null
   * @throws TraceFormatException if a file is malformed
   * @throws UncheckedIOException if the directory cannot be read
   */
  public static List<UtilizationTrace> readPlanetLabDirectory(Path dir, Instant start) {
    Objects.requireNonNull(dir, "dir");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
      List<UtilizationTrace> out = new ArrayList<>(sorted.size());
      for (Path p : sorted) {
        out.add(readPlanetLab(p, start));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list PlanetLab directory " + dir, e);
    }
  }

  /**
   * Reads host traces in the CSV format described in the class documentation.
   *
   * @param reader the CSV text; never null; not closed
   * @param source a name for error messages (e.g. the file name); never null
   * @return one trace per host, in host id order; never null
   * @throws TraceFormatException if the header lacks a column, a value does not parse or is out of range, or a
   *     host's samples are not evenly spaced
   * @throws UncheckedIOException if reading fails
   */
  public static List<UtilizationTrace> readCsv(Reader reader, String source) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    Map<String, TreeMap<Instant, Double>> byHost = new TreeMap<>();
    Map<String, Long> firstLine = new TreeMap<>();
    try (CSVParser parser = CSVParser.builder().setReader(new BufferedReader(reader)).setFormat(format).get()) {
      for (String col : List.of("timestamp", "host", "cpu")) {
        if (!parser.getHeaderMap().containsKey(col)) {
          throw new TraceFormatException(source, 1, col, "missing column; header must contain timestamp,host,cpu");
        }
      }
      for (CSVRecord r : parser) {
        long line = parser.getCurrentLineNumber();
        if (!r.isConsistent()) {
          throw new TraceFormatException(source, line, "row", "has " + r.size() + " fields, header has "
              + parser.getHeaderMap().size());
        }
        Instant t = parseTime(r.get("timestamp"), source, line);
        String host = r.get("host");
        if (host.isBlank()) {
          throw new TraceFormatException(source, line, "host", "must not be blank");
        }
        double cpu;
        try {
          cpu = Double.parseDouble(r.get("cpu"));
        } catch (NumberFormatException e) {
          throw new TraceFormatException(source, line, "cpu", "not a number: '" + r.get("cpu") + "'");
        }
        if (!(cpu >= 0 && cpu <= 1)) {
          throw new TraceFormatException(source, line, "cpu", "must be a fraction in [0, 1], was " + cpu);
        }
        TreeMap<Instant, Double> series = byHost.computeIfAbsent(host, h -> new TreeMap<>());
        firstLine.putIfAbsent(host, line);
        if (series.put(t, cpu) != null) {
          throw new TraceFormatException(source, line, "timestamp", "duplicate sample " + t + " for host " + host);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace CSV " + source, e);
    }
    List<UtilizationTrace> out = new ArrayList<>(byHost.size());
    for (Map.Entry<String, TreeMap<Instant, Double>> e : byHost.entrySet()) {
      out.add(toTrace(e.getKey(), e.getValue(), source, firstLine.get(e.getKey())));
    }
    return List.copyOf(out);
  }

  private static UtilizationTrace toTrace(String host, TreeMap<Instant, Double> series, String source, long line) {
    Instant first = series.firstKey();
    Duration interval = series.size() > 1 ? Duration.between(first, series.higherKey(first)) : Duration.ofMinutes(5);
    double[] v = new double[series.size()];
    int i = 0;
    for (Map.Entry<Instant, Double> s : series.entrySet()) {
      Instant expected = first.plus(interval.multipliedBy(i));
      if (!s.getKey().equals(expected)) {
        throw new TraceFormatException(source, line, "timestamp", "samples of host " + host
            + " are not evenly spaced: expected " + expected + " (interval " + interval + "), found " + s.getKey());
      }
      v[i++] = s.getValue();
    }
    return new UtilizationTrace(host, first, interval, v);
  }

  private static Instant parseTime(String s, String source, long line) {
    try {
      if (!s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
        return Instant.ofEpochSecond(Long.parseLong(s));
      }
      return Instant.parse(s);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TraceFormatException(
          source, line, "timestamp", "not an ISO-8601 instant or epoch seconds: '" + s + "'");
    }
  }

  /**
   * The machine name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The start of the first sample.
   *
   * @return the start; never null
   */
  public Instant start() {
    return start;
  }

  /**
   * The sampling interval.
   *
   * @return the interval; never null
   */
  public Duration interval() {
    return interval;
  }

  /**
   * The number of samples.
   *
   * @return the size, {@code >= 1}
   */
  public int size() {
    return values.length;
  }

  /**
   * One sample.
   *
   * @param i the index in [0, size)
   * @return the utilization fraction in [0, 1]
   * @throws IndexOutOfBoundsException if i is out of range
   */
  public double value(int i) {
    return values[i];
  }

  /**
   * The utilization at an instant (the sample whose interval contains it).
   *
   * @param t the instant; never null
   * @return the utilization, or NaN outside the trace
   */
  public double valueAt(Instant t) {
    long n = Duration.between(start, t).toNanos();
    if (n < 0) {
      return Double.NaN;
    }
    long i = n / interval.toNanos();
    return i < values.length ? values[(int) i] : Double.NaN;
  }

  /**
   * All samples.
   *
   * @return a copy of the samples; never null
   */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public String toString() {
    return "UtilizationTrace[" + name + ", " + start + ", every " + interval + ", " + values.length + " samples]";
  }
}
