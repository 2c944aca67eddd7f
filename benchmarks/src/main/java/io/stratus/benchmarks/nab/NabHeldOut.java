package io.stratus.benchmarks.nab;

import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Held-out NAB evaluation: leave-one-category-out cross-validation (LOCO), the shipped default at its fixed library
 * threshold, and NAB-layout results files.
 *
 * <ul>
 *   <li>{@code loco} (default mode): for each of the corpus' categories, the candidate detector and its threshold are
 *       chosen with NAB's optimizer on the other categories only, and the held-out category is scored at that
 *       threshold. The raw held-out file scores of all folds are summed and normalized the way NAB normalizes a corpus
 *       (by the null and perfect scores of all windows of the union), one figure per profile. Also prints, per
 *       candidate, the in-sample score (threshold optimized on everything) and its LOCO score with the candidate
 *       fixed (only the threshold chosen per fold). The nested figures are printed for two candidate-choice rules:
 *       best optimized score on the training categories, and best inner leave-one-category-out score inside them
 *       ({@link NabInnerSelection}, the headline in rounds 7-10), and for round 11's rule: one candidate per fold for
 *       all profiles, only the threshold per profile ({@link NabInnerSelection#oneConfiguration}).
 *   <li>{@code files}: per-file standard scores of the selected candidates at their in-sample threshold, beside
 *       numenta's (for analysis only).
 *   <li>{@code default}: the shipped default ({@link Detectors#ensemble()}) at its library constant
 *       {@link Detectors#ALERT_THRESHOLD}, no optimization, per category and over the corpus.
 *   <li>{@code peer}: the contextOSE peer as NAB runs it, with each file's minimum and maximum given in advance
 *       ({@link ContextOseDetector#withFileRange}), in-sample and LOCO with the threshold per fold; never a candidate.
 *   <li>{@code --data DIR --out DIR}: writes NAB-layout results for the shipped default ({@link NabResultsWriter}).
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.nab.NabHeldOut [--nab DIR]
 * [--mode loco|default|peer] [--candidates REGEX] [--cache DIR]} or {@code ... NabHeldOut --data DIR --out DIR
 * [--labels FILE]}. The NAB folder defaults to {@code ../shared/data/nab}; detector scores are cached per file under
 * {@code /tmp/nab-cache}.
 */
public final class NabHeldOut {

  private NabHeldOut() {
  }

  /**
   * Entry point.
   *
   * @param args see the class documentation
   * @throws IOException if data cannot be read or results cannot be written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> opts = parse(args);
    PrintStream out = System.out;
    if (opts.containsKey("data") || opts.containsKey("out")) {
      if (!opts.containsKey("data") || !opts.containsKey("out")) {
        throw new IllegalArgumentException("--data and --out go together");
      }
      Path data = Paths.get(opts.get("data"));
      Path labels = opts.containsKey("labels") ? Paths.get(opts.get("labels"))
          : data.toAbsolutePath().getParent().resolve("labels/combined_windows.json");
      NabResultsWriter.Summary s = NabResultsWriter.write(data, labels, Paths.get(opts.get("out")));
      out.printf(Locale.ROOT, "wrote %d files (%d rows) under %s; threshold %s; labels %s%n", s.files(), s.rows(),
          opts.get("out"), Detectors.ALERT_THRESHOLD, s.labelled() ? labels : "absent (label column 0)");
      return;
    }
    Path root = opts.containsKey("nab") ? Paths.get(opts.get("nab")) : NabEvaluation.defaultRoot();
    NabCorpus corpus = NabCorpus.load(root);
    NabScoreCache cache = new NabScoreCache(Paths.get(opts.getOrDefault("cache", "/tmp/nab-cache")));
    String mode = opts.getOrDefault("mode", "loco");
    out.printf(Locale.ROOT, "NAB corpus: %s, %d files, %d windows, categories %s%n%n", root, corpus.files().size(),
        NabEvaluation.windowCount(corpus), categories(corpus));
    if (mode.equals("default")) {
      printFixed(out, corpus, cache.scores("default", corpus, Detectors::ensemble), Detectors.ALERT_THRESHOLD);
      return;
    }
    if (mode.equals("peer")) {
      // The contextOSE peer as NAB runs it (file min/max in advance): a benchmark peer, never a candidate.
      List<double[]> peer = new ArrayList<>();
      for (NabCorpus.DataFile f : corpus.files()) {
        peer.add(NabEvaluation.run(f, ContextOseDetector.withFileRange(f.values())));
      }
      loco(out, corpus, Map.of("contextOSE-fileRange", peer));
      return;
    }
    Pattern select = Pattern.compile(opts.getOrDefault("candidates", ".*"));
    if (mode.equals("files")) {
      for (Map.Entry<String, Supplier<StreamingDetector>> e : NabCandidates.all().entrySet()) {
        if (select.matcher(e.getKey()).matches()) {
          printFiles(out, corpus, e.getKey(), cache.scores(e.getKey(), corpus, e.getValue()));
        }
      }
      return;
    }
    Map<String, List<double[]>> scores = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<StreamingDetector>> e : NabCandidates.all().entrySet()) {
      if (select.matcher(e.getKey()).matches()) {
        scores.put(e.getKey(), cache.scores(e.getKey(), corpus, e.getValue()));
      }
    }
    loco(out, corpus, scores);
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "' at position " + i);
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }

  static String category(NabCorpus.DataFile f) {
    return f.name().substring(0, f.name().indexOf('/'));
  }

  static List<String> categories(NabCorpus corpus) {
    TreeSet<String> s = new TreeSet<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      s.add(category(f));
    }
    return List.copyOf(s);
  }

  /** Result of LOCO for one profile: summed held-out raw score, normalized, and per fold what was chosen. */
  record Loco(double raw, double normalized, List<Fold> folds) {
  }

  /** One fold: held-out category, chosen candidate and threshold, held-out raw score and window count. */
  record Fold(String category, String candidate, double threshold, double raw, int windows) {
  }

  /**
   * Per candidate: its sweeps of every file, its NAB-optimal threshold on each fold's training categories, and its
   * rows sorted for optimizing on any subset of categories.
   */
  record Prepared(List<NabScorer.Sweep> sweeps, List<NabScorer.ThresholdScore> trainOptima,
      NabInnerSelection.Sorted sorted) {
  }

  static Map<String, Prepared> prepare(NabCorpus corpus, Map<String, List<double[]>> scores,
      NabScorer.Profile profile) {
    List<NabCorpus.DataFile> files = corpus.files();
    int all = (1 << categories(corpus).size()) - 1;
    Map<String, Prepared> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<double[]>> e : scores.entrySet()) {
      List<NabScorer.Sweep> s = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        s.add(NabScorer.sweep(files.get(i), e.getValue().get(i), profile));
      }
      NabInnerSelection.Sorted sorted = new NabInnerSelection.Sorted(corpus, s, profile);
      List<NabScorer.ThresholdScore> optima = new ArrayList<>();
      for (int held = 0; held < categories(corpus).size(); held++) {
        optima.add(sorted.optimize(all & ~(1 << held)));
      }
      out.put(e.getKey(), new Prepared(s, optima, sorted));
    }
    return out;
  }

  /**
   * Leave-one-category-out: per fold, picks the candidate and threshold with the best NAB raw score over the other
   * categories (never looking at the held-out one), then scores the held-out category at that threshold. Candidates
   * are tried in map order; ties keep the earlier one.
   */
  static Loco loco(NabCorpus corpus, Map<String, Prepared> prepared, NabScorer.Profile profile) {
    List<NabCorpus.DataFile> files = corpus.files();
    List<String> categories = categories(corpus);
    double total = 0;
    List<Fold> folds = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      String held = categories.get(c);
      String bestName = null;
      NabScorer.ThresholdScore best = null;
      for (Map.Entry<String, Prepared> e : prepared.entrySet()) {
        if (prepared.size() > 1 && e.getKey().startsWith("baseline-")) {
          continue; // baselines are reported, never chosen (the previous default was designed on these files)
        }
        NabScorer.ThresholdScore t = e.getValue().trainOptima().get(c);
        if (best == null || t.score() > best.score()) {
          best = t;
          bestName = e.getKey();
        }
      }
      double raw = 0;
      int windows = 0;
      for (int i = 0; i < files.size(); i++) {
        if (category(files.get(i)).equals(held)) {
          raw += NabScorer.scoreAtThreshold(prepared.get(bestName).sweeps().get(i), profile, best.threshold());
          windows += files.get(i).windows().size();
        }
      }
      total += raw;
      folds.add(new Fold(held, bestName, best.threshold(), raw, windows));
    }
    return new Loco(total, NabScorer.normalize(total, NabEvaluation.windowCount(corpus), profile), folds);
  }

  private static void loco(PrintStream out, NabCorpus corpus, Map<String, List<double[]>> scores) {
    List<Map<String, Prepared>> byProfile = new ArrayList<>();
    for (NabScorer.Profile profile : NabScorer.PROFILES) {
      byProfile.add(prepare(corpus, scores, profile));
    }
    out.println("## Per candidate: in-sample (threshold optimized on all files) and LOCO with the candidate fixed");
    out.println();
    out.println("| candidate | in-sample std / lowFP / lowFN | LOCO (threshold per fold) std / lowFP / lowFN "
        + "| std thresholds per fold |");
    out.println("|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : scores.entrySet()) {
      NabEvaluation.Evaluated in = NabEvaluation.evaluateScores(corpus, e.getValue());
      double[] held = new double[3];
      StringBuilder thr = new StringBuilder();
      for (int p = 0; p < 3; p++) {
        Loco l = loco(corpus, Map.of(e.getKey(), byProfile.get(p).get(e.getKey())), NabScorer.PROFILES.get(p));
        held[p] = l.normalized();
        if (p == 0) {
          for (Fold f : l.folds()) {
            thr.append(thr.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", f.threshold()));
          }
        }
      }
      out.printf(Locale.ROOT, "| %s | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %s |%n", e.getKey(),
          in.normalized()[0], in.normalized()[1], in.normalized()[2], held[0], held[1], held[2], thr);
    }
    out.println();
    printNested(out, corpus, byProfile, "## Nested LOCO: candidate and threshold chosen on five categories, sixth "
        + "scored, candidate by its optimized score on the five", (prepared, profile) -> loco(corpus, prepared, profile));
    printNested(out, corpus, byProfile, "## Nested LOCO, candidate chosen by inner LOCO on the five training categories "
        + "(how its threshold transfers between them)", (prepared, profile) -> NabInnerSelection.loco(corpus, prepared,
            profile));
    List<Loco> one = NabInnerSelection.oneConfiguration(corpus, byProfile);
    printNested(out, corpus, byProfile, "## Nested LOCO, ONE candidate per fold for all profiles (round 11's rule B): "
        + "chosen by inner-LOCO standard score (ties by inner-LOCO reward_low_FP), only the threshold per profile",
        (prepared, profile) -> one.get(NabScorer.PROFILES.indexOf(profile)));
  }

  private static void printNested(PrintStream out, NabCorpus corpus, List<Map<String, Prepared>> byProfile,
      String title, java.util.function.BiFunction<Map<String, Prepared>, NabScorer.Profile, Loco> rule) {
    out.println(title);
    out.println();
    for (int p = 0; p < 3; p++) {
      NabScorer.Profile profile = NabScorer.PROFILES.get(p);
      Loco l = rule.apply(byProfile.get(p), profile);
      out.printf(Locale.ROOT, "### %s: held-out normalized score %.2f (raw %.4f)%n%n", profile.name(),
          l.normalized(), l.raw());
      out.println("| held-out category | windows | chosen candidate | threshold | held-out raw | held-out normalized "
          + "| numenta on the same files |");
      out.println("|---|---|---|---|---|---|---|");
      for (Fold f : l.folds()) {
        double numenta = published(corpus, "numenta", f.category())[p];
        out.printf(Locale.ROOT, "| %s | %d | %s | %.4f | %.4f | %s | %s |%n", f.category(), f.windows(),
            f.candidate(), f.threshold(), f.raw(), f.windows() == 0 ? "n/a (no windows)"
                : String.format(Locale.ROOT, "%.2f", NabScorer.normalize(f.raw(), f.windows(), profile)),
            Double.isNaN(numenta) ? "n/a" : String.format(Locale.ROOT, "%.2f", numenta));
      }
      out.println();
    }
  }

  /** Per-file standard raw scores of one candidate at its in-sample threshold, beside numenta's published rows. */
  private static void printFiles(PrintStream out, NabCorpus corpus, String name, List<double[]> scores) {
    NabScorer.Profile standard = NabScorer.PROFILES.get(0);
    List<NabScorer.Sweep> sweeps = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      sweeps.add(NabScorer.sweep(corpus.files().get(i), scores.get(i), standard));
    }
    double threshold = NabScorer.optimize(sweeps, standard).threshold();
    Map<String, Double> numenta = NabEvaluation.readFileScores(
        corpus.root().resolve("results/numenta/numenta_standard_scores.csv"));
    out.printf(Locale.ROOT, "## %s: standard raw score per file at its in-sample threshold %.4f%n%n", name, threshold);
    out.println("| file | windows | detections | raw | numenta raw |");
    out.println("|---|---|---|---|---|");
    for (int i = 0; i < scores.size(); i++) {
      int detections = 0;
      for (double v : sweeps.get(i).anomalyScores()) {
        detections += v >= threshold ? 1 : 0;
      }
      NabCorpus.DataFile f = corpus.files().get(i);
      out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |%n", f.name(), f.windows().size(), detections,
          NabScorer.scoreAtThreshold(sweeps.get(i), standard, threshold), numenta.getOrDefault(f.name(), Double.NaN));
    }
    out.println();
  }

  /** Scores at one fixed threshold, per category and over the corpus, for every profile. */
  static double[] fixed(NabCorpus corpus, List<double[]> scores, double threshold, String onlyCategory) {
    double[] normalized = new double[3];
    List<NabCorpus.DataFile> files = corpus.files();
    for (int p = 0; p < 3; p++) {
      NabScorer.Profile profile = NabScorer.PROFILES.get(p);
      double raw = 0;
      int windows = 0;
      for (int i = 0; i < files.size(); i++) {
        if (onlyCategory == null || category(files.get(i)).equals(onlyCategory)) {
          raw += NabScorer.scoreAtThreshold(NabScorer.sweep(files.get(i), scores.get(i), profile), profile,
              threshold);
          windows += files.get(i).windows().size();
        }
      }
      normalized[p] = windows == 0 ? Double.NaN : NabScorer.normalize(raw, windows, profile);
    }
    return normalized;
  }

  private static void printFixed(PrintStream out, NabCorpus corpus, List<double[]> scores, double threshold) {
    out.printf(Locale.ROOT, "## Shipped default (Detectors.ensemble()) at its fixed threshold %s%n%n", threshold);
    out.println("Standard / reward_low_FP / reward_low_FN; published peers from their per-file rows on the same files.");
    out.println();
    out.println("| files | stratus default | " + String.join(" | ", PEERS) + " |");
    out.println("|---|---|" + "---|".repeat(PEERS.size()));
    List<String> rows = new ArrayList<>(categories(corpus));
    rows.add(null);
    for (String c : rows) {
      double[] n = fixed(corpus, scores, threshold, c);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", c == null ? "all" : c,
          triple(n)));
      for (String peer : PEERS) {
        line.append(' ').append(triple(published(corpus, peer, c))).append(" |");
      }
      out.println(line);
    }
  }

  /** Published detectors shown beside ours. */
  static final List<String> PEERS = List.of("ARTime", "contextOSE", "numenta", "earthgeckoSkyline",
      "relativeEntropy", "randomCutForest", "knncad");

  private static String triple(double[] n) {
    return Double.isNaN(n[0]) ? "n/a (no windows)"
        : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", n[0], n[1], n[2]);
  }

  /** A published detector's normalized scores over one category (or all files), from its per-file rows. */
  static double[] published(NabCorpus corpus, String detector, String onlyCategory) {
    double[] normalized = new double[3];
    for (int p = 0; p < 3; p++) {
      NabScorer.Profile profile = NabScorer.PROFILES.get(p);
      Map<String, Double> rows = NabEvaluation.readFileScores(corpus.root().resolve("results").resolve(detector)
          .resolve(detector + "_" + profile.name() + "_scores.csv"));
      double raw = 0;
      int windows = 0;
      for (NabCorpus.DataFile f : corpus.files()) {
        if (onlyCategory == null || category(f).equals(onlyCategory)) {
          Double v = rows.get(f.name());
          if (v == null) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
          }
          raw += v;
          windows += f.windows().size();
        }
      }
      normalized[p] = windows == 0 ? Double.NaN : NabScorer.normalize(raw, windows, profile);
    }
    return normalized;
  }
}
