package io.stratus.benchmarks.placement;

/** OptaPlanner problem fact: a computer of the cloud-balancing model. Immutable. */
public final class OptaComputer {
  private final int id;
  private final int cpu;
  private final int memory;
  private final int network;
  private final int cost;

  OptaComputer(int id, int cpu, int memory, int network, int cost) {
    this.id = id;
    this.cpu = cpu;
    this.memory = memory;
    this.network = network;
    this.cost = cost;
  }

  /** @return the index of the computer in its instance */
  public int getId() {
    return id;
  }

  /** @return the cpu capacity */
  public int getCpu() {
    return cpu;
  }

  /** @return the memory capacity */
  public int getMemory() {
    return memory;
  }

  /** @return the network capacity */
  public int getNetwork() {
    return network;
  }

  /** @return the cost when at least one process runs on it */
  public int getCost() {
    return cost;
  }

  @Override
  public String toString() {
    return "Computer" + id;
  }
}
