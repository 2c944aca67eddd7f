package io.stratus.benchmarks.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.timeseries.anomaly.Detectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes NAB-layout results for the shipped default detector: {@code <out>/stratus/<category>/stratus_<file>.csv} with
 * the columns of NAB's own results files, {@code timestamp,value,anomaly_score,label} followed by the per-row scoring
 * function {@code S(t)_reward_low_FN_rate,S(t)_reward_low_FP_rate,S(t)_standard} (NAB's weighted sweep score of the
 * row, which NAB's scorer appends; {@link NabScorer#rowScores}), and {@code <out>/thresholds.json} holding the
 * library's fixed threshold for every profile (with the raw score at it when labels are available), so NAB's own scorer can
 * score Stratus on any corpus in its layout.
 */
final class NabResultsWriter {

  static final String DETECTOR = "stratus";
  private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /**
   * Profiles (indices into {@link NabScorer#PROFILES}) in the order of the {@code S(t)_<profile>} columns of NAB's
   * own results files: reward_low_FN_rate, reward_low_FP_rate, standard.
   */
  static final List<Integer> COLUMN_ORDER = List.of(2, 1, 0);

  /** What was written. */
  record Summary(int files, long rows, boolean labelled) {
  }

  private NabResultsWriter() {
  }

  static Summary write(Path dataDir, Path windowsFile, Path outDir) throws IOException {
    JsonNode windows = Files.exists(windowsFile) ? new ObjectMapper().readTree(windowsFile.toFile()) : null;
    List<Path> csvs;
    try (Stream<Path> s = Files.walk(dataDir, 2)) {
      csvs = s.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getParent().equals(dataDir)).sorted()
          .toList();
    }
    if (csvs.isEmpty()) {
      throw new IOException(dataDir + ": no <category>/<file>.csv data files (NAB layout)");
    }
    long rows = 0;
    double[] raw = new double[NabScorer.PROFILES.size()];
    boolean labelled = windows != null;
    for (Path csv : csvs) {
      String category = csv.getParent().getFileName().toString();
      String name = category + "/" + csv.getFileName();
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,value")) {
        throw new IOException(csv + ": line 1: expected header 'timestamp,value'");
      }
      int n = lines.size() - 1;
      String[] stamps = new String[n];
      String[] values = new String[n];
      long[] ts = new long[n];
      double[] vs = new double[n];
      for (int i = 0; i < n; i++) {
        String line = lines.get(i + 1);
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw new IOException(csv + ": line " + (i + 2) + ": no comma in '" + line + "'");
        }
        stamps[i] = line.substring(0, comma).trim();
        values[i] = line.substring(comma + 1).trim();
        ts[i] = LocalDateTime.parse(stamps[i], DATA_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        vs[i] = Double.parseDouble(values[i]);
      }
      List<int[]> fileWindows = new ArrayList<>();
      if (windows != null) {
        JsonNode w = windows.get(name);
        if (w == null) {
          labelled = false;
        } else {
          for (JsonNode win : w) {
            fileWindows.add(new int[] {indexOf(ts, win.get(0).asText(), name), indexOf(ts, win.get(1).asText(), name)});
          }
        }
      }
      NabCorpus.DataFile file = new NabCorpus.DataFile(name, ts, vs, List.copyOf(fileWindows));
      double[] scores = NabEvaluation.run(file, Detectors.ensemble());
      int[] label = new int[n];
      for (int[] w : fileWindows) {
        for (int i = w[0]; i <= w[1]; i++) {
          label[i] = 1;
        }
      }
      Path target = outDir.resolve(DETECTOR).resolve(category).resolve(DETECTOR + "_" + csv.getFileName());
      Files.createDirectories(target.getParent());
      double[][] rowScores = new double[COLUMN_ORDER.size()][];
      for (int p = 0; p < rowScores.length; p++) {
        rowScores[p] = NabScorer.rowScores(file, NabScorer.PROFILES.get(COLUMN_ORDER.get(p)));
      }
      try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
        StringBuilder header = new StringBuilder("timestamp,value,anomaly_score,label");
        for (int p : COLUMN_ORDER) {
          header.append(",S(t)_").append(NabScorer.PROFILES.get(p).name());
        }
        out.write(header.append('\n').toString());
        for (int i = 0; i < n; i++) {
          StringBuilder row = new StringBuilder(stamps[i]).append(',').append(values[i]).append(',')
              .append(String.format(Locale.ROOT, "%.12g", scores[i])).append(',').append(label[i]);
          for (double[] column : rowScores) {
            row.append(',').append(column[i]);
          }
          out.write(row.append('\n').toString());
        }
      }
      rows += n;
      if (labelled) {
        for (int p = 0; p < raw.length; p++) {
          NabScorer.Profile profile = NabScorer.PROFILES.get(p);
          raw[p] += NabScorer.scoreAtThreshold(NabScorer.sweep(file, scores, profile), profile,
              Detectors.ALERT_THRESHOLD);
        }
      }
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode det = root.putObject(DETECTOR);
    for (int p = 0; p < raw.length; p++) {
      ObjectNode node = det.putObject(NabScorer.PROFILES.get(p).name());
      if (labelled) {
        node.put("score", raw[p]);
      }
      node.put("threshold", Detectors.ALERT_THRESHOLD);
    }
    Files.createDirectories(outDir);
    mapper.writeValue(outDir.resolve("thresholds.json").toFile(), root);
    return new Summary(csvs.size(), rows, labelled);
  }

  private static int indexOf(long[] ts, String windowTime, String file) throws IOException {
    long t = LocalDateTime.parse(windowTime, WINDOW_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] == t) {
        return i;
      }
    }
    throw new IOException(file + ": window edge " + windowTime + " is not a data timestamp");
  }
}
