package io.stratus.benchmarks.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Runs scenario mcs-bench-1 in Stratus and in CloudSim Plus 8.5.7 at the three sizes (small 100/400/2,000, medium
 * 1,000/4,000/20,000, large 10,000/40,000/200,000), each run in a fresh JVM with the same {@code -Xmx} (see {@link
 * HeapMonitor} for how heap is measured), {@code --repeat} times per tool and size (one after the other), and prints
 * Markdown tables: per tool the median wall time, thread CPU time, process CPU time and heap figures, the checksum
 * next to the ideal model's ({@link McsBench1Ideal}, section 8 of the scenario), then the ratios of the medians.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.McsBench1Compare \
 *     [--xmx 4g] [--sizes small,medium,large] [--horizons 0,300] [--cloudsim-full-max medium] [--repeat 3]
 * </pre>
 *
 * <p>Full runs (horizon 0) of CloudSim Plus are skipped above {@code --cloudsim-full-max} (a full large run takes
 * hours there); the horizon-300 rows compare all sizes.
 */
public final class McsBench1Compare {
  private static final String[] SIZE_NAMES = {"small", "medium", "large"};
  private static final int[][] SIZES = {{100, 400, 2000}, {1000, 4000, 20000}, {10000, 40000, 200000}};

  private McsBench1Compare() {}

  /**
   * Entry point.
   *
   * @param args see the class documentation
   * @throws Exception if a child run fails
   */
  public static void main(String[] args) throws Exception {
    String xmx = "4g";
    List<String> sizes = List.of(SIZE_NAMES);
    List<String> horizons = List.of("0", "300");
    String cloudsimFullMax = "medium";
    int repeat = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--xmx": xmx = args[i + 1]; break;
        case "--sizes": sizes = List.of(args[i + 1].split(",")); break;
        case "--horizons": horizons = List.of(args[i + 1].split(",")); break;
        case "--cloudsim-full-max": cloudsimFullMax = args[i + 1]; break;
        case "--repeat": repeat = Integer.parseInt(args[i + 1]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int fullMax = List.of(SIZE_NAMES).indexOf(cloudsimFullMax);
    System.out.println("| size | horizon | tool | runs | run s (wall) | run s (thread CPU) | run s (process CPU)"
        + " | peak heap used MiB | peak after GC MiB | retained MiB | events | finished | finishTimeSum"
        + " | ideal finishTimeSum | = ideal | mean abs diff vs ideal s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    List<String> ratios = new ArrayList<>();
    for (String horizon : horizons) {
      for (String size : sizes) {
        int idx = List.of(SIZE_NAMES).indexOf(size);
        if (idx < 0) {
          throw new IllegalArgumentException("unknown size " + size);
        }
        Map<String, Double> s = medians(runs(xmx, "stratus", SIZES[idx], horizon, repeat));
        row(size, horizon, "stratus", repeat, s);
        if (Double.parseDouble(horizon) == 0 && idx > fullMax) {
          System.out.println("| " + size + " | " + horizon + " | cloudsimplus | skipped (full runs above"
              + " --cloudsim-full-max " + cloudsimFullMax + "; see the horizon 300 rows) | | | | | | | | | | | | |");
          continue;
        }
        Map<String, Double> c = medians(runs(xmx, "cloudsimplus", SIZES[idx], horizon, repeat));
        row(size, horizon, "cloudsimplus", repeat, c);
        ratios.add(String.format(Locale.ROOT, "| %s | %s | %.1fx | %.1fx | %.1fx | %.1fx | %.1fx |", size, horizon,
            c.get("runSeconds") / s.get("runSeconds"),
            c.get("runThreadCpuSeconds") / Math.max(1e-9, s.get("runThreadCpuSeconds")),
            c.get("runProcessCpuSeconds") / Math.max(1e-9, s.get("runProcessCpuSeconds")),
            c.get("peakHeapUsedMiB") / Math.max(0.1, s.get("peakHeapUsedMiB")),
            c.get("retainedHeapMiB") / Math.max(0.1, s.get("retainedHeapMiB"))));
      }
    }
    System.out.println();
    System.out.println("Ratios CloudSim Plus / Stratus of the medians:");
    System.out.println();
    System.out.println("| size | horizon | wall | thread CPU | process CPU | peak heap | retained heap |");
    System.out.println("|---|---|---|---|---|---|---|");
    ratios.forEach(System.out::println);
  }

  private static List<JsonNode> runs(String xmx, String tool, int[] size, String horizon, int repeat)
      throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      JsonNode n = child(xmx, tool, size, horizon);
      System.err.println(n);
      out.add(n);
    }
    return out;
  }

  /** Per field, the median over the runs; the deterministic fields (events, checksums) are checked to agree. */
  static Map<String, Double> medians(List<JsonNode> runs) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String f : List.of("runSeconds", "runThreadCpuSeconds", "runProcessCpuSeconds", "peakHeapUsedMiB",
        "peakHeapAfterGcMiB", "retainedHeapMiB")) {
      double[] v = runs.stream().mapToDouble(n -> n.get(f).asDouble()).sorted().toArray();
      out.put(f, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    }
    for (String f : List.of("events", "finishedCloudlets", "finishTimeSum", "reference.finishTimeSum",
        "reference.meanAbsDiffS")) {
      double first = runs.get(0).get(f).asDouble();
      for (JsonNode n : runs) {
        if (Double.compare(n.get(f).asDouble(), first) != 0) {
          throw new IllegalStateException(f + " differs between runs of the same configuration: " + runs);
        }
      }
      out.put(f, first);
    }
    out.put("reference.checksumEqual", runs.get(0).get("reference.checksumEqual").asBoolean() ? 1.0 : 0.0);
    return out;
  }

  private static void row(String size, String horizon, String tool, int repeat, Map<String, Double> n) {
    System.out.println(String.format(Locale.ROOT,
        "| %s | %s | %s | %d | %.3f | %.3f | %.3f | %.1f | %.1f | %.1f | %d | %d | %s | %s | %s | %.3f |",
        size, horizon, tool, repeat, n.get("runSeconds"), n.get("runThreadCpuSeconds"),
        n.get("runProcessCpuSeconds"), n.get("peakHeapUsedMiB"), n.get("peakHeapAfterGcMiB"),
        n.get("retainedHeapMiB"), n.get("events").longValue(), n.get("finishedCloudlets").longValue(),
        Double.toString(n.get("finishTimeSum")), Double.toString(n.get("reference.finishTimeSum")),
        n.get("reference.checksumEqual") == 1.0 ? "yes" : "no", n.get("reference.meanAbsDiffS")));
    System.out.flush();
  }

  private static JsonNode child(String xmx, String tool, int[] size, String horizon)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = List.of(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
        McsBench1Run.class.getName(), "--tool", tool, "--hosts", Integer.toString(size[0]), "--vms",
        Integer.toString(size[1]), "--cloudlets", Integer.toString(size[2]), "--horizon", horizon);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String json = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("{")) {
          json = line;
        }
      }
    }
    int rc = p.waitFor();
    if (rc != 0 || json == null) {
      throw new IOException("child run failed (exit " + rc + "): " + String.join(" ", cmd));
    }
    return new ObjectMapper().readTree(json);
  }
}
