/**
 * FinOps provider interfaces: {@link io.stratus.finops.spi.BillingSource} (implemented by the cloud adapters and the
 * simulator) with its {@link io.stratus.finops.spi.BillingBatch} and {@link io.stratus.finops.spi.Watermark}.
 */
package io.stratus.finops.spi;
