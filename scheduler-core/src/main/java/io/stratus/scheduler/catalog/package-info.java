/**
 * The embedded default {@link io.stratus.spi.PricingProvider}: {@link io.stratus.scheduler.catalog.BundledCatalog},
 * a price catalog for AWS, GCP and Azure built from public list-price tables that ship inside this artifact, with
 * documented derivations where the tables are incomplete (see the README next to the catalog's resources).
 */
package io.stratus.scheduler.catalog;
