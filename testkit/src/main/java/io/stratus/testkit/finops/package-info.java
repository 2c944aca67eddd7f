/**
 * Compatibility kits for the FinOps SPIs: {@link io.stratus.testkit.finops.BillingSourceCompatibilityKit} and
 * {@link io.stratus.testkit.finops.CostStoreCompatibilityKit}. Extend them in a test of each implementation.
 */
package io.stratus.testkit.finops;
