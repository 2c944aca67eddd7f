/**
 * FinOps service provider interfaces, the types a host implements: {@link io.stratus.finops.spi.BillingSource}
 * (implemented for export files, by the simulator, and by hosts over their billing APIs) with its {@link
 * io.stratus.finops.spi.BillingBatch} and {@link io.stratus.finops.spi.Watermark}; {@link
 * io.stratus.finops.spi.CostStore}, where normalized records are kept and aggregated (with its embedded columnar
 * in-memory default, {@link io.stratus.finops.spi.CostStore#inMemory()}); and {@link
 * io.stratus.finops.spi.WatermarkStore}, where incremental collection remembers its progress.
 */
package io.stratus.finops.spi;
