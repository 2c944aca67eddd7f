package io.stratus.simulation.workload;

import io.stratus.simulation.engine.SimulationEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Replays CPU utilization traces as VM demand on simulated hosts and samples the utilization the VMs actually get.
 * VMs are packed {@code vmsPerHost} to a host in trace order; a host offers {@code hostCapacity} VM-equivalents of
 * CPU (e.g. 8 VMs on a host of capacity 4 is a 2x overcommit). When a host's total demand exceeds its capacity every
 * VM on it gets the same fraction of its demand (proportional share). A sampling event fires every {@code
 * sampleInterval} on the {@link SimulationEngine}; the delivered utilization of a VM over a sample is its demand at
 * the sample time times its host's share.
 *
 * <p>Immutable and thread-safe; each {@link #run} uses its own engine.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TraceReplay {
  private final int vmsPerHost;
  private final double hostCapacity;
  private final Duration sampleInterval;

  private TraceReplay(int vmsPerHost, double hostCapacity, Duration sampleInterval) {
    this.vmsPerHost = vmsPerHost;
    this.hostCapacity = hostCapacity;
    this.sampleInterval = sampleInterval;
  }

  /**
   * A replay configuration.
   *
   * @param vmsPerHost VMs per host, {@code >= 1}
   * @param hostCapacity host CPU capacity in VM-equivalents, {@code > 0}
   * @param sampleInterval how often delivered utilization is sampled; never null, positive
   * @return the replay; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static TraceReplay of(int vmsPerHost, double hostCapacity, Duration sampleInterval) {
    if (vmsPerHost < 1) {
      throw new IllegalArgumentException("vmsPerHost must be >= 1, was " + vmsPerHost);
    }
    if (!(hostCapacity > 0) || Double.isInfinite(hostCapacity)) {
      throw new IllegalArgumentException("hostCapacity must be finite and > 0, was " + hostCapacity);
    }
    Objects.requireNonNull(sampleInterval, "sampleInterval");
    if (sampleInterval.isNegative() || sampleInterval.isZero()) {
      throw new IllegalArgumentException("sampleInterval must be positive, was " + sampleInterval);
    }
    return new TraceReplay(vmsPerHost, hostCapacity, sampleInterval);
  }

  /**
   * Replays traces that share a start instant, over the length of the shortest.
   *
   * @param traces the VM demand traces; never null or empty, all with the same start
   * @return the delivered utilization per VM and overload figures; never null
   * @throws NullPointerException if traces is null
   * @throws IllegalArgumentException if traces is empty or the starts differ
   */
  public Result run(List<UtilizationTrace> traces) {
    Objects.requireNonNull(traces, "traces");
    if (traces.isEmpty()) {
      throw new IllegalArgumentException("traces must not be empty");
    }
    UtilizationTrace first = traces.get(0);
    Duration length = first.interval().multipliedBy(first.size());
    for (UtilizationTrace t : traces) {
      if (!t.start().equals(first.start())) {
        throw new IllegalArgumentException(
            "traces must share a start: " + t.name() + " starts at " + t.start() + ", not " + first.start());
      }
      Duration l = t.interval().multipliedBy(t.size());
      if (l.compareTo(length) < 0) {
        length = l;
      }
    }
    int vms = traces.size();
    int hosts = (vms + vmsPerHost - 1) / vmsPerHost;
    int samples = (int) (length.toNanos() / sampleInterval.toNanos());
    double[][] delivered = new double[vms][samples];
    long[] overloaded = new long[1];
    SimulationEngine engine = SimulationEngine.create(first.start());
    long step = sampleInterval.toNanos();
    double[] demand = new double[vms];
    int[] kind = new int[1];
    kind[0] = engine.register((e, sample, unused) -> {
      java.time.Instant at = e.clock().instant();
      for (int v = 0; v < vms; v++) {
        demand[v] = traces.get(v).valueAt(at);
      }
      for (int h = 0; h < hosts; h++) {
        int from = h * vmsPerHost;
        int to = Math.min(vms, from + vmsPerHost);
        double total = 0;
        for (int v = from; v < to; v++) {
          total += demand[v];
        }
        double share = total > hostCapacity ? hostCapacity / total : 1.0;
        if (share < 1.0) {
          overloaded[0]++;
        }
        for (int v = from; v < to; v++) {
          delivered[v][sample] = demand[v] * share;
        }
      }
      if (sample + 1 < samples) {
        e.scheduleAfter(step, kind[0], sample + 1, 0);
      }
    });
    if (samples > 0) {
      engine.schedule(0, kind[0], 0, 0);
    }
    engine.run();
    List<UtilizationTrace> out = new ArrayList<>(vms);
    for (int v = 0; v < vms; v++) {
      out.add(UtilizationTrace.of(traces.get(v).name(), first.start(), sampleInterval,
          samples == 0 ? new double[] {0} : delivered[v]));
    }
    long hostSamples = (long) hosts * samples;
    return new Result(List.copyOf(out), hostSamples == 0 ? 0 : overloaded[0] / (double) hostSamples,
        engine.eventsProcessed());
  }

  /**
   * What a replay delivered.
   *
   * @param delivered the delivered utilization per VM, sampled at the replay's interval, in input order; never null
   * @param overloadedHostSampleFraction fraction of (host, sample) pairs whose demand exceeded capacity
   * @param events events fired by the engine
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(List<UtilizationTrace> delivered, double overloadedHostSampleFraction, long events) {
    /**
     * Copies the list.
     *
     * @throws NullPointerException if delivered is null
     */
    public Result {
      delivered = List.copyOf(delivered);
    }
  }
}
