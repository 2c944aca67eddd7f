package io.stratus.security.authz;

import org.apiguardian.api.API;

/**
 * The permissions that guard the SDK's sensitive operations, for use with {@link AccessGuard}. Constants only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SdkPermissions {
  /** Place workloads (run the scheduler and act on its plan): {@code workload:place}. */
  public static final Permission PLACE_WORKLOADS = Permission.parse("workload:place");
  /** Create, change or delete budgets: {@code budget:change}. */
  public static final Permission CHANGE_BUDGETS = Permission.parse("budget:change");
  /** Approve spend held by a spend control: {@code spend:approve}. */
  public static final Permission APPROVE_SPEND = Permission.parse("spend:approve");
  /** Read cost data, reports and forecasts: {@code cost:read}. */
  public static final Permission READ_COST_DATA = Permission.parse("cost:read");

  private SdkPermissions() {}
}
