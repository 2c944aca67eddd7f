package io.stratus.simulation.environment;

import io.stratus.ProviderException;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A monitoring {@link MetricsSource} over a simulation's machines: for every machine running at an instant of a fixed
 * sampling grid (multiples of the step since the epoch), a {@code cpu.utilization} and a {@code memory.utilization}
 * gauge in percent, in the canonical Stratus vocabulary, with the machine id as resource and labels {@code provider},
 * {@code region}, {@code zone}, {@code instance_type} plus the machine's own labels (team, workload...). The values come
 * from a {@link UtilizationModel} evaluated at the sample time, so the same window is always served the same samples.
 *
 * <p>Thread-safe if the usage supplier and the model are (the simulator's usage and {@link UtilizationModel#diurnal}
 * are).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SimulatedMetricsSource implements MetricsSource {
  /**
   * The utilization of a machine at an instant.
   *
   * <p>Implementations are pure functions of their arguments and thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public interface UtilizationModel {
    /**
     * CPU utilization.
     *
     * @param machine the machine's usage record; never null
     * @param at the sample time, while the machine runs; never null
     * @return the share of the machine's vCPUs in use, in [0, 1]
     */
    double cpu(UsageRecord machine, Instant at);

    /**
     * Memory utilization.
     *
     * @param machine the machine's usage record; never null
     * @param at the sample time, while the machine runs; never null
     * @return the share of the machine's memory in use, in [0, 1]
     */
    double memory(UsageRecord machine, Instant at);

    /**
     * A deterministic model: each machine has a base CPU level in [0.15, 0.65) drawn from a hash of its id, a daily
     * cycle of the given amplitude peaking at 14:00 UTC, and a memory level in [0.3, 0.8) that drifts slowly; values
     * are clamped to [0, 1].
     *
     * @param amplitude the daily swing, in [0, 1]
     * @return the model; never null
     * @throws IllegalArgumentException if amplitude is outside [0, 1]
     */
    static UtilizationModel diurnal(double amplitude) {
      if (!(amplitude >= 0 && amplitude <= 1)) {
        throw new IllegalArgumentException("amplitude must be in [0, 1], was " + amplitude);
      }
      return new UtilizationModel() {
        @Override
        public double cpu(UsageRecord machine, Instant at) {
          double base = 0.15 + 0.5 * unit(machine.vmId().hashCode());
          double hourOfDay = (at.getEpochSecond() % 86_400) / 3600.0;
          double cycle = Math.cos((hourOfDay - 14) / 24 * 2 * Math.PI);
          return clamp(base + amplitude * 0.5 * cycle);
        }

        @Override
        public double memory(UsageRecord machine, Instant at) {
          double base = 0.3 + 0.5 * unit(machine.vmId().hashCode() * 31 + 7);
          double hours = Duration.between(machine.start(), at).toMinutes() / 60.0;
          return clamp(base + 0.05 * Math.sin(hours / 6));
        }
      };
    }
  }

  private final String id;
  private final Supplier<List<UsageRecord>> usage;
  private final long stepMillis;
  private final UtilizationModel model;

  private SimulatedMetricsSource(
      String id, Supplier<List<UsageRecord>> usage, Duration step, UtilizationModel model) {
    this.id = id;
    this.usage = usage;
    this.stepMillis = step.toMillis();
    this.model = model;
  }

  /**
   * The {@code simulated} source found through {@link java.util.ServiceLoader}: five-minute samples of the shared demo
   * environment's machines with {@code UtilizationModel.diurnal(0.3)}, built on the first fetch. {@link
   * io.stratus.spi.ProviderRegistry#load} holds it back until the host opts in ({@link #isSimulated()}). Hosts that
   * drive their own simulation use {@link #of}.
   */
  public SimulatedMetricsSource() {
    this("simulated", () -> DemoEnvironment.get().usage(), Duration.ofMinutes(5), UtilizationModel.diurnal(0.3));
  }

  /**
   * A source over a simulator's machines.
   *
   * @param id the source id; never blank
   * @param usage the machines, usually {@code simulator::usage}; never null, must not return null
   * @param step the sampling interval; at least one second
   * @param model the utilization of each machine; never null
   * @return the source; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id} is blank or {@code step} is shorter than a second
   */
  public static SimulatedMetricsSource of(
      String id, Supplier<List<UsageRecord>> usage, Duration step, UtilizationModel model) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(model, "model");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
    }
    if (step.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("step must be at least one second, was " + step);
    }
    return new SimulatedMetricsSource(id, usage, step, model);
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Always true: the data comes from a simulation, so {@link io.stratus.spi.ProviderRegistry#load} holds the
   * ServiceLoader-registered instance back until the host opts in.
   *
   * @return true
   */
  @Override
  public boolean isSimulated() {
    return true;
  }

  @Override
  public String description() {
    return "CPU and memory utilization of simulated machines every " + Duration.ofMillis(stepMillis);
  }

  @Override
  public String dialect() {
    return MetricVocabulary.STRATUS;
  }

  @Override
  public List<RawSample> fetch(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from, was " + from + " .. " + to);
    }
    List<UsageRecord> machines;
    try {
      machines = usage.get();
    } catch (RuntimeException e) {
      throw new ProviderException(id, "reading simulated machines failed: " + e.getMessage(), e);
    }
    if (machines == null) {
      throw new ProviderException(id, "the usage supplier returned null", null);
    }
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    List<RawSample> out = new ArrayList<>();
    for (UsageRecord m : machines) {
      long start = Math.max(fromMs, m.start().toEpochMilli());
      long end = Math.min(toMs, m.end().toEpochMilli());
      if (start >= end) {
        continue;
      }
      long first = Math.floorDiv(start + stepMillis - 1, stepMillis) * stepMillis;
      if (first >= end) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>(m.labels());
      labels.put("provider", m.provider().id());
      labels.put("region", m.regionId());
      labels.put("zone", m.zone());
      labels.put("instance_type", m.instanceTypeId());
      Map<String, String> frozen = Map.copyOf(labels);
      for (long t = first; t < end; t += stepMillis) {
        Instant at = Instant.ofEpochMilli(t);
        out.add(RawSample.gauge(MetricVocabulary.CPU_UTILIZATION, Unit.PERCENT, m.vmId(), frozen, t,
            100 * model.cpu(m, at)));
        out.add(RawSample.gauge(MetricVocabulary.MEMORY_UTILIZATION, Unit.PERCENT, m.vmId(), frozen, t,
            100 * model.memory(m, at)));
      }
    }
    return out;
  }

  private static double unit(int hash) {
    int h = hash * 0x9E3779B9;
    h ^= h >>> 16;
    return (h & 0x7fffffff) / (double) Integer.MAX_VALUE;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
