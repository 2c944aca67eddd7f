package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import org.apiguardian.api.API;

/**
 * Something whose health is tracked: a resource (a VM, a load balancer), an availability zone, a region, a provider,
 * or a service.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what it is
 * @param id its id: a resource id, a zone id (e.g. {@code aws:eu-west-1a}), a region id {@code provider:code} (see
 * {@link io.stratus.model.Region#id()}), a provider id, or a service name; not blank
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HealthTarget(Kind kind, String id) {
  /** What a target is. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** A single resource such as a VM. */
    RESOURCE,
    /** An availability zone inside a region. */
    ZONE,
    /** A provider's region. */
    REGION,
    /** A whole cloud provider. */
    PROVIDER,
    /** A service or endpoint. */
    SERVICE
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the id is blank
   */
  public HealthTarget {
    Checks.nonNull(kind, "healthTarget.kind");
    Checks.nonBlank(id, "healthTarget.id");
  }

  /**
   * A region target.
   *
   * @param regionId the region id, e.g. {@code aws:eu-central-1}
   * @return the target; never null
   */
  public static HealthTarget region(String regionId) {
    return new HealthTarget(Kind.REGION, regionId);
  }

  /**
   * A zone target.
   *
   * @param zoneId the zone id, e.g. {@code aws:eu-west-1a}
   * @return the target; never null
   */
  public static HealthTarget zone(String zoneId) {
    return new HealthTarget(Kind.ZONE, zoneId);
  }

  /**
   * A provider target.
   *
   * @param providerId the provider id, e.g. {@code aws}
   * @return the target; never null
   */
  public static HealthTarget provider(String providerId) {
    return new HealthTarget(Kind.PROVIDER, providerId);
  }

  /**
   * A resource target.
   *
   * @param resourceId the resource id
   * @return the target; never null
   */
  public static HealthTarget resource(String resourceId) {
    return new HealthTarget(Kind.RESOURCE, resourceId);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
