/**
 * Budgets and spend controls: a {@link io.stratus.finops.budget.BudgetManager} tracks each
 * {@link io.stratus.finops.budget.Budget} (a scope, a period, a fixed or planned amount) against actual and forecast
 * spend, raises threshold alerts through the {@link io.stratus.spi.NotificationChannel} SPI, and enforces spend
 * controls: notify, require approval for new spend (an approval workflow with roles, reasons and full history), or
 * deny new placements. The scheduler consults it through {@link io.stratus.finops.budget.BudgetPlacementFilter}, a
 * filter plugin the host adds. Budgets and approval requests live behind small store SPIs
 * ({@link io.stratus.finops.budget.BudgetStore}, {@link io.stratus.finops.budget.ApprovalStore}) with in-memory
 * defaults.
 */
package io.stratus.finops.budget;
