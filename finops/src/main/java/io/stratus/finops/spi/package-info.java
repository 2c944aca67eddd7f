/**
 * FinOps provider interfaces: {@link io.stratus.finops.spi.BillingSource} (implemented for export files, by the
 * simulator, and by hosts over their billing APIs) with its {@link io.stratus.finops.spi.BillingBatch} and {@link io.stratus.finops.spi.Watermark}.
 */
package io.stratus.finops.spi;
