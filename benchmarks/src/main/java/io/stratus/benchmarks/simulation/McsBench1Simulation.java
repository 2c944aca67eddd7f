package io.stratus.benchmarks.simulation;

import io.stratus.simulation.engine.EventHandler;
import io.stratus.simulation.engine.SimulationEngine;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Scenario {@code mcs-bench-1} on the Stratus {@link SimulationEngine}: H hosts, V VMs placed first-fit (or best-fit)
 * at time 0, C tasks bound to VM {@code k mod V}; each VM is a FIFO queue served by its vCPUs, and a running task
 * executes at {@code 1000 * u_k(t)} MIPS. The engine fires two kinds of events, a task arrival (chained, so one is
 * pending at a time) and a task finish, whose time is computed exactly when the task starts (the utilization is a
 * known step function), so no periodic processing updates are needed. All state lives in primitive arrays.
 *
 * <p>The result matches the scenario's reference semantics (its section 8) exactly; {@link #finishTime(int)} gives
 * each task's finish time for comparisons with other simulators.
 *
 * <p>Not thread-safe; {@link #run()} may be called once.
 *
 */
final class McsBench1Simulation {
  private static final double NANOS_PER_SECOND = 1e9;

  private final McsBench1Parameters params;
  private final McsBench1Workload workload;
  private final SimulationEngine engine;
  private final int arrivalKind;
  private final int finishKind;

  private final int[] vmHost;
  private final int[] vmFreeCores;
  private final int[] vmWaiting;
  private final int[] vmWaitingHead;
  private final double[] startTimes;
  private final double[] finishTimes;
  private boolean ran;

  private McsBench1Simulation(McsBench1Parameters params) {
    this.params = params;
    this.workload = McsBench1Workload.of(params);
    this.engine = SimulationEngine.create(Instant.EPOCH);
    int v = params.vms();
    int c = params.cloudlets();
    this.vmHost = new int[v];
    this.vmFreeCores = new int[v];
    this.vmWaiting = new int[v];
    this.vmWaitingHead = new int[v];
    this.startTimes = new double[c];
    this.finishTimes = new double[c];
    Arrays.fill(finishTimes, Double.NaN);
    Arrays.fill(startTimes, Double.NaN);
    EventHandler onArrival = (e, k, unused) -> arrive(k);
    EventHandler onFinish = (e, k, unused) -> finish(k);
    this.arrivalKind = engine.register(onArrival);
    this.finishKind = engine.register(onFinish);
  }

  /**
   * A simulation of a parameter set, with the workload built (setup) but not yet run.
   *
   * @param params the parameters; never null
   * @return the simulation; never null
   * @throws NullPointerException if params is null
   */
  public static McsBench1Simulation create(McsBench1Parameters params) {
    return new McsBench1Simulation(Objects.requireNonNull(params, "params"));
  }

  /**
   * Places the VMs and runs every event (up to the horizon if one is set).
   *
   * @return the measured values; never null
   * @throws IllegalStateException if the simulation already ran
   */
  public Result run() {
    if (ran) {
      throw new IllegalStateException("run() may be called once");
    }
    ran = true;
    int placed = placeVms();
    if (params.cloudlets() > 0) {
      engine.schedule(toNanos(workload.arrival(0)), arrivalKind, 0, 0);
    }
    double horizon = params.horizonS();
    if (horizon > 0) {
      engine.runUntil(toNanos(horizon));
    } else {
      engine.run();
    }
    return summarize(placed, horizon);
  }

  /**
   * The finish time of a task, after {@link #run()}.
   *
   * @param k the task index
   * @return the finish time in seconds, or NaN if the task did not finish (within the horizon)
   */
  public double finishTime(int k) {
    double f = finishTimes[k];
    double h = params.horizonS();
    return h > 0 && f > h ? Double.NaN : f;
  }

  /**
   * The host a VM was placed on, after {@link #run()}.
   *
   * @param j the VM index
   * @return the host index, or -1 if no host could take the VM
   */
  public int hostOf(int j) {
    return vmHost[j];
  }

  /**
   * The workload this simulation runs.
   *
   * @return the workload; never null
   */
  public McsBench1Workload workload() {
    return workload;
  }

  private int placeVms() {
    int h = params.hosts();
    int[] freeCores = new int[h];
    long[] freeRam = new long[h];
    long[] freeBw = new long[h];
    long[] freeStorage = new long[h];
    Arrays.fill(freeCores, McsBench1Workload.HOST_PES);
    Arrays.fill(freeRam, McsBench1Workload.HOST_RAM_MIB);
    Arrays.fill(freeBw, McsBench1Workload.HOST_BW_MBPS);
    Arrays.fill(freeStorage, McsBench1Workload.HOST_STORAGE_MB);
    int cursor = 0;
    int placed = 0;
    boolean bestFit = params.policy() == McsBench1Parameters.Policy.BESTFIT;
    for (int j = 0; j < params.vms(); j++) {
      int p = workload.vmVcpus(j);
      long ram = McsBench1Workload.VM_RAM_PER_VCPU_MIB * p;
      long bw = McsBench1Workload.VM_BW_PER_VCPU_MBPS * p;
      long disk = McsBench1Workload.VM_IMAGE_MB;
      int chosen = -1;
      if (bestFit) {
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < h; i++) {
          if (freeCores[i] >= p && freeRam[i] >= ram && freeBw[i] >= bw && freeStorage[i] >= disk
              && freeCores[i] < best) {
            best = freeCores[i];
            chosen = i;
          }
        }
      } else {
        for (int tried = 0; tried < h; tried++) {
          int i = (cursor + tried) % h;
          if (freeCores[i] >= p && freeRam[i] >= ram && freeBw[i] >= bw && freeStorage[i] >= disk) {
            chosen = i;
            cursor = i;
            break;
          }
        }
      }
      vmHost[j] = chosen;
      if (chosen >= 0) {
        freeCores[chosen] -= p;
        freeRam[chosen] -= ram;
        freeBw[chosen] -= bw;
        freeStorage[chosen] -= disk;
        vmFreeCores[j] = p;
        placed++;
      }
    }
    return placed;
  }

  private void arrive(int k) {
    int next = k + 1;
    if (next < params.cloudlets()) {
      engine.schedule(toNanos(workload.arrival(next)), arrivalKind, next, 0);
    }
    int j = workload.vmOf(k);
    if (vmHost[j] < 0) {
      return; // the VM was never placed: its tasks never run and are reported as unfinished
    }
    if (vmWaiting[j] == 0 && vmFreeCores[j] > 0) {
      vmFreeCores[j]--;
      start(k, workload.arrival(k));
    } else {
      if (vmWaiting[j] == 0) {
        vmWaitingHead[j] = k;
      }
      vmWaiting[j]++;
    }
  }

  private void finish(int k) {
    int j = workload.vmOf(k);
    if (vmWaiting[j] > 0) {
      int next = vmWaitingHead[j];
      vmWaitingHead[j] = next + params.vms();
      vmWaiting[j]--;
      start(next, Math.max(workload.arrival(next), finishTimes[k]));
    } else {
      vmFreeCores[j]++;
    }
  }

  private void start(int k, double at) {
    startTimes[k] = at;
    double f = workload.finishTime(k, at);
    finishTimes[k] = f;
    engine.schedule(Math.max(engine.nowNanos(), toNanos(f)), finishKind, k, 0);
  }

  private Result summarize(int placed, double horizon) {
    int finished = 0;
    double sum = 0;
    double response = 0;
    double makespan = 0;
    for (int k = 0; k < params.cloudlets(); k++) {
      double f = finishTimes[k];
      if (!Double.isNaN(f) && (horizon <= 0 || f <= horizon)) {
        finished++;
        sum += f;
        response += f - workload.arrival(k);
        makespan = Math.max(makespan, f);
      }
    }
    return new Result(
        finished, sum, finished == 0 ? 0 : response / finished, makespan, engine.eventsProcessed(), placed);
  }

  private static long toNanos(double seconds) {
    return (long) Math.ceil(seconds * NANOS_PER_SECOND);
  }

  /**
   * What a run measured (section 9 of the scenario).
   *
   * @param finishedCloudlets tasks finished (with a horizon T: tasks with finish time {@code <= T})
   * @param finishTimeSum the checksum: sum of finish times of finished tasks, in index order
   * @param meanResponseS mean of finish minus arrival time over finished tasks (0 if none)
   * @param makespanS the largest finish time (0 if none)
   * @param events events fired by the engine
   * @param placedVms VMs that found a host
   */
  public record Result(
      int finishedCloudlets,
      double finishTimeSum,
      double meanResponseS,
      double makespanS,
      long events,
      int placedVms) {}
}
