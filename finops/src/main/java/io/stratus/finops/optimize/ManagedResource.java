package io.stratus.finops.optimize;

import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A running compute resource the optimizer may act on: its billing resource id (FOCUS ResourceId), what it runs on
 * (an instance type and region of the price catalog, and how it is bought), the workload it serves (whose compliance,
 * performance and cost requirements every recommendation respects) and its observed utilization.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resourceId the FOCUS ResourceId its cost records carry; never blank
 * @param instanceTypeId the catalog's {@link io.stratus.model.InstanceType#id()}, e.g. {@code aws:m5.large}
 * @param regionId the catalog's {@link io.stratus.model.Region#id()}, e.g. {@code aws:us-east-1}
 * @param purchaseOption how it is bought now
 * @param workload the workload it serves
 * @param utilization what it used
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ManagedResource(
    String resourceId,
    String instanceTypeId,
    String regionId,
    PurchaseOption purchaseOption,
    Workload workload,
    Utilization utilization) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if an id is blank
   */
  public ManagedResource {
    notBlank("managedResource.resourceId", resourceId);
    notBlank("managedResource.instanceTypeId", instanceTypeId);
    notBlank("managedResource.regionId", regionId);
    Objects.requireNonNull(purchaseOption, "managedResource.purchaseOption");
    Objects.requireNonNull(workload, "managedResource.workload");
    Objects.requireNonNull(utilization, "managedResource.utilization");
  }

  private static void notBlank(String name, String v) {
    Objects.requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got '" + v + "'");
    }
  }
}
