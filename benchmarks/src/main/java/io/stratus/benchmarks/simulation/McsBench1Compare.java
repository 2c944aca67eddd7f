package io.stratus.benchmarks.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs scenario mcs-bench-1 in Stratus and in CloudSim Plus 8.5.7 at the three sizes (small 100/400/2,000, medium
 * 1,000/4,000/20,000, large 10,000/40,000/200,000), each run in a fresh JVM with the same {@code -Xmx} (see {@link
 * HeapMonitor} for how heap is measured), and prints a Markdown table with wall time, thread CPU time, heap figures
 * and the checksum side by side, plus the ratios.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.McsBench1Compare \
 *     [--xmx 4g] [--sizes small,medium,large] [--horizons 0,300] [--cloudsim-full-max medium]
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
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--xmx": xmx = args[i + 1]; break;
        case "--sizes": sizes = List.of(args[i + 1].split(",")); break;
        case "--horizons": horizons = List.of(args[i + 1].split(",")); break;
        case "--cloudsim-full-max": cloudsimFullMax = args[i + 1]; break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int fullMax = List.of(SIZE_NAMES).indexOf(cloudsimFullMax);
    System.out.println("| size | horizon | tool | run s (wall) | run s (thread CPU) | peak heap used MiB | peak after GC MiB"
        + " | retained MiB | events | finished | finishTimeSum | reference finishTimeSum | mean abs diff vs ref s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    List<String> ratios = new ArrayList<>();
    for (String horizon : horizons) {
      for (String size : sizes) {
        int idx = List.of(SIZE_NAMES).indexOf(size);
        if (idx < 0) {
          throw new IllegalArgumentException("unknown size " + size);
        }
        JsonNode s = child(xmx, "stratus", SIZES[idx], horizon);
        row(size, horizon, s);
        if (Double.parseDouble(horizon) == 0 && idx > fullMax) {
          System.out.println("| " + size + " | " + horizon + " | cloudsimplus | skipped (full large run takes hours;"
              + " see the horizon 300 rows) | | | | | | | | | |");
          continue;
        }
        JsonNode c = child(xmx, "cloudsimplus", SIZES[idx], horizon);
        row(size, horizon, c);
        ratios.add(String.format(Locale.ROOT,
            "| %s | %s | %.1fx | %.1fx | %.1fx | %.1fx | %s |", size, horizon,
            c.get("runSeconds").asDouble() / s.get("runSeconds").asDouble(),
            c.get("runThreadCpuSeconds").asDouble() / Math.max(1e-9, s.get("runThreadCpuSeconds").asDouble()),
            c.get("peakHeapUsedMiB").asDouble() / Math.max(0.1, s.get("peakHeapUsedMiB").asDouble()),
            c.get("retainedHeapMiB").asDouble() / Math.max(0.1, s.get("retainedHeapMiB").asDouble()),
            s.get("finishTimeSum").asDouble() == s.get("reference.finishTimeSum").asDouble()
                ? "Stratus = reference" : "Stratus differs from reference"));
      }
    }
    System.out.println();
    System.out.println("| size | horizon | speed-up (wall) | speed-up (thread CPU) | peak heap ratio | retained heap ratio"
        + " | checksum |");
    System.out.println("|---|---|---|---|---|---|---|");
    ratios.forEach(System.out::println);
  }

  private static void row(String size, String horizon, JsonNode n) {
    System.out.println(String.format(Locale.ROOT,
        "| %s | %s | %s | %.3f | %.3f | %.1f | %.1f | %.1f | %d | %d | %s | %s | %.3f |",
        size, horizon, n.get("tool").asText(), n.get("runSeconds").asDouble(),
        n.get("runThreadCpuSeconds").asDouble(), n.get("peakHeapUsedMiB").asDouble(),
        n.get("peakHeapAfterGcMiB").asDouble(), n.get("retainedHeapMiB").asDouble(), n.get("events").asLong(),
        n.get("finishedCloudlets").asLong(), n.get("finishTimeSum").asText(),
        n.get("reference.finishTimeSum").asText(), n.get("reference.meanAbsDiffS").asDouble()));
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
