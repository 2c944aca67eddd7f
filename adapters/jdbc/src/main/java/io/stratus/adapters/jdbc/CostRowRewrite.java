package io.stratus.adapters.jdbc;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link JdbcStores#rewriteCostRows} did: how many billing periods it went through (each in its own transaction)
 * and how many stored cost rows it rewrote into the layout. A second call over the same periods rewrites 0 rows unless
 * rows were written in the other layout in between.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layout the layout the rows were rewritten into; never null
 * @param periods the billing periods examined; not negative
 * @param rewritten the rows rewritten (rows already in the layout are left alone and not counted); not negative
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostRowRewrite(CostRowLayout layout, int periods, long rewritten) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code layout} is null
   * @throws IllegalArgumentException if a count is negative
   */
  public CostRowRewrite {
    Objects.requireNonNull(layout, "layout");
    if (periods < 0 || rewritten < 0) {
      throw new IllegalArgumentException("periods and rewritten must not be negative, got periods=" + periods
          + ", rewritten=" + rewritten);
    }
  }
}
