/**
 * Monthly cost estimates of infrastructure as code: Terraform plans ({@code terraform show -json}), AWS CloudFormation
 * templates (JSON and YAML) and Azure ARM templates, priced from a {@link io.stratus.spi.PricingProvider}.
 * {@link io.stratus.adapters.iac.CostEstimator} reads a file into an {@link io.stratus.adapters.iac.Estimate}: the
 * monthly cost before and after, the change per resource, and every resource it could not price with the reason.
 */
@NullMarked
package io.stratus.adapters.iac;

import org.jspecify.annotations.NullMarked;
