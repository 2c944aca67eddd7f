package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apiguardian.api.API;

/**
 * A provider's machine shape, e.g. AWS {@code m5.large}, GCP {@code n2-standard-4}, Azure {@code Standard_D4s_v5}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the provider that sells it
 * @param name the provider's name for it
 * @param family the family or series, e.g. {@code m5}, {@code n2}, {@code Dsv5}
 * @param vcpus virtual CPUs, finite and {@code > 0}
 * @param memoryGib memory in GiB, finite and {@code > 0}
 * @param gpus GPUs, {@code >= 0}
 * @param gpuModel GPU model name, empty when {@code gpus == 0}
 * @param architecture CPU architecture
 * @param networkGbps network bandwidth in Gbit/s, finite and {@code >= 0} (0 when unknown)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record InstanceType(
    CloudProvider provider,
    String name,
    String family,
    @JsonRequired double vcpus,
    @JsonRequired double memoryGib,
    @JsonRequired int gpus,
    String gpuModel,
    Architecture architecture,
    @JsonRequired double networkGbps) {

  /**
   * Validates every component.
   *
   * @throws IllegalArgumentException if a number breaks its rule or a name is blank
   */
  public InstanceType {
    Require.nonNull(provider, "instanceType.provider");
    Require.nonBlank(name, "instanceType.name");
    Require.nonNull(family, "instanceType.family");
    Require.finitePositive(vcpus, "instanceType.vcpus");
    Require.finitePositive(memoryGib, "instanceType.memoryGib");
    Require.nonNegative(gpus, "instanceType.gpus");
    Require.nonNull(gpuModel, "instanceType.gpuModel");
    Require.nonNull(architecture, "instanceType.architecture");
    Require.finiteNonNegative(networkGbps, "instanceType.networkGbps");
  }

  /**
   * The capacity of one instance as a resource amount.
   *
   * @return the capacity; never null
   */
  @JsonIgnore
  public ResourceDemand capacity() {
    return new ResourceDemand(vcpus, memoryGib, gpus, networkGbps);
  }

  /**
   * Unique key across providers, {@code provider:name}.
   *
   * @return the key; never null
   */
  @JsonIgnore
  public String id() {
    return provider.id() + ":" + name;
  }

  @Override
  public String toString() {
    return id();
  }
}
