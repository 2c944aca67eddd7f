package io.stratus.adapters.iac;

import io.stratus.model.CloudProvider;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one side of a resource runs, as a reader found it: the cloud, region, instance type and count; or why it
 * cannot be known. Mutable while a reader fills it, then only read; confined to one estimate.
 */
final class Sizing {
  final CloudProvider cloud;
  @Nullable String region;
  @Nullable String instanceType;
  /**
   * Why the instance type, region or count cannot be known; null when they can. When only the count of a scalable
   * group is unknown, the instance type stays set so that the usage file's averageInstances can still price it.
   */
  @Nullable String unknown;
  double instances = 1;
  /** Whether the count is an autoscaling group's, so that the usage file's averageInstances applies. */
  boolean scalable;
  boolean windows;
  final List<String> notes = new ArrayList<>();

  Sizing(CloudProvider cloud) {
    this.cloud = cloud;
  }

  static Sizing unknown(CloudProvider cloud, String reason) {
    Sizing s = new Sizing(cloud);
    s.unknown = reason;
    return s;
  }
}
