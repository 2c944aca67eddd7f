/**
 * Data residency: a {@link io.stratus.security.residency.ResidencyPolicy} admits a
 * {@link io.stratus.security.residency.Destination} (a webhook endpoint with its host-declared jurisdictions, an export
 * bucket in a model {@code Region}) only if it lies in an allowed {@code Jurisdiction}, and audits every refusal.
 */
package io.stratus.security.residency;
