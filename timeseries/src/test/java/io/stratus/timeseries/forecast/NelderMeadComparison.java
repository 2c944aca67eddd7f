package io.stratus.timeseries.forecast;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Issue 10's question "can Commons Math replace our Nelder-Mead?", answered on the optimiser's real workload: the ETS
 * likelihood of a 960-point hourly series, for the forms the forecasters fit, with the same start, step, tolerance
 * and evaluation budgets (80 for screening, 400 for the final fit). Commons Math's {@link SimplexOptimizer} stops on
 * the change of the best value between iterations and throws when the budget runs out, so the budgeted runs record
 * the best point seen. Prints CPU time per optimisation, evaluations used and the -2 log-likelihood reached. Not a
 * test: run it by hand (classpath as for {@link AutoDesignStudy}).
 */
final class NelderMeadComparison {

  private NelderMeadComparison() {}

  /** Best point seen by an objective (Commons Math throws away its simplex when the budget runs out). */
  static final class Recording implements org.apache.commons.math3.analysis.MultivariateFunction {
    final ToDoubleFunction<double[]> f;
    double best = Double.POSITIVE_INFINITY;
    double[] bestX;
    int evals;

    Recording(ToDoubleFunction<double[]> f) {
      this.f = f;
    }

    @Override
    public double value(double[] x) {
      evals++;
      double v = f.applyAsDouble(x);
      if (v < best) {
        best = v;
        bestX = x.clone();
      }
      return v;
    }
  }

  static double commonsMath(Recording obj, double[] x0, double relTol, int maxEval) {
    SimplexOptimizer opt = new SimplexOptimizer(relTol, 1e-10);
    try {
      opt.optimize(new MaxEval(maxEval), new ObjectiveFunction(obj), GoalType.MINIMIZE, new InitialGuess(x0),
          new NelderMeadSimplex(x0.length, 1.0));
    } catch (TooManyEvaluationsException budgetUsed) {
      // the recorded best point is the answer, as with our optimiser's budget
    }
    return obj.best;
  }

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    SplittableRandom r = new SplittableRandom(42);
    double[] y = new double[960];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 0.02 * t + 20 * Math.sin(2 * Math.PI * t / 24) + 8 * Math.sin(2 * Math.PI * t / 168)
          + 3 * r.nextGaussian();
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    String[] forms = {"A,N,N", "A,Ad,N", "A,A,A", "M,Ad,M"};
    System.out.println("| form | budget | ours: CPU ms / evals / -2logL | Commons Math: CPU ms / evals / -2logL |");
    System.out.println("|---|---|---|---|");
    for (String form : forms) {
      Ets e = Ets.parse(form, 24);
      double[] init = e.initialStates(y);
      ToDoubleFunction<double[]> lik = x -> e.likelihoodAt(y, x, init);
      double[] x0 = e.startPoint();
      for (int[] budget : new int[][] {{80, 2}, {400, 5}}) {
        double tol = budget[1] == 2 ? 1e-2 : 1e-5;
        double oursBest = 0;
        double cmBest = 0;
        int oursEvals = 0;
        int cmEvals = 0;
        long oursNs = 0;
        long cmNs = 0;
        for (int rep = 0; rep < reps + 5; rep++) {
          Recording a = new Recording(lik);
          long t0 = cpu.getCurrentThreadCpuTime();
          NelderMead.minimize(a::value, x0, 1.0, tol, budget[0]);
          long t1 = cpu.getCurrentThreadCpuTime();
          Recording b = new Recording(lik);
          commonsMath(b, x0, tol, budget[0]);
          long t2 = cpu.getCurrentThreadCpuTime();
          if (rep >= 5) {
            oursNs += t1 - t0;
            cmNs += t2 - t1;
          }
          oursBest = a.best;
          cmBest = b.best;
          oursEvals = a.evals;
          cmEvals = b.evals;
        }
        System.out.printf(Locale.ROOT, "| ETS(%s) | %d | %.3f / %d / %.3f | %.3f / %d / %.3f |%n", form, budget[0],
            oursNs / 1e6 / reps, oursEvals, oursBest, cmNs / 1e6 / reps, cmEvals, cmBest);
      }
    }
  }
}
