package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.stratus.timeseries.anomaly.DetectorOptions.Seasonality;
import io.stratus.timeseries.forecast.Forecaster;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Creates the built-in streaming detectors. Thread-safe (stateless); each call returns a new, independent,
 * not-thread-safe detector.
 *
 * <p>Every factory has a no-argument form using {@link DetectorOptions#defaults()} and a form taking options, where
 * the band width sets the sensitivity and the exclusion schedule keeps marked periods (deployments, maintenance) out
 * of training.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Detectors {

  private Detectors() {
  }

  /**
   * Creates a robust rolling z-score detector: deviation from the median of the last {@code window} points in units
   * of their scaled median absolute deviation.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector robustZScore() {
    return robustZScore(DetectorOptions.defaults());
  }

  /**
   * Creates a robust rolling z-score detector with the given options.
   *
   * @param options sensitivity, window, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector robustZScore(DetectorOptions options) {
    return new RobustZScoreDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates an EWMA band detector: deviation from an exponentially weighted mean in units of the exponentially
   * weighted standard deviation, with span {@code window}.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector ewma() {
    return ewma(DetectorOptions.defaults());
  }

  /**
   * Creates an EWMA band detector with the given options.
   *
   * @param options sensitivity, span, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector ewma(DetectorOptions options) {
    return new EwmaDetector(Objects.requireNonNull(options, "options"));
  }
  /**
   * Creates a seasonal dynamic baseline: an adaptive mean and deviation per hour of day or hour of week
   * ({@link DetectorOptions#seasonality()}), in the offset {@link DetectorOptions#zone()}.
   *
   * @return a new detector with default options (hour of day, UTC), never null
   */
  public static StreamingDetector seasonalBaseline() {
    return seasonalBaseline(DetectorOptions.defaults());
  }

  /**
   * Creates a seasonal dynamic baseline with the given options.
   *
   * @param options sensitivity, memory, seasonality, zone, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector seasonalBaseline(DetectorOptions options) {
    return new SeasonalBaselineDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates a level-shift detector: a two-sided CUSUM ({@link io.stratus.timeseries.changepoint.Cusum}) over points
   * standardized by a slow exponentially weighted baseline, which re-centres after each signalled shift.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector cusum() {
    return cusum(DetectorOptions.defaults());
  }

  /**
   * Creates a level-shift (CUSUM) detector with the given options; the decision interval is twice the band width.
   *
   * @param options sensitivity, memory, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector cusum(DetectorOptions options) {
    return new CusumDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates a Bayesian online change-point detector ({@link io.stratus.timeseries.changepoint.BayesianChangePoint})
   * over points standardized by a slow exponentially weighted baseline; the score is the posterior probability of a
   * level change within the last 5 points.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector bayesianChangePoint() {
    return bayesianChangePoint(DetectorOptions.defaults());
  }

  /**
   * Creates a Bayesian online change-point detector with the given options (the window sets the baseline span and a
   * change hazard of {@code 1 / window}; points in excluded periods score 0 and are not learned).
   *
   * @param options memory, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector bayesianChangePoint(DetectorOptions options) {
    return new BayesianChangePointDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates a streaming half-space-trees forest (an isolation-style ML detector) over shingles of the last four
   * standardized values, with masses counted over windows of {@code window} points.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector halfSpaceTrees() {
    return halfSpaceTrees(DetectorOptions.defaults());
  }

  /**
   * Creates a streaming half-space-trees forest with the given options; the seed fixes the random trees.
   *
   * @param options sensitivity, window, seed and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector halfSpaceTrees(DetectorOptions options) {
    return new HalfSpaceTreesDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates a forecast-residual detector: {@code forecaster} is fitted to the last {@code window} points every
   * {@code refitEvery} points, and each point is scored by its deviation from the forecast in units of the forecast's
   * standard deviation. Between refits, state-space models (the ETS family: SES, Holt, damped trend, Holt-Winters,
   * ETS) update their state with every point and score it against the one-step-ahead forecast, at {@code O(1)} per
   * point; other methods score each point against its step of a {@code refitEvery}-step forecast from the last fit.
   * Points score 0 until the first fit. Refits dominate the cost, so prefer a {@code refitEvery} of a few windows for
   * state-space models.
   *
   * @param forecaster the forecasting method, e.g. {@code Forecasters.ets(24)}
   * @param refitEvery points between parameter re-estimations (for methods without state recursions also the
   *     forecast horizon); at least 1
   * @param options sensitivity, window (the training length) and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code forecaster} or {@code options} is null
   * @throws IllegalArgumentException if {@code refitEvery < 1}
   */
  public static StreamingDetector forecastResidual(Forecaster forecaster, int refitEvery, DetectorOptions options) {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(options, "options");
    if (refitEvery < 1) {
      throw new IllegalArgumentException("refitEvery must be >= 1, was " + refitEvery);
    }
    return new ForecastResidualDetector(options, forecaster, refitEvery);
  }

  /**
   * Creates a contextual novelty detector: values are quantized to 8 levels over the range seen so far and the score
   * is the share of the point's recent level sequences (lengths 1 to 6) not seen within the last {@code 32 * window}
   * points. Its score is raw (not calibrated to a band); wrap it in a calibration stage
   * ({@link #rank(StreamingDetector, DetectorOptions)}, as the default ensemble does) before comparing it with a
   * threshold.
   *
   * @param options memory, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector contextual(DetectorOptions options) {
    return contextual(options, ContextDetector.LEVELS, ContextDetector.DEPTH);
  }

  /**
   * Creates a contextual novelty detector with explicit quantization, otherwise as
   * {@link #contextual(DetectorOptions)}.
   *
   * @param options memory, warm-up and exclusions
   * @param levels how many levels the learned range is cut into, in {@code [2, 65536]}
   * @param depth the longest level sequence looked up, in {@code [1, 32]}
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if {@code levels} or {@code depth} is out of range
   */
  public static StreamingDetector contextual(DetectorOptions options, int levels, int depth) {
    Objects.requireNonNull(options, "options");
    if (levels < 2 || levels > ContextDetector.MAX_LEVELS) {
      throw new IllegalArgumentException("levels must be within [2, " + ContextDetector.MAX_LEVELS + "], was "
          + levels);
    }
    if (depth < 1 || depth > ContextDetector.MAX_DEPTH) {
      throw new IllegalArgumentException("depth must be within [1, " + ContextDetector.MAX_DEPTH + "], was " + depth);
    }
    return new ContextDetector(options, levels, depth, 32L * options.window());
  }

  /**
   * Creates an adaptive-resonance detector (after ARTime's outline: dual-vigilance fuzzy ART on windows of
   * downsampled values and their wavelet shape, with adaptive vigilances and masking of patterns already reported),
   * downsampling by blocks of 4 points. It scores only when a pattern founds a new cluster and is not masked, so its
   * scores are sparse; it learns its vigilance from its first 416 points (scoring 0 meanwhile). Memory is bounded (at
   * most 256 categories of 32 weights); points in excluded periods score 0 and are not learned.
   *
   * @param options exclusions (the other options are not used)
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector adaptiveResonance(DetectorOptions options) {
    return adaptiveResonance(options, ResonanceDetector.DEFAULT_STEP);
  }

  /**
   * Creates an adaptive-resonance detector with an explicit downsampling block, otherwise as
   * {@link #adaptiveResonance(DetectorOptions)}; its warm-up is {@code 104 * step} points.
   *
   * @param options exclusions (the other options are not used)
   * @param step points per downsampling block, in {@code [1, 65536]}
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if {@code step} is out of range
   */
  public static StreamingDetector adaptiveResonance(DetectorOptions options, int step) {
    Objects.requireNonNull(options, "options");
    if (step < 1 || step > ResonanceDetector.MAX_STEP) {
      throw new IllegalArgumentException("step must be within [1, " + ResonanceDetector.MAX_STEP + "], was " + step);
    }
    return new ResonanceDetector(options, step);
  }

  /**
   * Creates a conformal nearest-neighbour detector (after KNN-CAD): a point's pattern is its value with the
   * {@code dim - 1} values before it; its non-conformity is the sum of the distances to its {@code k} nearest patterns
   * among the last {@link DetectorOptions#window()} ones (overlapping patterns excluded), and its score is the share
   * of the last {@code window} non-conformities strictly below it, a conformal score in {@code [0, 1]}. That score is
   * about uniform on ordinary data (half the points reach 0.5), so it is not calibrated to the 0.5 alert point: compare
   * it with a threshold near 1 or wrap it in {@link #rank(StreamingDetector, DetectorOptions)}. Scores 0 until
   * {@code window / 4} non-conformities are known. Memory is {@code window * (dim + 1)} numbers and time per point
   * {@code O(window * dim)}; points in excluded periods are scored but not learned.
   *
   * @param options memory (window) and exclusions
   * @param dim pattern length, in {@code [1, 64]}
   * @param k neighbours summed, in {@code [1, window]}
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if {@code dim} or {@code k} is out of range
   */
  public static StreamingDetector nearestNeighbours(DetectorOptions options, int dim, int k) {
    Objects.requireNonNull(options, "options");
    if (dim < 1 || dim > NeighbourDetector.MAX_DIM) {
      throw new IllegalArgumentException("dim must be within [1, " + NeighbourDetector.MAX_DIM + "], was " + dim);
    }
    if (k < 1 || k > options.window()) {
      throw new IllegalArgumentException("k must be within [1, window = " + options.window() + "], was " + k);
    }
    return new NeighbourDetector(options, dim, k);
  }

  /**
   * Creates a streaming Robust Random Cut Forest (after Guha et al., ICML 2016) with {@value #DEFAULT_FOREST_SHINGLE}
   * values per shingle, {@value #DEFAULT_FOREST_TREES} trees and {@value #DEFAULT_FOREST_SAMPLE} shingles per tree; see
   * {@link #randomCutForest(DetectorOptions, int, int, int)}.
   *
   * @param options band width, warm-up, seed and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector randomCutForest(DetectorOptions options) {
    return randomCutForest(options, DEFAULT_FOREST_SHINGLE, DEFAULT_FOREST_TREES, DEFAULT_FOREST_SAMPLE);
  }

  /**
   * Creates a streaming Robust Random Cut Forest (after Guha, Mishra, Roy and Schrijvers, ICML 2016): each point is
   * the shingle of its value and the {@code shingle - 1} values before it; each of {@code trees} random cut trees keeps
   * a sample of at most {@code sampleSize} shingles (uniform reservoir sampling over the first {@code 8 * sampleSize}
   * shingles, then each new shingle admitted with probability 1/8 in place of a random sampled one, so the model keeps
   * adapting); a point is scored before it is learned by
   * its collusive displacement under a virtual insertion, averaged over the trees, relative to the usual displacement
   * (its exponentially weighted mean), and mapped to {@code [0, 1]} with 0.5 at {@link DetectorOptions#bandWidth()}
   * times the usual displacement. Duplicates of sampled shingles and constant series score 0. Deterministic for a
   * given {@link DetectorOptions#seed()}. Memory is {@code O(trees * sampleSize * shingle)} whatever the series'
   * length; time per point {@code O(trees * depth * shingle)}. Scores 0 until 16 shingles (or {@code sampleSize}, if
   * smaller) are sampled and the warm-up has passed; points in excluded periods are scored but not learned. For a
   * score comparable across series, wrap it in {@link #rank(StreamingDetector, DetectorOptions)}.
   *
   * @param options band width, warm-up, seed and exclusions
   * @param shingle values per shingle, in {@code [1, 64]}
   * @param trees number of trees, in {@code [1, 256]}
   * @param sampleSize shingles sampled per tree, in {@code [2, 4096]}
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if {@code shingle}, {@code trees} or {@code sampleSize} is out of range
   */
  public static StreamingDetector randomCutForest(DetectorOptions options, int shingle, int trees, int sampleSize) {
    Objects.requireNonNull(options, "options");
    if (shingle < 1 || shingle > RandomCutForestDetector.MAX_SHINGLE) {
      throw new IllegalArgumentException("shingle must be within [1, " + RandomCutForestDetector.MAX_SHINGLE
          + "], was " + shingle);
    }
    if (trees < 1 || trees > RandomCutForestDetector.MAX_TREES) {
      throw new IllegalArgumentException("trees must be within [1, " + RandomCutForestDetector.MAX_TREES + "], was "
          + trees);
    }
    if (sampleSize < 2 || sampleSize > RandomCutForestDetector.MAX_SAMPLE) {
      throw new IllegalArgumentException("sampleSize must be within [2, " + RandomCutForestDetector.MAX_SAMPLE
          + "], was " + sampleSize);
    }
    return new RandomCutForestDetector(options, shingle, trees, sampleSize,
        (long) RandomCutForestDetector.HORIZON_FACTOR * sampleSize);
  }

  /**
   * Creates a streaming Robust Random Cut Forest as {@link #randomCutForest(DetectorOptions, int, int, int)} does,
   * with its own sampling horizon: uniform reservoir sampling over the first {@code horizonFactor * sampleSize}
   * shingles, then each new shingle admitted with probability {@code 1 / horizonFactor} in place of a random sampled
   * one. Past the horizon a tree draws the number of shingles to skip before its next admission (geometric) instead
   * of one random number per shingle, so learning costs about {@code trees / horizonFactor} insert/delete pairs per
   * point and almost nothing else (same sampling law as the four-argument form, a different random stream). Memory
   * and determinism as there.
   *
   * @param options band width, warm-up, seed and exclusions
   * @param shingle values per shingle, in {@code [1, 64]}
   * @param trees number of trees, in {@code [1, 256]}
   * @param sampleSize shingles sampled per tree, in {@code [2, 4096]}
   * @param horizonFactor the sampling horizon in sample sizes, in {@code [1, 1024]}
   * @return a new detector, never null; not thread-safe
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if an integer argument is out of range
   */
  public static StreamingDetector randomCutForest(DetectorOptions options, int shingle, int trees, int sampleSize,
      int horizonFactor) {
    randomCutForest(options, shingle, trees, sampleSize); // validates the first four arguments
    if (horizonFactor < 1 || horizonFactor > MAX_FOREST_HORIZON_FACTOR) {
      throw new IllegalArgumentException("horizonFactor must be within [1, " + MAX_FOREST_HORIZON_FACTOR + "], was "
          + horizonFactor);
    }
    return new RandomCutForestDetector(options, shingle, trees, sampleSize, (long) horizonFactor * sampleSize, true);
  }

  /** Largest sampling horizon of {@link #randomCutForest(DetectorOptions, int, int, int, int)}, in sample sizes. */
  static final int MAX_FOREST_HORIZON_FACTOR = 1024;

  /** Default shingle length of {@link #randomCutForest(DetectorOptions)}. */
  static final int DEFAULT_FOREST_SHINGLE = 4;
  /** Default number of trees of {@link #randomCutForest(DetectorOptions)}. */
  static final int DEFAULT_FOREST_TREES = 32;
  /** Default shingles per tree of {@link #randomCutForest(DetectorOptions)}. */
  static final int DEFAULT_FOREST_SAMPLE = 256;

  /**
   * Creates a new-extreme detector: a point scores 1 when it lies more than 5% of the learned range beyond the
   * smallest or largest value learned so far, else 0.
   *
   * @param options warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector newExtremes(DetectorOptions options) {
    return new RangeDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Wraps a detector in a rank (quantile) calibration stage: the score is {@code -ln(p) / ln(window)} clipped to
   * {@code [0, 1]}, where {@code p} is the exponentially weighted share (span {@link DetectorOptions#window()}) of the
   * wrapped detector's past raw scores at or above its current one. 1 means more extreme than anything in about the
   * last {@code window} points, whatever the detector's scale or the series' noise. The wrapped detector is fed every
   * point and must not be used elsewhere.
   *
   * @param raw the detector whose scores are calibrated
   * @param options span (window), warm-up and exclusions of the stage
   * @return a new detector, never null
   * @throws NullPointerException if {@code raw} or {@code options} is null
   */
  public static StreamingDetector rank(StreamingDetector raw, DetectorOptions options) {
    Objects.requireNonNull(raw, "raw");
    return new RankDetector(Objects.requireNonNull(options, "options"), raw);
  }

  /**
   * Wraps a detector in an anomaly-likelihood stage (as HTM's): the mean of its last {@code averaging} raw scores is
   * compared with the long-term exponentially weighted mean and deviation of its raw scores (span
   * {@link DetectorOptions#window()}), and the score is the upper Gaussian tail probability {@code q} on a log scale,
   * {@code -ln(q) / ln(1e10)} clipped to {@code [0, 1]} (0.5 at {@code q = 1e-5}). One threshold then fits series
   * whose raw scores have very different levels. The wrapped detector is fed every point and must not be used
   * elsewhere.
   *
   * @param raw the detector whose scores are calibrated
   * @param averaging how many recent raw scores are averaged, at least 1
   * @param options span of the long-term statistics (window), warm-up and exclusions of the stage
   * @return a new detector, never null
   * @throws NullPointerException if {@code raw} or {@code options} is null
   * @throws IllegalArgumentException if {@code averaging < 1}
   */
  public static StreamingDetector likelihood(StreamingDetector raw, int averaging, DetectorOptions options) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(options, "options");
    if (averaging < 1) {
      throw new IllegalArgumentException("averaging must be >= 1, was " + averaging);
    }
    return new LikelihoodDetector(options, raw, averaging);
  }

  /**
   * Creates the default ensemble with default options (see {@link #ensemble(DetectorOptions)}); it alerts at
   * {@link #ALERT_THRESHOLD}. This is exactly the configuration evaluated on NAB in {@code benchmarks/results/anomaly.md}.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector ensemble() {
    return ensemble(DetectorOptions.defaults());
  }

  /**
   * Creates the default ensemble with the given options: four members combined by their maximum,
   * <ul>
   *   <li>the new-extreme detector ({@link #newExtremes(DetectorOptions)}),
   *   <li>an hour-of-day seasonal baseline ({@link #seasonalBaseline(DetectorOptions)}, window
   *       {@value #DEFAULT_MEMBER_WINDOW}) calibrated by a rank stage ({@link #rank(StreamingDetector,
   *       DetectorOptions)}, span {@value #DEFAULT_SEASONAL_RANK_SPAN} points),
   *   <li>a contextual novelty detector ({@link #contextual(DetectorOptions)}, 8 levels, depth 6, remembering contexts
   *       for {@value #DEFAULT_CONTEXT_MEMORY} points) calibrated by a rank stage of span {@value #DEFAULT_RANK_SPAN},
   *   <li>the adaptive-resonance detector ({@link #adaptiveResonance(DetectorOptions, int)}, blocks of
   *       {@value #DEFAULT_RESONANCE_STEP} points), raw,
   * </ul>
   * and, as a {@link #cascade cascade}, a small random cut forest ({@link #randomCutForest(DetectorOptions, int, int,
   * int, int)}: {@value #DEFAULT_CONFIRMER_TREES} trees of {@value #DEFAULT_CONFIRMER_SAMPLE} shingles, horizon
   * {@value #DEFAULT_CONFIRMER_HORIZON} sample sizes) that learns every point but is scored only where the members'
   * maximum reaches {@value #DEFAULT_CONFIRMER_GATE}, its score ranked over the last about
   * {@value #DEFAULT_CONFIRMER_RANK_SPAN} scored points (after {@value #DEFAULT_CONFIRMER_WARM_UP} of them).
   * After an alert the ensemble re-arms ({@link #cascade(DetectorOptions, List, List, double, double, double, int)}):
   * its scores are damped until the combined score has stayed below {@value #DEFAULT_REARM_LEVEL} for
   * {@value #DEFAULT_REARM_POINTS} consecutive points, so a burst raises one alert while a new incident after such a
   * quiet stretch alerts normally. Scores are mapped so that the alert point is {@link #ALERT_THRESHOLD}. The members, spans and alert point were
   * chosen by leave-one-category-out cross-validation on the NAB development corpus (see
   * {@code benchmarks/results/anomaly.md}); they are constants, so the default is exactly the configuration
   * evaluated whatever the options' window.
   *
   * @param options warm-up, zone and exclusions shared by every member (the spans are the constants above)
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector ensemble(DetectorOptions options) {
    Objects.requireNonNull(options, "options");
    return defaultCascade(options, DEFAULT_REARM_POINTS);
  }

  /** The default ensemble's cascade with the given re-arm run ({@code 0}: no re-arming, the round-10 default). */
  static StreamingDetector defaultCascade(DetectorOptions options, int rearmPoints) {
    return defaultCascade(options, rearmPoints, Long.MAX_VALUE);
  }

  /**
   * The default ensemble's cascade with the given re-arm run and time bound in milliseconds ({@link Long#MAX_VALUE}:
   * none).
   */
  static StreamingDetector defaultCascade(DetectorOptions options, int rearmPoints, long rearmMillis) {
    DetectorOptions rankOptions = options.toBuilder().window(DEFAULT_RANK_SPAN).warmUp(64).build();
    DetectorOptions seasonalOptions = options.toBuilder().window(DEFAULT_MEMBER_WINDOW)
        .seasonality(Seasonality.HOUR_OF_DAY).build();
    DetectorOptions seasonalRank = options.toBuilder().window(DEFAULT_SEASONAL_RANK_SPAN).warmUp(64).build();
    DetectorOptions confirmerRank = options.toBuilder().window(DEFAULT_CONFIRMER_RANK_SPAN)
        .warmUp(DEFAULT_CONFIRMER_WARM_UP).build();
    return new CascadeDetector(options,
        List.of(new RangeDetector(options),
            new RankDetector(seasonalRank, new SeasonalBaselineDetector(seasonalOptions)),
            new RankDetector(rankOptions, new ContextDetector(options, ContextDetector.LEVELS,
                ContextDetector.DEPTH, DEFAULT_CONTEXT_MEMORY)),
            new ResonanceDetector(options, DEFAULT_RESONANCE_STEP)),
        List.of(new RankDetector(confirmerRank, new RandomCutForestDetector(options, DEFAULT_FOREST_SHINGLE,
            DEFAULT_CONFIRMER_TREES, DEFAULT_CONFIRMER_SAMPLE,
            (long) DEFAULT_CONFIRMER_HORIZON * DEFAULT_CONFIRMER_SAMPLE, true))),
        DEFAULT_CONFIRMER_GATE, DEFAULT_ALERT_POINT, DEFAULT_REARM_LEVEL, rearmPoints, rearmMillis);
  }

  /** How long the default ensemble's contextual detector remembers a context, in points (32 windows of 256). */
  static final long DEFAULT_CONTEXT_MEMORY = 8192;
  /** Window of the default ensemble's seasonal baseline (its slots adapt with span {@code window / 4}). */
  static final int DEFAULT_MEMBER_WINDOW = 256;
  /** Span of the rank calibration of the default ensemble's seasonal baseline, in points. */
  static final int DEFAULT_SEASONAL_RANK_SPAN = 4000;
  /** Span of the rank calibration of the default ensemble's contextual detector, in points. */
  static final int DEFAULT_RANK_SPAN = 8000;
  /** Downsampling block of the default ensemble's adaptive-resonance detector, in points. */
  static final int DEFAULT_RESONANCE_STEP = 2;
  /** Trees of the default ensemble's confirming random cut forest. */
  static final int DEFAULT_CONFIRMER_TREES = 4;
  /** Shingles per tree of the default ensemble's confirming random cut forest. */
  static final int DEFAULT_CONFIRMER_SAMPLE = 64;
  /** Sampling horizon of the default ensemble's confirming random cut forest, in sample sizes. */
  static final int DEFAULT_CONFIRMER_HORIZON = 64;
  /** Span of the rank calibration of the default ensemble's confirming forest, in gated (scored) points. */
  static final int DEFAULT_CONFIRMER_RANK_SPAN = 256;
  /** Gated points the default ensemble's confirmer learns before it scores. */
  static final int DEFAULT_CONFIRMER_WARM_UP = 16;
  /** The members' combined score at or above which the default ensemble asks its confirming forest. */
  static final double DEFAULT_CONFIRMER_GATE = 0.5;
  /**
   * The combined (rank-scale) score at which the default ensemble alerts; mapped onto {@link #ALERT_THRESHOLD}. NAB's
   * optimizer put the standard-profile threshold of this configuration at 0.87678 on all 41 development files (the
   * next lower score there is 0.87668); round 10 in {@code benchmarks/results/anomaly.md}.
   */
  static final double DEFAULT_ALERT_POINT = 0.8767;
  /** The combined score below which a point counts as quiet for re-arming the default ensemble after an alert. */
  static final double DEFAULT_REARM_LEVEL = 0.5;
  /**
   * Consecutive quiet points that re-arm the default ensemble after an alert; chosen by the nested
   * leave-one-category-out protocol among 8 and 32 points (round 11 in {@code benchmarks/results/anomaly.md}).
   */
  static final int DEFAULT_REARM_POINTS = 8;

  /**
   * Creates an ensemble of the given members: the score is the largest member score (members still warming up
   * contribute 0); after an alert (score {@code >= 0.5}) further scores are damped by a factor 0.3 for
   * {@code 2 * window} points unless a stronger one arrives, so one incident raises one alert. Members created by
   * this class learn from every point outside the ensemble's exclusion schedule (their own schedules are not
   * consulted); other implementations are simply called with {@link StreamingDetector#update(long, double)}.
   *
   * @param options the ensemble's options (exclusions for the ensemble itself, window for the alert cooldown)
   * @param members the detectors to combine; at least one, none null, each used by this ensemble only
   * @return a new detector, never null
   * @throws NullPointerException if {@code options}, {@code members} or a member is null
   * @throws IllegalArgumentException if {@code members} is empty
   */
  public static StreamingDetector ensemble(DetectorOptions options, List<? extends StreamingDetector> members) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(members, "members");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    for (int i = 0; i < members.size(); i++) {
      Objects.requireNonNull(members.get(i), "members[" + i + "]");
    }
    return new EnsembleDetector(options, List.copyOf(members), 2 * options.window(), ENSEMBLE_DAMPING, 0.5);
  }

  /**
   * Creates an ensemble of the given members with an explicit alert rule, otherwise as
   * {@link #ensemble(DetectorOptions, List)}: after a combined score of at least {@code alertThreshold}, weaker scores
   * are damped by a factor 0.3 for {@code cooldown} points, and scores are mapped piecewise linearly so that
   * {@code alertThreshold} lands on 0.5, where points are labelled anomalous.
   *
   * @param options the ensemble's options (exclusions for the ensemble itself)
   * @param members the detectors to combine; at least one, none null, each used by this ensemble only
   * @param cooldown points after an alert during which weaker scores are damped; 0 for none
   * @param alertThreshold the score that starts a cooldown, in {@code (0, 1]}
   * @return a new detector, never null
   * @throws NullPointerException if {@code options}, {@code members} or a member is null
   * @throws IllegalArgumentException if {@code members} is empty, {@code cooldown < 0} or {@code alertThreshold} is
   *     outside {@code (0, 1]}
   */
  public static StreamingDetector ensemble(DetectorOptions options, List<? extends StreamingDetector> members,
      int cooldown, double alertThreshold) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(members, "members");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    if (cooldown < 0) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    if (!(alertThreshold > 0.0 && alertThreshold <= 1.0)) {
      throw new IllegalArgumentException("alertThreshold must be within (0, 1], was " + alertThreshold);
    }
    for (int i = 0; i < members.size(); i++) {
      Objects.requireNonNull(members.get(i), "members[" + i + "]");
    }
    return new EnsembleDetector(options, List.copyOf(members), cooldown, ENSEMBLE_DAMPING, alertThreshold);
  }

  /**
   * Creates a cascade: the {@code members} score every point and are combined by their maximum, as in
   * {@link #ensemble(DetectorOptions, List, int, double)} without cooldown; the {@code confirmers} (costly detectors)
   * add their scores to the maximum only at points where the members' maximum reaches {@code gate}. Elsewhere a
   * confirmer still learns the point but contributes 0, and a confirmer made by this class skips the work of scoring
   * it: a {@link #randomCutForest random cut forest} skips its virtual insertion (its usual displacement follows the
   * scored points only) and a {@link #rank rank stage} learns only the scores actually computed. Other confirmers are
   * updated at every point and their score ignored where it is not needed. Every detector still scores a point before
   * learning it and never sees later points. The combined score is mapped so that {@code alertThreshold} lands on
   * {@link #ALERT_THRESHOLD}.
   *
   * @param options exclusions of the cascade itself (members keep their own options)
   * @param members cheap detectors scoring every point; at least one
   * @param confirmers costly detectors asked only above the gate; may be empty
   * @param gate the members' maximum at or above which the confirmers are asked, in {@code [0, 1]}
   * @param alertThreshold the combined score mapped onto {@link #ALERT_THRESHOLD}, in {@code (0, 1]}
   * @return a new detector, never null; not thread-safe
   * @throws NullPointerException if an argument, a member or a confirmer is null
   * @throws IllegalArgumentException if {@code members} is empty, {@code gate} is outside {@code [0, 1]} or
   *     {@code alertThreshold} outside {@code (0, 1]}
   */
  public static StreamingDetector cascade(DetectorOptions options, List<? extends StreamingDetector> members,
      List<? extends StreamingDetector> confirmers, double gate, double alertThreshold) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(confirmers, "confirmers");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    if (!(gate >= 0.0 && gate <= 1.0)) {
      throw new IllegalArgumentException("gate must be within [0, 1], was " + gate);
    }
    if (!(alertThreshold > 0.0 && alertThreshold <= 1.0)) {
      throw new IllegalArgumentException("alertThreshold must be within (0, 1], was " + alertThreshold);
    }
    for (int i = 0; i < members.size(); i++) {
      Objects.requireNonNull(members.get(i), "members[" + i + "]");
    }
    for (int i = 0; i < confirmers.size(); i++) {
      Objects.requireNonNull(confirmers.get(i), "confirmers[" + i + "]");
    }
    return new CascadeDetector(options, List.copyOf(members), List.copyOf(confirmers), gate, alertThreshold);
  }

  /**
   * Creates a cascade as {@link #cascade(DetectorOptions, List, List, double, double)} that also re-arms: a combined
   * score of at least {@code alertThreshold} (an alert) disarms it, and while disarmed its combined scores are damped
   * by a factor 0.3 (below the alert point, order kept) until the combined score has stayed below {@code rearmLevel}
   * for {@code rearmPoints} consecutive points; the point completing that quiet run is not damped, and the next score
   * at or above {@code alertThreshold} alerts again. One incident thus raises one alert, while a new incident after a
   * quiet stretch alerts normally (no fixed cooldown hides it).
   *
   * @param options exclusions of the cascade itself (members keep their own options)
   * @param members cheap detectors scoring every point; at least one
   * @param confirmers costly detectors asked only above the gate; may be empty
   * @param gate the members' maximum at or above which the confirmers are asked, in {@code [0, 1]}
   * @param alertThreshold the combined score mapped onto {@link #ALERT_THRESHOLD}, in {@code (0, 1]}
   * @param rearmLevel the combined score below which a point counts as quiet, in {@code (0, alertThreshold]}
   * @param rearmPoints consecutive quiet points that re-arm the cascade after an alert; 0 for no re-arming
   * @return a new detector, never null; not thread-safe
   * @throws NullPointerException if an argument, a member or a confirmer is null
   * @throws IllegalArgumentException if {@code members} is empty, {@code gate}, {@code alertThreshold} or
   *     {@code rearmLevel} is outside its range, or {@code rearmPoints < 0}
   */
  public static StreamingDetector cascade(DetectorOptions options, List<? extends StreamingDetector> members,
      List<? extends StreamingDetector> confirmers, double gate, double alertThreshold, double rearmLevel,
      int rearmPoints) {
    StreamingDetector checked = cascade(options, members, confirmers, gate, alertThreshold);
    if (!(rearmLevel > 0.0 && rearmLevel <= alertThreshold)) {
      throw new IllegalArgumentException("rearmLevel must be within (0, alertThreshold = " + alertThreshold
          + "], was " + rearmLevel);
    }
    if (rearmPoints < 0) {
      throw new IllegalArgumentException("rearmPoints must be >= 0, was " + rearmPoints);
    }
    return rearmPoints == 0 ? checked : new CascadeDetector(options, List.copyOf(members), List.copyOf(confirmers),
        gate, alertThreshold, rearmLevel, rearmPoints, Long.MAX_VALUE);
  }

  /**
   * Creates a re-arming cascade as {@link #cascade(DetectorOptions, List, List, double, double, double, int)} whose
   * quiet run also completes once the combined score has stayed below {@code rearmLevel} for {@code rearmTime} (time
   * from the last point at or above it, by the points' timestamps), whichever of the two comes first. The count of
   * points suits series sampled every few minutes; the time bound keeps a coarse series (daily costs) from needing
   * days of quiet before it can alert again. On a series sampled at least every {@code rearmTime / rearmPoints}
   * without longer gaps the time bound never completes a run first, and the scores are those of the cascade without
   * it.
   *
   * @param options exclusions of the cascade itself (members keep their own options)
   * @param members cheap detectors scoring every point; at least one
   * @param confirmers costly detectors asked only above the gate; may be empty
   * @param gate the members' maximum at or above which the confirmers are asked, in {@code [0, 1]}
   * @param alertThreshold the combined score mapped onto {@link #ALERT_THRESHOLD}, in {@code (0, 1]}
   * @param rearmLevel the combined score below which a point counts as quiet, in {@code (0, alertThreshold]}
   * @param rearmPoints consecutive quiet points that re-arm the cascade after an alert; at least 1
   * @param rearmTime quiet time that re-arms the cascade after an alert; positive (durations beyond the range of
   *     {@code long} milliseconds act as no time bound)
   * @return a new detector, never null; not thread-safe
   * @throws NullPointerException if an argument, a member or a confirmer is null
   * @throws IllegalArgumentException if {@code members} is empty, {@code gate}, {@code alertThreshold} or
   *     {@code rearmLevel} is outside its range, {@code rearmPoints < 1} or {@code rearmTime} is not positive
   */
  public static StreamingDetector cascade(DetectorOptions options, List<? extends StreamingDetector> members,
      List<? extends StreamingDetector> confirmers, double gate, double alertThreshold, double rearmLevel,
      int rearmPoints, Duration rearmTime) {
    Objects.requireNonNull(rearmTime, "rearmTime");
    if (rearmPoints < 1) {
      throw new IllegalArgumentException("rearmPoints must be >= 1, was " + rearmPoints);
    }
    if (rearmTime.isNegative() || rearmTime.isZero()) {
      throw new IllegalArgumentException("rearmTime must be positive, was " + rearmTime);
    }
    cascade(options, members, confirmers, gate, alertThreshold, rearmLevel, rearmPoints);
    return new CascadeDetector(options, List.copyOf(members), List.copyOf(confirmers), gate, alertThreshold,
        rearmLevel, rearmPoints, toMillisSaturated(rearmTime));
  }

  private static long toMillisSaturated(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The score at or above which the default ensemble ({@link #ensemble()}) raises an alert (its
   * {@link AnomalyResult#anomalous()} label); a library constant, the same for every series. The ensemble's internal
   * alert point was chosen by leave-one-category-out cross-validation on the NAB development corpus and is mapped
   * onto this value (see {@code benchmarks/results/anomaly.md}).
   */
  public static final double ALERT_THRESHOLD = 0.5;

  /** Factor applied to ensemble scores during the cooldown after an alert. */
  static final double ENSEMBLE_DAMPING = 0.3;
}
