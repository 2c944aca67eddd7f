package io.stratus.benchmarks.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs the NAB evaluation on the development corpus and prints Markdown tables.
 *
 * <ol>
 *   <li>Scorer proof: NAB's windowedGaussian detector, scored at its published thresholds, against NAB's published
 *       per-file scores ({@code results/windowedGaussian/*_scores.csv}); reports the maximum absolute difference.
 *   <li>Published detectors: normalized scores over the same files, from their per-file rows in {@code results/}.
 *   <li>Stratus detectors and the ensemble: scored with NAB's rules, thresholds optimized per profile over these files.
 * </ol>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.nab.NabEvaluation [nabDir]}; the NAB
 * folder defaults to {@code ../shared/data/nab}, or the {@code stratus.shared.data} system property plus
 * {@code /nab}.
 */
public final class NabEvaluation {

  private NabEvaluation() {
  }

  /**
   * Entry point.
   *
   * @param args optional NAB folder, then optionally a regular expression selecting the Stratus detectors to
   *     score (by name, default all)
   * @throws IOException if the data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path root = args.length > 0 ? Paths.get(args[0]) : defaultRoot();
    PrintStream out = System.out;
    NabCorpus corpus = NabCorpus.load(root);
    out.printf(Locale.ROOT, "NAB corpus: %s, %d files, %d windows%n%n", root, corpus.files().size(),
        windowCount(corpus));
    Reproduction repro = reproduceWindowedGaussian(corpus);
    out.println("## Scorer proof: windowedGaussian at its published thresholds");
    out.println();
    out.println("| profile | threshold | files | max abs diff per file | Stratus raw total | NAB raw total |");
    out.println("|---|---|---|---|---|---|");
    for (Reproduction.Row r : repro.rows()) {
      out.printf(Locale.ROOT, "| %s | %s | %d | %.3g | %.6f | %.6f |%n", r.profile(), r.threshold(), r.files(),
          r.maxAbsDiff(), r.oursTotal(), r.publishedTotal());
    }
    out.println();
    Map<String, double[]> published = publishedScores(corpus);
    Map<String, double[]> ours = new LinkedHashMap<>();
    Map<String, double[]> thresholds = new LinkedHashMap<>();
    Map<String, double[]> atLabel = new LinkedHashMap<>();
    java.util.regex.Pattern select = java.util.regex.Pattern.compile(args.length > 1 ? args[1] : ".*");
    for (Map.Entry<String, Supplier<StreamingDetector>> e : NabDetectors.all().entrySet()) {
      if (!select.matcher(e.getKey()).matches()) {
        continue;
      }
      Evaluated ev = evaluate(corpus, e.getValue());
      ours.put("stratus:" + e.getKey(), ev.normalized());
      thresholds.put("stratus:" + e.getKey(), ev.thresholds());
      atLabel.put("stratus:" + e.getKey(), ev.atLabel());
    }
    out.println("## Normalized NAB scores over these files (standard / reward_low_FP / reward_low_FN)");
    out.println();
    out.println("| detector | standard | reward_low_FP | reward_low_FN | thresholds (std/lowFP/lowFN) "
        + "| at label threshold 0.5 (std/lowFP/lowFN) |");
    out.println("|---|---|---|---|---|---|");
    List<Map.Entry<String, double[]>> rows = new ArrayList<>(ours.entrySet());
    rows.addAll(published.entrySet());
    rows.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    for (Map.Entry<String, double[]> r : rows) {
      double[] t = thresholds.get(r.getKey());
      double[] l = atLabel.get(r.getKey());
      out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s |%n", r.getKey(), r.getValue()[0],
          r.getValue()[1], r.getValue()[2],
          t == null ? "published (58 files)" : String.format(Locale.ROOT, "%.4f / %.4f / %.4f", t[0], t[1], t[2]),
          l == null ? "" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", l[0], l[1], l[2]));
    }
  }

  static Path defaultRoot() {
    String shared = System.getProperty("stratus.shared.data");
    if (shared != null && !shared.isBlank()) {
      return Paths.get(shared, "nab");
    }
    return Paths.get("..", "shared", "data", "nab");
  }

  static int windowCount(NabCorpus corpus) {
    int n = 0;
    for (NabCorpus.DataFile f : corpus.files()) {
      n += f.windows().size();
    }
    return n;
  }

  /** The score at which every Stratus detector labels a point anomalous (its band edge); no tuning involved. */
  static final double LABEL_THRESHOLD = 0.5;

  /** Result of scoring one detector: normalized scores and optimized thresholds per profile. */
  record Evaluated(double[] normalized, double[] thresholds, double[] atLabel) {
  }

  static double[] run(NabCorpus.DataFile file, StreamingDetector detector) {
    double[] scores = new double[file.size()];
    long last = Long.MIN_VALUE;
    for (int i = 0; i < scores.length; i++) {
      // A few NAB files step back in time (clock changes); detectors reject that, so such rows keep the last time.
      last = Math.max(last, file.epochMillis()[i]);
      scores[i] = detector.update(last, file.values()[i]).score();
    }
    return scores;
  }

  static Evaluated evaluate(NabCorpus corpus, Supplier<StreamingDetector> factory) {
    List<double[]> scores = new ArrayList<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      scores.add(run(f, factory.get()));
    }
    return evaluateScores(corpus, scores);
  }

  static Evaluated evaluateScores(NabCorpus corpus, List<double[]> scores) {
    double[] normalized = new double[NabScorer.PROFILES.size()];
    double[] thresholds = new double[NabScorer.PROFILES.size()];
    double[] atLabel = new double[NabScorer.PROFILES.size()];
    int windows = windowCount(corpus);
    for (int p = 0; p < NabScorer.PROFILES.size(); p++) {
      NabScorer.Profile profile = NabScorer.PROFILES.get(p);
      List<NabScorer.Sweep> sweeps = new ArrayList<>();
      for (int i = 0; i < scores.size(); i++) {
        sweeps.add(NabScorer.sweep(corpus.files().get(i), scores.get(i), profile));
      }
      NabScorer.ThresholdScore best = NabScorer.optimize(sweeps, profile);
      normalized[p] = NabScorer.normalize(best.score(), windows, profile);
      thresholds[p] = best.threshold();
      double raw = 0;
      for (NabScorer.Sweep sweep : sweeps) {
        raw += NabScorer.scoreAtThreshold(sweep, profile, LABEL_THRESHOLD);
      }
      atLabel[p] = NabScorer.normalize(raw, windows, profile);
    }
    return new Evaluated(normalized, thresholds, atLabel);
  }

  /** Per-profile comparison of our windowedGaussian file scores with NAB's published ones. */
  record Reproduction(List<Row> rows) {
    record Row(String profile, double threshold, int files, double maxAbsDiff, double oursTotal,
        double publishedTotal) {
    }

    double maxAbsDiff() {
      double m = 0;
      for (Row r : rows) {
        m = Math.max(m, r.maxAbsDiff());
      }
      return m;
    }
  }

  static Reproduction reproduceWindowedGaussian(NabCorpus corpus) throws IOException {
    Path results = corpus.root().resolve("results");
    JsonNode thresholds = new ObjectMapper().readTree(results.resolve("thresholds.json").toFile());
    Map<String, double[]> scores = new HashMap<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      WindowedGaussianDetector d = new WindowedGaussianDetector();
      double[] s = new double[f.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = WindowedGaussianDetector.roundAsNab(d.handle(f.values()[i]));
      }
      scores.put(f.name(), s);
    }
    List<Reproduction.Row> rows = new ArrayList<>();
    for (NabScorer.Profile profile : NabScorer.PROFILES) {
      double threshold = thresholds.get("windowedGaussian").get(profile.name()).get("threshold").asDouble();
      Map<String, Double> published = readFileScores(
          results.resolve("windowedGaussian").resolve("windowedGaussian_" + profile.name() + "_scores.csv"));
      double maxDiff = 0;
      double ours = 0;
      double theirs = 0;
      int files = 0;
      for (NabCorpus.DataFile f : corpus.files()) {
        Double p = published.get(f.name());
        if (p == null) {
          throw new IOException("no published windowedGaussian row for " + f.name());
        }
        double s = NabScorer.scoreAtThreshold(NabScorer.sweep(f, scores.get(f.name()), profile), profile, threshold);
        maxDiff = Math.max(maxDiff, Math.abs(s - p));
        ours += s;
        theirs += p;
        files++;
      }
      rows.add(new Reproduction.Row(profile.name(), threshold, files, maxDiff, ours, theirs));
    }
    return new Reproduction(rows);
  }

  /** Normalized scores of every published detector over the corpus files, from their per-file rows. */
  static Map<String, double[]> publishedScores(NabCorpus corpus) throws IOException {
    Map<String, double[]> out = new TreeMap<>();
    int windows = windowCount(corpus);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(corpus.root().resolve("results"), Files::isDirectory)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        double[] normalized = new double[NabScorer.PROFILES.size()];
        boolean complete = true;
        for (int p = 0; p < NabScorer.PROFILES.size(); p++) {
          NabScorer.Profile profile = NabScorer.PROFILES.get(p);
          Path csv = dir.resolve(name + "_" + profile.name() + "_scores.csv");
          if (!Files.exists(csv)) {
            complete = false;
            break;
          }
          Map<String, Double> rows = readFileScores(csv);
          double total = 0;
          for (NabCorpus.DataFile f : corpus.files()) {
            Double s = rows.get(f.name());
            if (s == null) {
              complete = false;
              break;
            }
            total += s;
          }
          normalized[p] = NabScorer.normalize(total, windows, profile);
        }
        out.put(complete ? "NAB:" + name : "NAB:" + name + " (incomplete rows)", normalized);
      }
    }
    return out;
  }

  /** Reads a NAB {@code *_scores.csv}: File column to Score column. */
  static Map<String, Double> readFileScores(Path csv) {
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split(",");
      int fileCol = -1;
      int scoreCol = -1;
      for (int i = 0; i < header.length; i++) {
        if (header[i].trim().equals("File")) {
          fileCol = i;
        } else if (header[i].trim().equals("Score")) {
          scoreCol = i;
        }
      }
      if (fileCol < 0 || scoreCol < 0) {
        throw new IOException(csv + ": missing File or Score column");
      }
      Map<String, Double> out = new HashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        out.put(cells[fileCol].trim(), Double.parseDouble(cells[scoreCol].trim()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
