package io.stratus.adapters.iac;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A resource, or a part of one (a disk inside an instance), that the estimate could not price, and why. Its cost is
 * in neither total: an estimate with unpriced resources is a lower bound.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the resource's address (Terraform address, CloudFormation logical id, ARM resource name), with
 *     {@code /part} for a part of it
 * @param type the resource type, e.g. {@code aws_ebs_volume}, {@code AWS::EC2::Volume}
 * @param reason why it has no price
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UnpricedResource(String address, String type, String reason) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public UnpricedResource {
    Objects.requireNonNull(address, "unpricedResource.address");
    Objects.requireNonNull(type, "unpricedResource.type");
    Objects.requireNonNull(reason, "unpricedResource.reason");
  }
}
