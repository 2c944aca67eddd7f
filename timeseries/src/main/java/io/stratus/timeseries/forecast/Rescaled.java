package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesValidation;
import java.util.Optional;

/**
 * Guard that lets every method handle values whose squares (or whose reciprocals' squares) leave the {@code double}
 * range: when the largest absolute value is above {@code 2^332} (about {@code 1e100}) or below {@code 2^-332}, the
 * series is multiplied by a power of two that brings it near 1, the inner method is fitted, and every output is
 * multiplied back. Multiplying by a power of two is exact, and every method here is scale-equivariant, so the result
 * is the one the inner method would give in exact arithmetic; series inside the range are passed through untouched
 * (bit-identical results). An output that overflows when scaled back raises
 * {@link io.stratus.timeseries.NonFiniteStateException}.
 */
final class Rescaled implements Forecaster {

  /** Exponent bound: values with {@code |getExponent| > LIMIT} are rescaled (squares stay far inside the range). */
  static final int LIMIT = 332;

  private final Forecaster inner;

  private Rescaled(Forecaster inner) {
    this.inner = inner;
  }

  /** Wraps a method (a method already wrapped is returned as is). */
  static Forecaster guard(Forecaster inner) {
    return inner instanceof Rescaled ? inner : new Rescaled(inner);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    int shift = shift(y);
    if (shift == 0) {
      return inner.fit(y);
    }
    double[] scaled = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      scaled[t] = Math.scalb(y[t], shift);
    }
    return new Fit(this, inner.fit(scaled), -shift, y.length);
  }

  /** The power of two to multiply by, or 0 when the series is inside the safe range (or all zero). */
  static int shift(double[] y) {
    double max = 0;
    for (double v : y) {
      max = Math.max(max, Math.abs(v));
    }
    if (max == 0) {
      return 0;
    }
    int e = Math.getExponent(max);
    return e > LIMIT || e < -LIMIT ? -e : 0;
  }

  private static double[] scale(double[] v, int shift) {
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.scalb(v[i], shift);
    }
    return v;
  }

  private static final class Fit implements FittedModel, Refittable {
    private final Rescaled method;
    private final FittedModel inner;
    private final int shift;
    private final int n;

    Fit(Rescaled method, FittedModel inner, int shift, int n) {
      this.method = method;
      this.inner = inner;
      this.shift = shift;
      this.n = n;
    }

    @Override
    public Forecaster sameStructure() {
      return guard(Refittable.of(inner, method.inner));
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Forecast forecast(int h) {
      Forecast f = inner.forecast(h);
      double[][] parts = {scale(f.mean(), shift), scale(f.lower80(), shift), scale(f.upper80(), shift),
          scale(f.lower95(), shift), scale(f.upper95(), shift)};
      for (double[] p : parts) {
        Forecast.checkFinite(name(), p);
      }
      return Forecast.wrap(f.model(), parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    @Override
    public double[] fitted() {
      return scale(inner.fitted(), shift);
    }

    @Override
    public double[] residuals() {
      return scale(inner.residuals(), shift);
    }

    @Override
    public double residualSd() {
      return Math.scalb(inner.residualSd(), shift);
    }

    @Override
    public double aicc() {
      // -2 log-likelihood of data scaled by s shifts by 2 n ln(s) for every form (additive and multiplicative error)
      return inner.aicc() + 2.0 * n * shift * Math.log(2);
    }

    @Override
    public Optional<StateTracker> tracker() {
      return inner.tracker().map(t -> new StateTracker() {
        @Override
        public double nextMean() {
          return Math.scalb(t.nextMean(), shift);
        }

        @Override
        public double nextSd() {
          return Math.scalb(t.nextSd(), shift);
        }

        @Override
        public boolean observe(double y) {
          if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite, was " + y);
          }
          return t.observe(Math.scalb(y, -shift));
        }
      });
    }

    @Override
    public String toString() {
      return inner + " (rescaled by 2^" + shift + ")";
    }
  }
}
