/**
 * The FOCUS cost model and its readers: {@link io.stratus.finops.focus.CostRecord} (one FOCUS 1.2 row with exact
 * money), streaming readers that normalize FOCUS, AWS CUR, Azure Cost Management and GCP billing exports to it with a
 * per-file rejection report and reconciled totals, a FOCUS CSV writer, and commitment amortization.
 */
package io.stratus.finops.focus;
