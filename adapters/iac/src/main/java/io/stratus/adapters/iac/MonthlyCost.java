package io.stratus.adapters.iac;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How one side (before or after) of a resource was priced: the instance type, region and purchase price, times the
 * average number of instances and the hours per month.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cloud the cloud
 * @param region the provider's region code, e.g. {@code us-east-1}
 * @param instanceType the provider's instance type name
 * @param instances average number of running instances, {@code >= 0}
 * @param hoursPerMonth hours each instance runs per month, in [0, 744]
 * @param hourlyPrice on-demand price of one instance-hour
 * @param monthly {@code hourlyPrice × instances × hoursPerMonth}, rounded to cents
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MonthlyCost(
    CloudProvider cloud,
    String region,
    String instanceType,
    double instances,
    double hoursPerMonth,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal hourlyPrice,
    Money monthly) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if a count or the hours are out of range
   * @throws NullPointerException if a component is null
   */
  public MonthlyCost {
    Objects.requireNonNull(cloud, "monthlyCost.cloud");
    Objects.requireNonNull(region, "monthlyCost.region");
    Objects.requireNonNull(instanceType, "monthlyCost.instanceType");
    Objects.requireNonNull(hourlyPrice, "monthlyCost.hourlyPrice");
    Objects.requireNonNull(monthly, "monthlyCost.monthly");
    if (!(instances >= 0) || Double.isInfinite(instances)) {
      throw new IllegalArgumentException("monthlyCost.instances = " + instances + ": must be finite and >= 0");
    }
    if (!(hoursPerMonth >= 0 && hoursPerMonth <= 744)) {
      throw new IllegalArgumentException("monthlyCost.hoursPerMonth = " + hoursPerMonth + ": must be in [0, 744]");
    }
  }
}
