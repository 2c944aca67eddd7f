package io.stratus.adapters.iac;

import org.apiguardian.api.API;

/**
 * The kinds of file a {@link CostEstimator} reads.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum IacFormat {
  /** JSON written by {@code terraform show -json PLANFILE}. */
  TERRAFORM_PLAN,
  /** An AWS CloudFormation template, JSON or YAML (short-form intrinsic tags included). */
  CLOUDFORMATION,
  /** An Azure Resource Manager deployment template (JSON). */
  ARM
}
