package io.stratus.timeseries.forecast;

import io.stratus.timeseries.NonFiniteStateException;
import io.stratus.timeseries.SeasonalDecomposition;
import io.stratus.timeseries.SeriesValidation;

/**
 * One ETS form (error, trend, season) in the innovations state-space formulation of Hyndman, Koehler, Ord &amp;
 * Snyder (2008): recursions, likelihood, initial states, parameter optimisation and forecasting. Immutable.
 *
 * <p>Smoothing parameters are optimised by Nelder-Mead on the concentrated likelihood within the usual region
 * {@code 1e-4 <= alpha <= 0.9999}, {@code 1e-4 <= beta <= alpha}, {@code 1e-4 <= gamma <= 1 - alpha},
 * {@code 0.8 <= phi <= 0.98}. Initial states are set by a heuristic and not optimised (this keeps a fit to a few
 * milliseconds): seasonal indices from a classical decomposition of the first {@code min(n, 4m)} values, level and
 * trend from a least-squares line through the first {@code max(10, 2m)} seasonally adjusted values. The AICc still
 * counts the initial states as parameters, as R's {@code forecast::ets} does.
 */
final class Ets {

  static final int NONE = 0;
  static final int ADD = 1;
  static final int DAMPED = 2;
  static final int MUL = 2;

  private static final double A_MIN = 1e-4;
  private static final double A_MAX = 0.9999;
  private static final double PHI_MIN = 0.8;
  private static final double PHI_MAX = 0.98;
  private static final int MAX_EVAL = 400;
  private static final double REL_TOL = 1e-5;

  final boolean mulError;
  final int trend;
  final int season;
  final int m;

  Ets(boolean mulError, int trend, int season, int m) {
    if (season != NONE && m < 2) {
      throw new IllegalArgumentException("m = " + m + ": a seasonal ETS form needs a season period >= 2");
    }
    this.mulError = mulError;
    this.trend = trend;
    this.season = season;
    this.m = season == NONE ? 1 : m;
  }

  /** Parses "A,Ad,M" style forms (error,trend,season). */
  static Ets parse(String form, int m) {
    String[] p = form.replace(" ", "").split(",");
    if (p.length != 3) {
      throw new IllegalArgumentException("form = \"" + form + "\": expected error,trend,season such as \"A,Ad,M\"");
    }
    boolean mul;
    if (p[0].equals("A")) {
      mul = false;
    } else if (p[0].equals("M")) {
      mul = true;
    } else {
      throw new IllegalArgumentException("form = \"" + form + "\": error must be A or M");
    }
    int tr;
    switch (p[1]) {
      case "N": tr = NONE; break;
      case "A": tr = ADD; break;
      case "Ad": tr = DAMPED; break;
      default: throw new IllegalArgumentException("form = \"" + form + "\": trend must be N, A or Ad");
    }
    int se;
    switch (p[2]) {
      case "N": se = NONE; break;
      case "A": se = ADD; break;
      case "M": se = MUL; break;
      default: throw new IllegalArgumentException("form = \"" + form + "\": season must be N, A or M");
    }
    return new Ets(mul, tr, se, m);
  }

  String name() {
    return "ETS(" + (mulError ? "M" : "A") + "," + (trend == NONE ? "N" : trend == ADD ? "A" : "Ad") + ","
        + (season == NONE ? "N" : season == ADD ? "A" : "M") + ")" + (season == NONE ? "" : "[" + m + "]");
  }

  int numSmoothing() {
    return 1 + (trend != NONE ? 1 : 0) + (season != NONE ? 1 : 0) + (trend == DAMPED ? 1 : 0);
  }

  int numStates() {
    return 1 + (trend != NONE ? 1 : 0) + (season != NONE ? m - 1 : 0);
  }

  int minLength() {
    int k = numSmoothing() + numStates() + 1;
    return Math.max(season != NONE ? 2 * m : 4, k + 2);
  }

  boolean needsPositive() {
    return mulError || season == MUL;
  }

  /** Checks data and length; throws the documented exceptions. */
  void check(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    SeriesValidation.requireLength(y, minLength(), name());
    if (needsPositive()) {
      for (int i = 0; i < y.length; i++) {
        if (!(y[i] > 0)) {
          throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ": " + name() + " needs values > 0");
        }
      }
    }
  }

  boolean applicable(double[] y, boolean positive) {
    return y.length >= minLength() && (!needsPositive() || positive);
  }

  /** Heuristic initial states: {level, trend, seasonal[0..m-1]} with seasonal indexed by phase t mod m. */
  double[] initialStates(double[] y) {
    int n = y.length;
    double[] s = new double[m];
    if (season != NONE) {
      int k = Math.min(n, 4 * m);
      double[] head = java.util.Arrays.copyOf(y, k);
      s = SeasonalDecomposition.classical(head, m, season == MUL).seasonalIndices();
    }
    int k = Math.min(n, Math.max(10, 2 * m));
    double[] adj = new double[k];
    for (int t = 0; t < k; t++) {
      adj[t] = season == NONE ? y[t] : season == ADD ? y[t] - s[t % m] : y[t] / s[t % m];
    }
    double l0;
    double b0 = 0;
    if (trend == NONE) {
      double sum = 0;
      for (double v : adj) {
        sum += v;
      }
      l0 = sum / k;
    } else {
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      for (int t = 0; t < k; t++) {
        double x = t + 1;
        sx += x;
        sy += adj[t];
        sxx += x * x;
        sxy += x * adj[t];
      }
      double den = k * sxx - sx * sx;
      b0 = den == 0 ? 0 : (k * sxy - sx * sy) / den;
      l0 = (sy - b0 * sx) / k;
      if (mulError && l0 + b0 <= 0) {
        b0 = 0;
        l0 = sy / k;
      }
    }
    double[] st = new double[2 + m];
    st[0] = l0;
    st[1] = b0;
    System.arraycopy(s, 0, st, 2, m);
    return st;
  }

  /**
   * Runs the recursions. Returns -2 log-likelihood (Gaussian, sigma concentrated out) or +Infinity when the
   * parameters are inadmissible. When {@code fitted} is non-null it receives the one-step forecasts; when
   * {@code state} is non-null it receives the final {level, trend, seasonal[]} and {@code state[2+m]} the sum of
   * squared innovations. The loops are specialised per error/season form (the trend is folded in arithmetically:
   * no trend means a zero slope that never moves) so that the hot path has no form branches.
   */
  double run(double[] y, double a, double b, double g, double phi, double[] init, double[] fitted, double[] state) {
    int n = y.length;
    double[] s = new double[m];
    System.arraycopy(init, 2, s, 0, m);
    double ph = trend == NONE ? 0 : trend == DAMPED ? phi : 1;
    double be = trend == NONE ? 0 : b;
    double b0 = trend == NONE ? 0 : init[1];
    double[] acc = new double[4];
    boolean ok;
    if (!mulError) {
      ok = season == MUL ? runAddErrMulSeason(y, a, be, g, ph, init[0], b0, s, fitted, acc)
          : runAddErr(y, a, be, season == ADD ? g : 0, ph, init[0], b0, s, fitted, acc);
    } else {
      ok = season == MUL ? runMulErrMulSeason(y, a, be, g, ph, init[0], b0, s, fitted, acc)
          : runMulErrAddSeason(y, a, be, season == ADD ? g : 0, ph, init[0], b0, s, fitted, acc);
    }
    double sse = acc[0];
    double sumLog = acc[1];
    double l = acc[2];
    if (!ok || !Double.isFinite(sse) || !Double.isFinite(l) || !Double.isFinite(sumLog)) {
      return Double.POSITIVE_INFINITY;
    }
    if (state != null) {
      state[0] = l;
      state[1] = acc[3];
      System.arraycopy(s, 0, state, 2, m);
      state[2 + m] = sse;
    }
    double sigma2 = Math.max(sse / n, 1e-300);
    return n * (Math.log(2 * Math.PI * sigma2) + 1) + 2 * sumLog;
  }

  /** Additive error, no or additive season (g = 0 and s = 0 for no season). */
  private boolean runAddErr(double[] y, double a, double b, double g, double ph, double l, double bt, double[] s,
      double[] fitted, double[] acc) {
    int m = s.length;
    double sse = 0;
    int p = 0;
    for (int t = 0; t < y.length; t++) {
      double phib = ph * bt;
      double tt = l + phib;
      double sp = s[p];
      double mu = tt + sp;
      if (fitted != null) {
        fitted[t] = mu;
      }
      double e = y[t] - mu;
      l = tt + a * e;
      bt = phib + b * e;
      s[p] = sp + g * e;
      sse += e * e;
      if (++p == m) {
        p = 0;
      }
    }
    acc[0] = sse;
    acc[2] = l;
    acc[3] = bt;
    return true;
  }

  /** Additive error, multiplicative season. */
  private boolean runAddErrMulSeason(double[] y, double a, double b, double g, double ph, double l, double bt,
      double[] s, double[] fitted, double[] acc) {
    int m = s.length;
    double sse = 0;
    int p = 0;
    for (int t = 0; t < y.length; t++) {
      double phib = ph * bt;
      double tt = l + phib;
      double sp = s[p];
      if (!(tt > 0) || !(sp > 0)) {
        return false;
      }
      double mu = tt * sp;
      if (fitted != null) {
        fitted[t] = mu;
      }
      double e = y[t] - mu;
      l = tt + a * e / sp;
      bt = phib + b * e / sp;
      s[p] = sp + g * e / tt;
      sse += e * e;
      if (++p == m) {
        p = 0;
      }
    }
    acc[0] = sse;
    acc[2] = l;
    acc[3] = bt;
    return true;
  }

  /** Multiplicative error, no or additive season (g = 0 and s = 0 for no season). */
  private boolean runMulErrAddSeason(double[] y, double a, double b, double g, double ph, double l, double bt,
      double[] s, double[] fitted, double[] acc) {
    int m = s.length;
    double sse = 0;
    double sumLog = 0;
    double prod = 1;
    int inChunk = 0;
    int p = 0;
    for (int t = 0; t < y.length; t++) {
      double phib = ph * bt;
      double tt = l + phib;
      double sp = s[p];
      double mu = tt + sp;
      if (!(mu > 0)) {
        return false;
      }
      if (fitted != null) {
        fitted[t] = mu;
      }
      double d = y[t] - mu;
      double e = d / mu;
      l = tt + a * d;
      bt = phib + b * d;
      s[p] = sp + g * d;
      sse += e * e;
      prod *= mu;
      if (++inChunk == 4) {
        sumLog += Math.log(prod);
        prod = 1;
        inChunk = 0;
      }
      if (++p == m) {
        p = 0;
      }
    }
    acc[0] = sse;
    acc[1] = sumLog + Math.log(prod);
    acc[2] = l;
    acc[3] = bt;
    return true;
  }

  /** Multiplicative error, multiplicative season. */
  private boolean runMulErrMulSeason(double[] y, double a, double b, double g, double ph, double l, double bt,
      double[] s, double[] fitted, double[] acc) {
    int m = s.length;
    double sse = 0;
    double sumLog = 0;
    double prod = 1;
    int inChunk = 0;
    int p = 0;
    for (int t = 0; t < y.length; t++) {
      double phib = ph * bt;
      double tt = l + phib;
      double sp = s[p];
      double mu = tt * sp;
      if (!(mu > 0)) {
        return false;
      }
      if (fitted != null) {
        fitted[t] = mu;
      }
      double e = (y[t] - mu) / mu;
      l = tt * (1 + a * e);
      bt = phib + b * tt * e;
      s[p] = sp * (1 + g * e);
      sse += e * e;
      prod *= mu;
      if (++inChunk == 4) {
        sumLog += Math.log(prod);
        prod = 1;
        inChunk = 0;
      }
      if (++p == m) {
        p = 0;
      }
    }
    acc[0] = sse;
    acc[1] = sumLog + Math.log(prod);
    acc[2] = l;
    acc[3] = bt;
    return true;
  }

  /** Parameters (alpha, beta, gamma, phi) from an unconstrained vector. */
  private double[] params(double[] x) {
    int i = 0;
    double a = A_MIN + (A_MAX - A_MIN) * logistic(x[i++]);
    double b = 0;
    double g = 0;
    double phi = 1;
    if (trend != NONE) {
      b = A_MIN + (a - A_MIN) * logistic(x[i++]);
    }
    if (season != NONE) {
      g = A_MIN + Math.max(0, 1 - a - A_MIN) * logistic(x[i++]);
    }
    if (trend == DAMPED) {
      phi = PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(x[i]);
    }
    return new double[] {a, b, g, phi};
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** Fits with optimised smoothing parameters and heuristic initial states. */
  EtsFit fit(double[] y) {
    return fit(y, REL_TOL, MAX_EVAL);
  }

  /** Fits with a given optimiser tolerance and evaluation budget (a coarse fit screens forms quickly). */
  EtsFit fit(double[] y, double relTol, int maxEval) {
    check(y);
    double[] init = initialStates(y);
    double[] best = NelderMead.minimize(x -> likelihoodAt(y, x, init), startPoint(), 1.0, relTol, maxEval);
    double[] q = params(best);
    EtsFit fit = fitFixed(y, q[0], q[1], q[2], q[3], init);
    if (fit == null) {
      throw new NonFiniteStateException(name(), "likelihood at every smoothing parameter tried",
          "no admissible parameters for this series");
    }
    return fit;
  }

  /** The optimiser's start: alpha 0.5, beta and gamma 0.1, phi 0.95, in the unconstrained coordinates. */
  double[] startPoint() {
    double[] x0 = new double[numSmoothing()];
    int i = 0;
    x0[i++] = logit((0.5 - A_MIN) / (A_MAX - A_MIN));
    if (trend != NONE) {
      x0[i++] = logit(0.1);
    }
    if (season != NONE) {
      x0[i++] = logit(0.1);
    }
    if (trend == DAMPED) {
      x0[i] = logit((0.95 - PHI_MIN) / (PHI_MAX - PHI_MIN));
    }
    return x0;
  }

  /** -2 log-likelihood at unconstrained parameters {@code x} (+Infinity when inadmissible). */
  double likelihoodAt(double[] y, double[] x, double[] init) {
    double[] q = params(x);
    return run(y, q[0], q[1], q[2], q[3], init, null, null);
  }

  /** Fits with the given parameters and initial states; null when inadmissible. */
  EtsFit fitFixed(double[] y, double a, double b, double g, double phi, double[] init) {
    int n = y.length;
    double[] fitted = new double[n];
    double[] state = new double[3 + m];
    double lik = run(y, a, b, g, phi, init, fitted, state);
    if (!Double.isFinite(lik)) {
      return null;
    }
    int k = numSmoothing() + numStates() + 1;
    double aicc = n - k - 1 > 0 ? lik + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY;
    double sigma2 = state[2 + m] / Math.max(1, n - numSmoothing() - 1);
    return new EtsFit(this, y, fitted, aicc, a, b, g, trend == DAMPED ? phi : 1, state, sigma2);
  }

  /** A fitted ETS model. */
  static final class EtsFit extends GaussianFit implements Refittable {
    final Ets form;
    final double alpha;
    final double beta;
    final double gamma;
    final double phi;
    private final double level;
    private final double slope;
    private final double[] seasonal;
    private final double sigma2;
    private final int n;

    EtsFit(Ets form, double[] y, double[] fitted, double aicc, double alpha, double beta, double gamma, double phi,
        double[] state, double sigma2) {
      super(form.name(), y, fitted, aicc);
      this.form = form;
      this.alpha = alpha;
      this.beta = beta;
      this.gamma = gamma;
      this.phi = phi;
      this.level = state[0];
      this.slope = state[1];
      this.seasonal = java.util.Arrays.copyOfRange(state, 2, 2 + form.m);
      this.sigma2 = sigma2;
      this.n = y.length;
    }

    @Override
    public Forecaster sameStructure() {
      return EtsForecaster.fixed(form, form.name());
    }

    double level() {
      return level;
    }

    @Override
    public java.util.Optional<StateTracker> tracker() {
      return java.util.Optional.of(new Tracker(this));
    }

    double slope() {
      return slope;
    }

    @Override
    void predict(int h, double[] mean, double[] sd) {
      int m = form.m;
      double phiSum = 0;
      double phiPow = 1;
      double sumC2 = 0;
      for (int j = 1; j <= h; j++) {
        phiPow *= phi;
        phiSum += phiPow;
        double tt = form.trend == NONE ? level : level + (form.trend == ADD ? j : phiSum) * slope;
        double sp = form.season == NONE ? 0 : seasonal[(int) (((long) n + j - 1) % m)];
        double mu = form.season == NONE ? tt : form.season == ADD ? tt + sp : tt * sp;
        mean[j - 1] = mu;
        double var = 1 + sumC2;
        if (form.mulError) {
          sd[j - 1] = Math.abs(mu) * Math.sqrt(sigma2 * var);
        } else {
          sd[j - 1] = Math.sqrt(sigma2 * var);
        }
        // c_j for the next step's variance: alpha + beta * (sum of phi^i, i=1..j) + gamma * [j mod m == 0]
        double c = alpha + (form.trend == NONE ? 0 : beta * (form.trend == ADD ? j : phiSum))
            + (form.season != NONE && j % m == 0 ? gamma : 0);
        sumC2 += c * c;
      }
    }
  }

  /**
   * The ETS recursions of {@link #run} for one observation at a time, with the parameters of a fit. Not thread-safe.
   */
  static final class Tracker implements StateTracker {
    private final boolean mulError;
    private final boolean mulSeason;
    private final double a;
    private final double b;
    private final double g;
    private final double ph;
    private final double sigma;
    private final double[] s;
    private double l;
    private double bt;
    private int p;
    private double mu;
    private boolean admissible;

    Tracker(EtsFit fit) {
      Ets form = fit.form;
      this.mulError = form.mulError;
      this.mulSeason = form.season == MUL;
      this.a = fit.alpha;
      this.b = form.trend == NONE ? 0 : fit.beta;
      this.g = form.season == NONE ? 0 : fit.gamma;
      this.ph = form.trend == NONE ? 0 : form.trend == DAMPED ? fit.phi : 1;
      this.sigma = Math.sqrt(fit.sigma2);
      this.s = fit.seasonal.clone();
      this.l = fit.level;
      this.bt = form.trend == NONE ? 0 : fit.slope;
      this.p = (int) ((long) fit.n % s.length);
      this.admissible = true;
      forecastNext();
    }

    private void forecastNext() {
      double tt = l + ph * bt;
      double sp = s[p];
      mu = mulSeason ? tt * sp : tt + sp;
      if (!Double.isFinite(mu) || (mulError || mulSeason) && !(mu > 0)) {
        admissible = false;
      }
    }

    @Override
    public double nextMean() {
      return mu;
    }

    @Override
    public double nextSd() {
      return mulError ? Math.abs(mu) * sigma : sigma;
    }

    @Override
    public boolean observe(double y) {
      if (!Double.isFinite(y)) {
        throw new IllegalArgumentException("y must be finite, was " + y);
      }
      if (!admissible) {
        return false;
      }
      double phib = ph * bt;
      double tt = l + phib;
      double sp = s[p];
      if (!mulError) {
        double e = y - mu;
        if (mulSeason) {
          if (!(tt > 0) || !(sp > 0)) {
            admissible = false;
            return false;
          }
          l = tt + a * e / sp;
          bt = phib + b * e / sp;
          s[p] = sp + g * e / tt;
        } else {
          l = tt + a * e;
          bt = phib + b * e;
          s[p] = sp + g * e;
        }
      } else if (mulSeason) {
        double e = (y - mu) / mu;
        l = tt * (1 + a * e);
        bt = phib + b * tt * e;
        s[p] = sp * (1 + g * e);
      } else {
        double d = y - mu;
        l = tt + a * d;
        bt = phib + b * d;
        s[p] = sp + g * d;
      }
      if (++p == s.length) {
        p = 0;
      }
      forecastNext();
      return admissible;
    }
  }
}
