package io.stratus.simulation.workload;

import io.stratus.simulation.engine.RandomStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Draws jobs from a {@link WorkloadSpec} over a time window. The arrival process is a non-homogeneous Poisson process
 * whose rate is piecewise constant over the spec's rate step: base pattern x seasonality x log-normal noise (mean
 * 1). Within a step, arrivals are drawn with exponential gaps at that step's rate, which is exact for a piecewise
 * constant rate.
 *
 * <p>Randomness comes from three named streams of the given {@link RandomStreams} ({@code workload/<name>/rate},
 * {@code /arrivals}, {@code /shapes}), so the same seed gives the same jobs, and changing the job shapes does not
 * move the arrivals.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkloadGenerator {
  private final WorkloadSpec spec;
  private final int[] vcpuValues;
  private final double[] vcpuCumulative;
  private final String[] teams;
  private final double[] teamCumulative;

  private WorkloadGenerator(WorkloadSpec spec) {
    this.spec = spec;
    this.vcpuValues = spec.vcpuWeights().keySet().stream().mapToInt(Integer::intValue).toArray();
    this.vcpuCumulative = cumulative(spec.vcpuWeights());
    this.teams = spec.teamWeights().keySet().toArray(new String[0]);
    this.teamCumulative = cumulative(spec.teamWeights());
  }

  /**
   * A generator for a spec.
   *
   * @param spec the spec; never null
   * @return the generator; never null
   * @throws NullPointerException if spec is null
   */
  public static WorkloadGenerator of(WorkloadSpec spec) {
    return new WorkloadGenerator(Objects.requireNonNull(spec, "spec"));
  }

  /**
   * The spec.
   *
   * @return the spec; never null
   */
  public WorkloadSpec spec() {
    return spec;
  }

  /**
   * The effective arrival rate (jobs per hour) per rate step over a window: base pattern x seasonality x noise.
   * This is the demand pattern the jobs of {@link #generate} are drawn from.
   *
   * @param from the window start; never null
   * @param window the window length; never null, positive
   * @param streams the run's random streams; never null
   * @return one rate per rate step (the last step may extend past the window)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the window is not positive
   */
  public double[] rates(Instant from, Duration window, RandomStreams streams) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    double step = spec.rateStep().toNanos() / 1e9;
    int steps = (int) Math.ceil(window.toNanos() / 1e9 / step);
    SplittableRandom rnd = streams.stream("workload/" + spec.name() + "/rate");
    double offset = from.getEpochSecond() + from.getNano() / 1e9;
    double[] r = spec.arrivals().rates(steps, step, offset, rnd);
    double sigma = spec.noiseSigma();
    for (int i = 0; i < steps; i++) {
      long t = from.plusNanos((long) ((i + 0.5) * step * 1e9)).getEpochSecond();
      double noise = sigma > 0 ? StrictMath.exp(sigma * ArrivalPattern.gaussian(rnd) - sigma * sigma / 2) : 1;
      r[i] = r[i] * spec.seasonality().factorAt(t) * noise;
    }
    return r;
  }

  /**
   * Draws the jobs arriving in [from, from + window), in arrival order.
   *
   * @param from the window start; never null
   * @param window the window length; never null, positive
   * @param streams the run's random streams; never null
   * @return the jobs, ordered by arrival; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the window is not positive
   */
  public List<GeneratedJob> generate(Instant from, Duration window, RandomStreams streams) {
    double[] rates = rates(from, window, streams);
    SplittableRandom arrivals = streams.stream("workload/" + spec.name() + "/arrivals");
    SplittableRandom shapes = streams.stream("workload/" + spec.name() + "/shapes");
    double step = spec.rateStep().toNanos() / 1e9;
    double end = window.toNanos() / 1e9;
    List<GeneratedJob> jobs = new ArrayList<>();
    for (int i = 0; i < rates.length; i++) {
      double perSecond = rates[i] / 3600.0;
      if (perSecond <= 0) {
        continue;
      }
      double stepEnd = Math.min(end, (i + 1) * step);
      double t = i * step;
      while (true) {
        t += -StrictMath.log(1 - arrivals.nextDouble()) / perSecond;
        if (t >= stepEnd) {
          break;
        }
        int vcpus = vcpuValues[pick(vcpuCumulative, shapes.nextDouble())];
        String team = teams[pick(teamCumulative, shapes.nextDouble())];
        Duration d = spec.durations().sample(shapes);
        jobs.add(new GeneratedJob(
            spec.name() + "-" + (jobs.size() + 1), spec.name(), team, from.plusNanos((long) (t * 1e9)), vcpus,
            vcpus * spec.memoryGibPerVcpu(), d));
      }
    }
    return List.copyOf(jobs);
  }

  private static <K> double[] cumulative(Map<K, Double> weights) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double[] c = new double[weights.size()];
    double acc = 0;
    int i = 0;
    for (double w : weights.values()) {
      acc += w / total;
      c[i++] = acc;
    }
    c[c.length - 1] = 1.0;
    return c;
  }

  private static int pick(double[] cumulative, double u) {
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  @Override
  public String toString() {
    return "WorkloadGenerator[" + spec + "]";
  }
}
