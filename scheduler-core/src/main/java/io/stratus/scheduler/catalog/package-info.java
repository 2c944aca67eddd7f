/**
 * Embedded default providers that need no cloud account: {@link io.stratus.scheduler.catalog.BundledCatalog}, a
 * price catalog for AWS, GCP and Azure built from public list-price tables that ship inside this artifact (with
 * documented derivations where the tables are incomplete; see the README next to the catalog's resources), and the
 * in-memory {@link io.stratus.scheduler.catalog.InMemoryInventory} and
 * {@link io.stratus.scheduler.catalog.InMemoryPerformanceHistory} that hosts fill with their own fleet and
 * measurements.
 */
package io.stratus.scheduler.catalog;
