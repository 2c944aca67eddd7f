package io.stratus.model;

import org.apiguardian.api.API;

/**
 * An amount of compute resources in every dimension the schedulers check: vCPUs, memory, GPUs and network
 * bandwidth. Used both for what a workload needs and for what an instance type or VM has.
 *
 * <p>Immutable and thread-safe.
 *
 * @param vcpus virtual CPUs, finite and {@code >= 0} (fractions allowed for shared-core types)
 * @param memoryGib memory in GiB, finite and {@code >= 0}
 * @param gpus number of GPUs, {@code >= 0}
 * @param networkGbps network bandwidth in Gbit/s, finite and {@code >= 0}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ResourceDemand(
    @JsonRequired double vcpus,
    @JsonRequired double memoryGib,
    @JsonRequired int gpus,
    @JsonRequired double networkGbps) {
  /** Nothing in every dimension. */
  public static final ResourceDemand ZERO = new ResourceDemand(0, 0, 0, 0);

  /**
   * Validates every dimension.
   *
   * @throws IllegalArgumentException if a dimension is negative, NaN or infinite
   */
  public ResourceDemand {
    Require.finiteNonNegative(vcpus, "vcpus");
    Require.finiteNonNegative(memoryGib, "memoryGib");
    Require.nonNegative(gpus, "gpus");
    Require.finiteNonNegative(networkGbps, "networkGbps");
  }

  /**
   * A demand of CPU and memory only.
   *
   * @param vcpus virtual CPUs
   * @param memoryGib memory in GiB
   * @return the demand; never null
   */
  public static ResourceDemand of(double vcpus, double memoryGib) {
    return new ResourceDemand(vcpus, memoryGib, 0, 0);
  }

  /**
   * Whether this amount fits inside {@code capacity} in every dimension.
   *
   * @param capacity the capacity; never null
   * @return true if no dimension exceeds the capacity
   */
  public boolean fitsIn(ResourceDemand capacity) {
    return vcpus <= capacity.vcpus
        && memoryGib <= capacity.memoryGib
        && gpus <= capacity.gpus
        && networkGbps <= capacity.networkGbps;
  }

  /**
   * Component-wise sum.
   *
   * @param other the other amount; never null
   * @return the sum; never null
   */
  public ResourceDemand plus(ResourceDemand other) {
    return new ResourceDemand(
        vcpus + other.vcpus, memoryGib + other.memoryGib, gpus + other.gpus, networkGbps + other.networkGbps);
  }

  /**
   * Component-wise difference, for the free part of a capacity.
   *
   * @param other the amount to take away; never null
   * @return the difference; never null
   * @throws IllegalArgumentException if any dimension would become negative
   */
  public ResourceDemand minus(ResourceDemand other) {
    return new ResourceDemand(
        vcpus - other.vcpus, memoryGib - other.memoryGib, gpus - other.gpus, networkGbps - other.networkGbps);
  }
}
