package io.stratus.benchmarks.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The NAB data files with their anomaly windows, loaded from a NAB folder ({@code data/}, {@code labels/}). */
final class NabCorpus {

  private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /**
   * One data file: its relative name (e.g. {@code realKnownCause/nyc_taxi.csv}), rows, and windows as inclusive row
   * index pairs.
   */
  record DataFile(String name, long[] epochMillis, double[] values, List<int[]> windows) {
    int size() {
      return values.length;
    }
  }

  private final Path root;
  private final Map<String, DataFile> files;

  private NabCorpus(Path root, Map<String, DataFile> files) {
    this.root = root;
    this.files = files;
  }

  Path root() {
    return root;
  }

  /** Files in name order. */
  List<DataFile> files() {
    return List.copyOf(files.values());
  }

  static NabCorpus load(Path nabRoot) {
    return load(nabRoot, name -> true);
  }

  /** Loads the labelled files whose relative name passes {@code filter}. */
  static NabCorpus load(Path nabRoot, java.util.function.Predicate<String> filter) {
    try {
      JsonNode windows = new ObjectMapper().readTree(nabRoot.resolve("labels/combined_windows.json").toFile());
      Map<String, DataFile> files = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = windows.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!filter.test(e.getKey())) {
          continue;
        }
        files.put(e.getKey(), readFile(nabRoot.resolve("data").resolve(e.getKey()), e.getKey(), e.getValue()));
      }
      return new NabCorpus(nabRoot, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB corpus at " + nabRoot, e);
    }
  }

  private static DataFile readFile(Path csv, String name, JsonNode windowNode) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,value")) {
      throw new IOException(csv + ": expected header 'timestamp,value'");
    }
    int n = lines.size() - 1;
    long[] ts = new long[n];
    double[] vs = new double[n];
    Map<Long, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      String line = lines.get(i + 1);
      int comma = line.indexOf(',');
      if (comma < 0) {
        throw new IOException(csv + ": line " + (i + 2) + " has no comma: " + line);
      }
      ts[i] = LocalDateTime.parse(line.substring(0, comma).trim(), DATA_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      vs[i] = Double.parseDouble(line.substring(comma + 1).trim());
      index.put(ts[i], i);
    }
    List<int[]> windows = new ArrayList<>();
    for (JsonNode w : windowNode) {
      long from = LocalDateTime.parse(w.get(0).asText(), WINDOW_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      long to = LocalDateTime.parse(w.get(1).asText(), WINDOW_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      Integer a = index.get(from);
      Integer b = index.get(to);
      if (a == null || b == null) {
        throw new IOException(name + ": window " + w + " does not start and end on data timestamps");
      }
      windows.add(new int[] {a, b});
    }
    return new DataFile(name, ts, vs, List.copyOf(windows));
  }
}
