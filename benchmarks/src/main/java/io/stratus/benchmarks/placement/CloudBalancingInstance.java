package io.stratus.benchmarks.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.scheduler.core.placement.PlacementProblem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One cloud-balancing instance (format: {@code ../shared/data/cloudbalancing/README.md}): computers with cpu, memory,
 * network capacities and a cost; processes with cpu, memory, network demands. Immutable.
 */
final class CloudBalancingInstance {
  final String name;
  final int[][] computers; // cpu, memory, network, cost
  final int[][] processes; // cpu, memory, network
  /** The file's id of each computer (its index when the file gives none). */
  final int[] computerIds;

  private CloudBalancingInstance(String name, int[][] computers, int[][] processes, int[] computerIds) {
    this.name = name;
    this.computers = computers;
    this.processes = processes;
    this.computerIds = computerIds;
  }

  static CloudBalancingInstance read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode cs = root.get("computers");
    JsonNode ps = root.get("processes");
    int[][] computers = new int[cs.size()][];
    int[] ids = new int[cs.size()];
    for (int c = 0; c < computers.length; c++) {
      JsonNode n = cs.get(c);
      ids[c] = n.has("id") ? n.get("id").asInt() : c;
      computers[c] =
          new int[] {n.get("cpu").asInt(), n.get("memory").asInt(), n.get("network").asInt(), n.get("cost").asInt()};
    }
    int[][] processes = new int[ps.size()][];
    for (int p = 0; p < processes.length; p++) {
      JsonNode n = ps.get(p);
      processes[p] = new int[] {n.get("cpu").asInt(), n.get("memory").asInt(), n.get("network").asInt()};
    }
    return new CloudBalancingInstance(root.get("name").asText(), computers, processes, ids);
  }

  /** Each computer is a bin type with a maximum count of 1; each process an item allowed everywhere. */
  PlacementProblem toPlacementProblem() {
    PlacementProblem.Builder b = PlacementProblem.builder(3).dimensionNames("cpu", "memory", "network");
    for (int[] c : computers) {
      b.addBinType(new double[] {c[0], c[1], c[2]}, c[3], 1);
    }
    for (int[] p : processes) {
      b.addItem(new double[] {p[0], p[1], p[2]});
    }
    return b.build();
  }

  /** Independent check of an assignment (process index to computer index, -1 = unassigned). */
  Evaluation evaluate(int[] computerOf) {
    long[][] load = new long[computers.length][3];
    boolean[] used = new boolean[computers.length];
    int unassigned = 0;
    for (int p = 0; p < processes.length; p++) {
      int c = computerOf[p];
      if (c < 0) {
        unassigned++;
        continue;
      }
      used[c] = true;
      for (int k = 0; k < 3; k++) {
        load[c][k] += processes[p][k];
      }
    }
    long cost = 0;
    long overflow = 0;
    for (int c = 0; c < computers.length; c++) {
      if (used[c]) {
        cost += computers[c][3];
      }
      for (int k = 0; k < 3; k++) {
        overflow += Math.max(0, load[c][k] - computers[c][k]);
      }
    }
    return new Evaluation(cost, overflow == 0 && unassigned == 0, overflow, unassigned);
  }

  record Evaluation(long cost, boolean feasible, long overflow, int unassigned) {}
}
