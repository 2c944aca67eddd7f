package io.stratus.benchmarks.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of scenario mcs-bench-1 in this JVM, with one tool, printing one JSON line of measurements (section 9 of
 * the scenario document). Run each measurement in a fresh JVM; {@link McsBench1Compare} does that for both tools.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.McsBench1Run \
 *     --tool stratus|cloudsimplus [--hosts 100 --vms 400 --cloudlets 2000 --seed 42 --policy firstfit
 *     --duration 3600 --arrivals stratified --length-dist loguniform:60000:3600000 --util periodic
 *     --util-step 60 --util-period 3600 --horizon 0 --interval 60 --scheduler space] [--no-reference]
 * </pre>
 */
public final class McsBench1Run {
  private McsBench1Run() {}

  /**
   * Entry point.
   *
   * @param args see the class documentation
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Map<String, Object> out = run(o);
    System.out.println(new ObjectMapper().writeValueAsString(out));
  }

  static Map<String, Object> run(Options o) {
    McsBench1Parameters p = o.params;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tool", o.tool);
    out.put("hosts", p.hosts());
    out.put("vms", p.vms());
    out.put("cloudlets", p.cloudlets());
    out.put("seed", p.seed());
    out.put("policy", p.policy().name().toLowerCase(java.util.Locale.ROOT));
    out.put("horizonS", p.horizonS());
    out.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));

    double[] finish = new double[p.cloudlets()];
    try (HeapMonitor heap = new HeapMonitor()) {
      heap.start();
      long t0 = System.nanoTime();
      Object keepAlive;
      long setupEnd;
      long runEnd;
      long cpu0;
      long cpu1;
      long proc0;
      long proc1;
      if (o.tool.equals("stratus")) {
        McsBench1Simulation sim = McsBench1Simulation.create(p);
        setupEnd = System.nanoTime();
        cpu0 = threads.getCurrentThreadCpuTime();
        proc0 = os.getProcessCpuTime();
        McsBench1Simulation.Result r = sim.run();
        runEnd = System.nanoTime();
        cpu1 = threads.getCurrentThreadCpuTime();
        proc1 = os.getProcessCpuTime();
        out.put("events", r.events());
        for (int k = 0; k < finish.length; k++) {
          finish[k] = sim.finishTime(k);
        }
        keepAlive = sim;
      } else {
        CloudSimPlusMcsBench1 sim = new CloudSimPlusMcsBench1(p, o.interval, o.spaceShared);
        sim.setup();
        setupEnd = System.nanoTime();
        cpu0 = threads.getCurrentThreadCpuTime();
        proc0 = os.getProcessCpuTime();
        sim.run();
        runEnd = System.nanoTime();
        cpu1 = threads.getCurrentThreadCpuTime();
        proc1 = os.getProcessCpuTime();
        out.put("events", sim.events());
        out.put("dcUpdateEvents", sim.dcUpdateEvents());
        out.put("lastEventTimeS", sim.lastEventTime());
        for (int k = 0; k < finish.length; k++) {
          finish[k] = sim.finishTime(k);
        }
        keepAlive = sim;
      }
      out.put("setupSeconds", (setupEnd - t0) / 1e9);
      out.put("runSeconds", (runEnd - setupEnd) / 1e9);
      out.put("runThreadCpuSeconds", (cpu1 - cpu0) / 1e9);
      out.put("runProcessCpuSeconds", (proc1 - proc0) / 1e9);
      out.put("peakHeapUsedMiB", round(heap.peakUsedMiB()));
      out.put("peakHeapAfterGcMiB", round(heap.peakAfterGcMiB()));
      out.put("gcCount", heap.gcCount());
      out.put("retainedHeapMiB", round(heap.retainedMiB()));
      // keep the model reachable until the retained heap was measured
      out.put("model", keepAlive.getClass().getSimpleName());
    }
    int finished = 0;
    double sum = 0;
    double response = 0;
    double makespan = 0;
    McsBench1Workload w = McsBench1Workload.of(p);
    for (int k = 0; k < finish.length; k++) {
      if (!Double.isNaN(finish[k])) {
        finished++;
        sum += finish[k];
        response += finish[k] - w.arrival(k);
        makespan = Math.max(makespan, finish[k]);
      }
    }
    out.put("finishedCloudlets", finished);
    out.put("finishTimeSum", sum);
    out.put("meanResponseS", finished == 0 ? 0 : response / finished);
    out.put("makespanS", makespan);
    if (o.reference) {
      // the spec's ideal model (section 8), evaluated directly: independent of both simulators
      McsBench1Ideal ref = McsBench1Ideal.of(p);
      out.put("reference.model", "ideal (section 8, McsBench1Ideal)");
      out.put("reference.finished", ref.finished());
      out.put("reference.finishTimeSum", ref.finishTimeSum());
      double diff = 0;
      double signed = 0;
      double max = 0;
      int n = 0;
      int onlyHere = 0;
      int onlyRef = 0;
      for (int k = 0; k < finish.length; k++) {
        double rf = ref.finishTime(k);
        if (!Double.isNaN(finish[k]) && !Double.isNaN(rf)) {
          double d = finish[k] - rf;
          diff += Math.abs(d);
          signed += d;
          max = Math.max(max, Math.abs(d));
          n++;
        } else if (!Double.isNaN(finish[k])) {
          onlyHere++;
        } else if (!Double.isNaN(rf)) {
          onlyRef++;
        }
      }
      out.put("reference.meanAbsDiffS", n == 0 ? 0 : diff / n);
      out.put("reference.meanSignedDiffS", n == 0 ? 0 : signed / n);
      out.put("reference.maxAbsDiffS", max);
      out.put("reference.finishedOnlyByTool", onlyHere);
      out.put("reference.finishedOnlyByReference", onlyRef);
      out.put("reference.checksumEqual", sum == ref.finishTimeSum() && finished == ref.finished());
    }
    return out;
  }

  private static double round(double mib) {
    return Math.round(mib * 10) / 10.0;
  }

  /** Command line options. */
  static final class Options {
    String tool = "stratus";
    McsBench1Parameters params = McsBench1Parameters.defaults();
    double interval = Double.NaN;
    boolean spaceShared = true;
    boolean reference = true;

    static Options parse(String[] args) {
      Options o = new Options();
      McsBench1Parameters d = McsBench1Parameters.defaults();
      int h = d.hosts();
      int v = d.vms();
      int c = d.cloudlets();
      long seed = d.seed();
      McsBench1Parameters.Policy policy = d.policy();
      double duration = d.durationS();
      McsBench1Parameters.Arrivals arrivals = d.arrivals();
      String length = d.lengthDistribution();
      String util = d.utilization();
      double step = d.utilStepS();
      double period = d.utilPeriodS();
      double horizon = d.horizonS();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--no-reference")) {
          o.reference = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String val = args[++i];
        switch (a) {
          case "--tool":
            if (!val.equals("stratus") && !val.equals("cloudsimplus")) {
              throw new IllegalArgumentException("--tool must be stratus or cloudsimplus, was " + val);
            }
            o.tool = val;
            break;
          case "--hosts": h = Integer.parseInt(val); break;
          case "--vms": v = Integer.parseInt(val); break;
          case "--cloudlets": c = Integer.parseInt(val); break;
          case "--seed": seed = Long.parseLong(val); break;
          case "--policy": policy = McsBench1Parameters.Policy.parse(val); break;
          case "--duration": duration = Double.parseDouble(val); break;
          case "--arrivals": arrivals = McsBench1Parameters.Arrivals.parse(val); break;
          case "--length-dist": length = val; break;
          case "--util": util = val; break;
          case "--util-step": step = Double.parseDouble(val); break;
          case "--util-period": period = Double.parseDouble(val); break;
          case "--horizon": horizon = Double.parseDouble(val); break;
          case "--interval": o.interval = Double.parseDouble(val); break;
          case "--scheduler":
            if (!val.equals("space") && !val.equals("time")) {
              throw new IllegalArgumentException("--scheduler must be space or time, was " + val);
            }
            o.spaceShared = val.equals("space");
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      }
      o.params = new McsBench1Parameters(
          h, v, c, seed, policy, duration, arrivals, length, util, step, period, horizon);
      if (Double.isNaN(o.interval)) {
        o.interval = step;
      }
      return o;
    }
  }
}
