package io.stratus.simulation.environment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.stratus.model.CloudProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A commitment discount bought in the simulated environment ({@link EnvironmentSimulator#purchase}): reserved
 * instances (AWS reserved instances, GCP resource-based committed use discounts, Azure reservations) or a savings plan
 * (AWS Savings Plans, GCP spend-based committed use discounts, Azure savings plans).
 *
 * <ul>
 *   <li>{@link Type#RESERVED_INSTANCES}: in every clock hour, up to {@code count} on-demand machines of the instance
 *       type in the region are covered; their covered time costs {@code hourlyRate} per instance-hour instead of the
 *       on-demand price (the rate defaults to the catalog's reserved or committed price for the term).
 *   <li>{@link Type#SAVINGS_PLAN}: in every clock hour, on-demand machines of the provider are covered, in launch
 *       order, at their on-demand price less {@code discount}, up to {@code hourlyRate} (USD per hour).
 * </ul>
 * The commitment costs {@code hourlyRate x count} (savings plan: {@code hourlyRate}) per hour of its term whether
 * used or not; the payment option only moves when it is billed: all upfront (one fee at purchase), partial upfront
 * (half at purchase, the rest per hour) or no upfront (per hour). Usage beyond the commitment is billed on demand.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique id, used as FOCUS {@code CommitmentDiscountId}; never blank
 * @param type reserved instances or savings plan; never null
 * @param provider the cloud; never null
 * @param instanceTypeId reserved instances: the instance type id; savings plan: empty; never null
 * @param regionId reserved instances: the region id; savings plan: empty; never null
 * @param count reserved instances: the number of instances, {@code >= 1}; savings plan: 0
 * @param hourlyRate reserved instances: USD per instance-hour, or null for the catalog's price; savings plan: the
 *     commitment in USD per hour, positive
 * @param discount savings plan: the discount on on-demand prices in [0, 1); reserved instances: 0
 * @param term the term; never null
 * @param payment the payment option; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Commitment(
    String id,
    Type type,
    CloudProvider provider,
    String instanceTypeId,
    String regionId,
    int count,
    BigDecimal hourlyRate,
    double discount,
    Term term,
    Payment payment) {

  /**
   * The kind of commitment.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Type {
    /** A number of instances of one type in one region (FOCUS CommitmentDiscountCategory {@code Usage}). */
    RESERVED_INSTANCES,
    /** Spend per hour across a provider's on-demand usage (FOCUS CommitmentDiscountCategory {@code Spend}). */
    SAVINGS_PLAN;

    /**
     * The scenario-file name, e.g. {@code reserved-instances}.
     *
     * @return the name; never null
     */
    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a scenario-file name.
     *
     * @param id {@code reserved-instances} or {@code savings-plan}; never null
     * @return the type; never null
     * @throws IllegalArgumentException if unknown
     */
    @JsonCreator
    public static Type of(String id) {
      for (Type t : values()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown commitment type '" + id + "'; use reserved-instances or savings-plan");
    }
  }

  /**
   * The term of a commitment.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Term {
    /** One year (365 days). */
    ONE_YEAR(365),
    /** Three years (3 x 365 days). */
    THREE_YEARS(3 * 365);

    private final int days;

    Term(int days) {
      this.days = days;
    }

    /**
     * The length.
     *
     * @return the term; never null
     */
    public Duration length() {
      return Duration.ofDays(days);
    }

    /**
     * The scenario-file name, {@code 1y} or {@code 3y}.
     *
     * @return the name; never null
     */
    @JsonValue
    public String id() {
      return this == ONE_YEAR ? "1y" : "3y";
    }

    /**
     * Parses a scenario-file name.
     *
     * @param id {@code 1y} or {@code 3y}; never null
     * @return the term; never null
     * @throws IllegalArgumentException if unknown
     */
    @JsonCreator
    public static Term of(String id) {
      for (Term t : values()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown commitment term '" + id + "'; use 1y or 3y");
    }
  }

  /**
   * When a commitment is paid.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Payment {
    /** Everything per hour of the term. */
    NO_UPFRONT(0),
    /** Half at purchase, half per hour of the term. */
    PARTIAL_UPFRONT(0.5),
    /** Everything at purchase. */
    ALL_UPFRONT(1);

    private final double upfrontShare;

    Payment(double upfrontShare) {
      this.upfrontShare = upfrontShare;
    }

    /**
     * The share of the commitment paid at purchase.
     *
     * @return 0, 0.5 or 1
     */
    public double upfrontShare() {
      return upfrontShare;
    }

    /**
     * The scenario-file name, e.g. {@code partial-upfront}.
     *
     * @return the name; never null
     */
    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a scenario-file name.
     *
     * @param id {@code no-upfront}, {@code partial-upfront} or {@code all-upfront}; never null
     * @return the payment option; never null
     * @throws IllegalArgumentException if unknown
     */
    @JsonCreator
    public static Payment of(String id) {
      for (Payment p : values()) {
        if (p.id().equals(id)) {
          return p;
        }
      }
      throw new IllegalArgumentException("unknown payment option '" + id
          + "'; use no-upfront, partial-upfront or all-upfront");
    }
  }

  /**
   * Validates.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if a value breaks the rules of its type (see the components)
   */
  public Commitment {
    Objects.requireNonNull(id, "commitment.id");
    Objects.requireNonNull(type, "commitment.type");
    Objects.requireNonNull(provider, "commitment.provider");
    Objects.requireNonNull(instanceTypeId, "commitment.instanceTypeId");
    Objects.requireNonNull(regionId, "commitment.regionId");
    Objects.requireNonNull(term, "commitment.term");
    Objects.requireNonNull(payment, "commitment.payment");
    if (id.isBlank()) {
      throw new IllegalArgumentException("commitment.id must not be blank, was '" + id + "'");
    }
    if (hourlyRate != null && hourlyRate.signum() < 0) {
      throw new IllegalArgumentException("commitment.hourlyRate of '" + id + "' must be >= 0, was " + hourlyRate);
    }
    if (type == Type.RESERVED_INSTANCES) {
      if (instanceTypeId.isBlank() || regionId.isBlank()) {
        throw new IllegalArgumentException("commitment '" + id + "': reserved instances need instanceTypeId and"
            + " regionId, were '" + instanceTypeId + "', '" + regionId + "'");
      }
      if (count < 1) {
        throw new IllegalArgumentException("commitment.count of '" + id + "' must be >= 1, was " + count);
      }
      if (discount != 0) {
        throw new IllegalArgumentException("commitment.discount of reserved instances '" + id
            + "' must be 0 (the rate is the price), was " + discount);
      }
    } else {
      if (!instanceTypeId.isEmpty() || !regionId.isEmpty() || count != 0) {
        throw new IllegalArgumentException("commitment '" + id + "': a savings plan has no instanceTypeId, regionId"
            + " or count, were '" + instanceTypeId + "', '" + regionId + "', " + count);
      }
      if (hourlyRate == null || hourlyRate.signum() <= 0) {
        throw new IllegalArgumentException("commitment.hourlyRate of savings plan '" + id
            + "' must be a positive USD amount per hour, was " + hourlyRate);
      }
      if (!(discount >= 0 && discount < 1)) {
        throw new IllegalArgumentException("commitment.discount of '" + id + "' must be in [0, 1), was " + discount);
      }
    }
  }

  /**
   * Reserved instances at the catalog's reserved (or committed-use) price for the term.
   *
   * @param id the id; never blank
   * @param instanceTypeId the instance type id, e.g. {@code aws:m5.large}; never null
   * @param regionId the region id, e.g. {@code aws:us-east-1}; never null
   * @param count the number of instances, {@code >= 1}
   * @param term the term; never null
   * @param payment the payment option; never null
   * @return the commitment; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Commitment reservedInstances(String id, String instanceTypeId, String regionId, int count, Term term,
      Payment payment) {
    return new Commitment(id, Type.RESERVED_INSTANCES, providerOf(instanceTypeId), instanceTypeId, regionId, count,
        null, 0, term, payment);
  }

  /**
   * Reserved instances at a given rate.
   *
   * @param id the id; never blank
   * @param instanceTypeId the instance type id; never null
   * @param regionId the region id; never null
   * @param count the number of instances, {@code >= 1}
   * @param hourlyRate USD per instance-hour; never null, {@code >= 0}
   * @param term the term; never null
   * @param payment the payment option; never null
   * @return the commitment; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Commitment reservedInstances(String id, String instanceTypeId, String regionId, int count,
      BigDecimal hourlyRate, Term term, Payment payment) {
    Objects.requireNonNull(hourlyRate, "commitment.hourlyRate");
    return new Commitment(id, Type.RESERVED_INSTANCES, providerOf(instanceTypeId), instanceTypeId, regionId, count,
        hourlyRate, 0, term, payment);
  }

  /**
   * A savings plan.
   *
   * @param id the id; never blank
   * @param provider the cloud; never null
   * @param hourlyCommitment USD per hour; never null, positive
   * @param discount the discount on on-demand prices, in [0, 1)
   * @param term the term; never null
   * @param payment the payment option; never null
   * @return the commitment; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Commitment savingsPlan(String id, CloudProvider provider, BigDecimal hourlyCommitment,
      double discount, Term term, Payment payment) {
    return new Commitment(id, Type.SAVINGS_PLAN, provider, "", "", 0, hourlyCommitment, discount, term, payment);
  }

  private static CloudProvider providerOf(String instanceTypeId) {
    Objects.requireNonNull(instanceTypeId, "commitment.instanceTypeId");
    int colon = instanceTypeId.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("commitment.instanceTypeId must be '<provider>:<name>', was '"
          + instanceTypeId + "'");
    }
    return CloudProvider.of(instanceTypeId.substring(0, colon));
  }
}
