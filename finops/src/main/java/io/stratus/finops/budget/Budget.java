package io.stratus.finops.budget;

import io.stratus.finops.query.CostScope;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A spending limit for one scope (an account, a team or project tag, a service, a conjunction of these) over a
 * period, with a fixed amount per period or planned amounts per month, thresholds with their controls, and the roles
 * that may approve new spend once a threshold requires approval.
 *
 * <p>With planned amounts, a window's amount is the sum of its months' plans, a month cut by a custom window counting
 * in proportion to its days; a month without a plan counts as zero.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String, CostScope)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Budget {
  private final String id;
  private final String name;
  private final CostScope scope;
  private final Currency currency;
  private final BudgetPeriod period;
  private final BigDecimal fixed;
  private final SortedMap<YearMonth, BigDecimal> planned;
  private final List<Threshold> thresholds;
  private final Set<String> approverRoles;
  private final Duration approvalTimeout;

  private Budget(Builder b) {
    this.id = b.id;
    this.name = b.name == null ? b.id : b.name;
    this.scope = b.scope;
    this.currency = b.currency;
    this.period = b.period;
    this.fixed = b.fixed;
    this.planned = Collections.unmodifiableSortedMap(new TreeMap<>(b.planned));
    this.thresholds = List.copyOf(b.thresholds);
    this.approverRoles = Set.copyOf(b.approverRoles);
    this.approvalTimeout = b.approvalTimeout;
  }

  /**
   * Starts a builder: monthly, USD, no thresholds, approver role {@code budget-owner}, requests expire after 3 days.
   *
   * @param id the unique id; never null or blank
   * @param scope the spend it limits; never null
   * @return a builder; never null
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String id, CostScope scope) {
    return new Builder(id, scope);
  }

  /**
   * A builder holding this budget.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, scope);
    b.name = name;
    b.currency = currency;
    b.period = period;
    b.fixed = fixed;
    b.planned.putAll(planned);
    b.thresholds.addAll(thresholds);
    b.approverRoles = approverRoles;
    b.approvalTimeout = approvalTimeout;
    return b;
  }

  /**
   * The id.
   *
   * @return the id; never null
   */
  public String id() {
    return id;
  }

  /**
   * The name shown in alerts and placement explanations.
   *
   * @return the name; never null, the id unless set
   */
  public String name() {
    return name;
  }

  /**
   * The scope.
   *
   * @return the scope; never null
   */
  public CostScope scope() {
    return scope;
  }

  /**
   * The currency of the amount (spend in other currencies is outside the budget).
   *
   * @return the currency; never null
   */
  public Currency currency() {
    return currency;
  }

  /**
   * The period.
   *
   * @return the period; never null
   */
  public BudgetPeriod period() {
    return period;
  }

  /**
   * The thresholds in the order given.
   *
   * @return the thresholds; never null
   */
  public List<Threshold> thresholds() {
    return thresholds;
  }

  /**
   * The roles whose holders may approve or reject requests under this budget.
   *
   * @return the roles; never null or empty
   */
  public Set<String> approverRoles() {
    return approverRoles;
  }

  /**
   * How long an approval request stays pending before it expires.
   *
   * @return the timeout; positive; never null
   */
  public Duration approvalTimeout() {
    return approvalTimeout;
  }

  /**
   * The fixed amount per window, when the budget has one (set with {@link Builder#amount}).
   *
   * @return the amount in {@link #currency()}; empty when the budget has planned amounts; never null
   * @since 0.1
   */
  public Optional<Money> fixedAmount() {
    return fixed == null ? Optional.empty() : Optional.of(new Money(fixed, currency));
  }

  /**
   * The planned amounts per month, when the budget has them (set with {@link Builder#planned}): with {@link
   * #currency()} and {@link #fixedAmount()}, everything needed to rebuild the budget elsewhere (a store).
   *
   * @return the plans in month order, unmodifiable; empty when the budget has a fixed amount; never null
   * @since 0.1
   */
  public SortedMap<YearMonth, BigDecimal> plannedAmounts() {
    return planned;
  }

  /**
   * The amount for one window of the period.
   *
   * @param window a window of this budget's period; never null
   * @return the amount; never null
   */
  public Money amountFor(BudgetPeriod.Window window) {
    if (fixed != null) {
      return new Money(fixed, currency);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (YearMonth m = YearMonth.from(window.start()); m.atDay(1).isBefore(window.endExclusive());
        m = m.plusMonths(1)) {
      BigDecimal plan = planned.get(m);
      if (plan == null) {
        continue;
      }
      LocalDate from = max(m.atDay(1), window.start());
      LocalDate to = min(m.plusMonths(1).atDay(1), window.endExclusive());
      long days = to.toEpochDay() - from.toEpochDay();
      sum = days == m.lengthOfMonth() ? sum.add(plan)
          : sum.add(plan.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(m.lengthOfMonth()),
              MathContext.DECIMAL64).setScale(Math.max(2, plan.scale()), RoundingMode.HALF_EVEN));
    }
    return new Money(sum, currency);
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public String toString() {
    return "Budget[" + id + ", " + scope.label() + ", " + period + ", "
        + (fixed != null ? fixed.toPlainString() + " " + currency : "planned " + planned) + ", " + thresholds + "]";
  }

  /**
   * Builds a {@link Budget}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final CostScope scope;
    private String name;
    private Currency currency = Money.USD;
    private BudgetPeriod period = BudgetPeriod.monthly();
    private BigDecimal fixed;
    private final Map<YearMonth, BigDecimal> planned = new TreeMap<>();
    private final List<Threshold> thresholds = new ArrayList<>();
    private Set<String> approverRoles = Set.of("budget-owner");
    private Duration approvalTimeout = Duration.ofDays(3);

    private Builder(String id, CostScope scope) {
      Objects.requireNonNull(id, "budget.id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("budget.id must not be blank, got '" + id + "'");
      }
      this.id = id;
      this.scope = Objects.requireNonNull(scope, "budget.scope");
    }

    /**
     * The display name.
     *
     * @param value the name; never null or blank
     * @return this builder; never null
     * @throws IllegalArgumentException if blank
     */
    public Builder name(String value) {
      Objects.requireNonNull(value, "budget.name");
      if (value.isBlank()) {
        throw new IllegalArgumentException("budget.name must not be blank");
      }
      this.name = value;
      return this;
    }

    /**
     * The period.
     *
     * @param value the period; never null
     * @return this builder; never null
     */
    public Builder period(BudgetPeriod value) {
      this.period = Objects.requireNonNull(value, "budget.period");
      return this;
    }

    /**
     * A fixed amount per window (replaces planned amounts).
     *
     * @param value the amount, non-negative; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if negative
     */
    public Builder amount(Money value) {
      Objects.requireNonNull(value, "budget.amount");
      if (value.amount().signum() < 0) {
        throw new IllegalArgumentException("budget.amount must be >= 0, got " + value);
      }
      this.fixed = value.amount();
      this.currency = value.currency();
      this.planned.clear();
      return this;
    }

    /**
     * Planned amounts per month (replaces a fixed amount); months without a plan count as zero.
     *
     * @param currency the currency of the plans; never null
     * @param plans amount per month, each non-negative; never null or empty
     * @return this builder; never null
     * @throws IllegalArgumentException if empty or an amount is negative
     */
    public Builder planned(Currency currency, Map<YearMonth, BigDecimal> plans) {
      Objects.requireNonNull(currency, "budget.currency");
      Objects.requireNonNull(plans, "budget.planned");
      if (plans.isEmpty()) {
        throw new IllegalArgumentException("budget.planned must not be empty");
      }
      plans.forEach((m, v) -> {
        Objects.requireNonNull(m, "budget.planned month");
        Objects.requireNonNull(v, "budget.planned[" + m + "]");
        if (v.signum() < 0) {
          throw new IllegalArgumentException("budget.planned[" + m + "] must be >= 0, got " + v);
        }
      });
      this.planned.clear();
      this.planned.putAll(plans);
      this.currency = currency;
      this.fixed = null;
      return this;
    }

    /**
     * Adds a threshold.
     *
     * @param value the threshold; never null
     * @return this builder; never null
     */
    public Builder threshold(Threshold value) {
      this.thresholds.add(Objects.requireNonNull(value, "budget.threshold"));
      return this;
    }

    /**
     * The roles that may decide approval requests.
     *
     * @param values the roles; never null or empty
     * @return this builder; never null
     * @throws IllegalArgumentException if empty or a role is blank
     */
    public Builder approverRoles(Collection<String> values) {
      Set<String> copy = Set.copyOf(Objects.requireNonNull(values, "budget.approverRoles"));
      if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException("budget.approverRoles must be non-empty without blanks, got " + values);
      }
      this.approverRoles = copy;
      return this;
    }

    /**
     * How long a request stays pending before it expires.
     *
     * @param value a positive duration; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if not positive
     */
    public Builder approvalTimeout(Duration value) {
      Objects.requireNonNull(value, "budget.approvalTimeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("budget.approvalTimeout must be positive, got " + value);
      }
      this.approvalTimeout = value;
      return this;
    }

    /**
     * Builds the budget.
     *
     * @return the budget; never null
     * @throws IllegalStateException if no amount was given
     */
    public Budget build() {
      if (fixed == null && planned.isEmpty()) {
        throw new IllegalStateException("budget " + id + " needs an amount or planned amounts");
      }
      return new Budget(this);
    }
  }
}
