package io.stratus.finops.optimize;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The cost of one group per unit of what it consumed: e.g. a workload's cost per vCPU-hour or a bucket's cost per
 * GB-month, from FOCUS ConsumedQuantity and ConsumedUnit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group's value of the analysed dimension; null for records without one
 * @param unit the FOCUS ConsumedUnit, e.g. {@code vCPU-Hours} or {@code Hours}
 * @param currency the billing currency
 * @param cost the exact cost of the group's records in that unit
 * @param quantity the exact consumed quantity
 * @param perUnit cost divided by quantity to 16 significant digits; null when the quantity is zero
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record UnitCost(
    String group, String unit, Currency currency, BigDecimal cost, BigDecimal quantity, BigDecimal perUnit) {
  /**
   * Validates.
   *
   * @throws NullPointerException if unit, currency, cost or quantity is null
   */
  public UnitCost {
    Objects.requireNonNull(unit, "unitCost.unit");
    Objects.requireNonNull(currency, "unitCost.currency");
    Objects.requireNonNull(cost, "unitCost.cost");
    Objects.requireNonNull(quantity, "unitCost.quantity");
  }

  /**
   * Whether the unit is a vCPU-hour ({@code vCPU-Hours}, {@code vCPU-Hour}, any case).
   *
   * @return true for vCPU-hours
   */
  public boolean isVcpuHour() {
    String u = unit.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    return u.equals("vcpu-hours") || u.equals("vcpu-hour") || u.equals("vcpuhours");
  }
}
