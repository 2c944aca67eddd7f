package io.stratus.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a report covers and the host-supplied lines it shows beside the queried cost and metric data: budgets,
 * recommendations, timeline events, SLOs, scheduler decisions and an optional spend forecast. Sections whose lines
 * were not supplied say so rather than show invented figures.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportInputs {
  private final Instant from;
  private final Instant to;
  private final String currency;
  private final String cpuMetric;
  private final List<BudgetStatus> budgets;
  private final List<Recommendation> recommendations;
  private final List<TimelineEvent> events;
  private final List<SloStatus> slos;
  private final List<SchedulerDecision> decisions;
  private final BigDecimal forecast;

  private ReportInputs(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.currency = b.currency;
    this.cpuMetric = b.cpuMetric;
    this.budgets = List.copyOf(b.budgets);
    this.recommendations = List.copyOf(b.recommendations);
    this.events = b.events.stream().sorted(java.util.Comparator.comparing(TimelineEvent::at)).toList();
    this.slos = List.copyOf(b.slos);
    this.decisions = b.decisions.stream().sorted(java.util.Comparator.comparing(SchedulerDecision::at)).toList();
    this.forecast = b.forecast;
  }

  /**
   * A builder for the period {@code [from, to)}.
   *
   * @param from inclusive start; never null
   * @param to exclusive end, after {@code from}; never null
   * @return a new builder; never null
   * @throws IllegalArgumentException if the period is empty
   */
  public static Builder builder(Instant from, Instant to) {
    Objects.requireNonNull(from, "reportInputs.from");
    Objects.requireNonNull(to, "reportInputs.to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("reportInputs.to must be after from " + from + ", got " + to);
    }
    return new Builder(from, to);
  }

  /**
   * The inclusive start of the period.
   *
   * @return the start; never null
   */
  public Instant from() {
    return from;
  }

  /**
   * The exclusive end of the period.
   *
   * @return the end; never null
   */
  public Instant to() {
    return to;
  }

  /**
   * The currency of cost figures.
   *
   * @return an ISO 4217 code; never null
   */
  public String currency() {
    return currency;
  }

  /**
   * The CPU utilization metric the utilization sections read.
   *
   * @return the metric name; never null
   */
  public String cpuMetric() {
    return cpuMetric;
  }

  /**
   * The budgets.
   *
   * @return unmodifiable; never null
   */
  public List<BudgetStatus> budgets() {
    return budgets;
  }

  /**
   * The recommendations.
   *
   * @return unmodifiable; never null
   */
  public List<Recommendation> recommendations() {
    return recommendations;
  }

  /**
   * The timeline events, by time.
   *
   * @return unmodifiable; never null
   */
  public List<TimelineEvent> events() {
    return events;
  }

  /**
   * The SLOs.
   *
   * @return unmodifiable; never null
   */
  public List<SloStatus> slos() {
    return slos;
  }

  /**
   * The scheduler decisions, by time.
   *
   * @return unmodifiable; never null
   */
  public List<SchedulerDecision> decisions() {
    return decisions;
  }

  /**
   * The host's forecast of spend over the whole period, if it supplied one.
   *
   * @return the forecast, empty when the report should project the run rate itself
   */
  public Optional<BigDecimal> forecast() {
    return Optional.ofNullable(forecast);
  }

  /**
   * Builds {@link ReportInputs}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final Instant from;
    private final Instant to;
    private String currency = "USD";
    private String cpuMetric = "cpu.utilization";
    private final List<BudgetStatus> budgets = new ArrayList<>();
    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<SloStatus> slos = new ArrayList<>();
    private final List<SchedulerDecision> decisions = new ArrayList<>();
    private BigDecimal forecast;
    /** Currency of each finops line added, with what it was, for the check in build(). */
    private final Map<String, String> finopsCurrencies = new LinkedHashMap<>();

    private Builder(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    /**
     * Sets the currency (default USD).
     *
     * @param code an ISO 4217 code; never null
     * @return this builder
     */
    public Builder currency(String code) {
      this.currency = java.util.Currency.getInstance(Objects.requireNonNull(code, "reportInputs.currency"))
          .getCurrencyCode();
      return this;
    }

    /**
     * Sets the CPU utilization metric (default {@code cpu.utilization}).
     *
     * @param metric the metric name; never null
     * @return this builder
     */
    public Builder cpuMetric(String metric) {
      this.cpuMetric = Objects.requireNonNull(metric, "reportInputs.cpuMetric");
      return this;
    }

    /**
     * Adds budgets.
     *
     * @param lines the lines; never null
     * @return this builder
     */
    public Builder budgets(Collection<BudgetStatus> lines) {
      budgets.addAll(List.copyOf(lines));
      return this;
    }

    /**
     * Adds recommendations.
     *
     * @param lines the lines; never null
     * @return this builder
     */
    public Builder recommendations(Collection<Recommendation> lines) {
      recommendations.addAll(List.copyOf(lines));
      return this;
    }

    /**
     * Adds the budget statuses of finops' {@code BudgetManager} (name, amount, actual spend and forecast of each
     * budget's current window).
     *
     * @param statuses the statuses, in the report currency; never null
     * @return this builder
     * @throws IllegalArgumentException if a budget's amount is not positive
     */
    public Builder budgetStatuses(Collection<io.stratus.finops.budget.BudgetStatus> statuses) {
      for (io.stratus.finops.budget.BudgetStatus s : List.copyOf(statuses)) {
        budgets.add(FinOpsLines.budget(s));
        finopsCurrencies.putIfAbsent(s.amount().currency().getCurrencyCode(), "budget '" + s.budget().name() + "'");
      }
      return this;
    }

    /**
     * Adds the recommendations of finops' {@code CostOptimizer}, as savings available (not yet acted on) or realized
     * (acted on). The category of a rightsizing recommendation is {@code rightsizing}, so the technical report's
     * rightsizing table shows it; the action carries the one-off cost, ROI and payback.
     *
     * @param lines the recommendations, in the report currency; never null
     * @param realized whether these were acted on
     * @return this builder
     */
    public Builder optimizerRecommendations(Collection<io.stratus.finops.optimize.Recommendation> lines,
        boolean realized) {
      for (io.stratus.finops.optimize.Recommendation r : List.copyOf(lines)) {
        recommendations.add(FinOpsLines.recommendation(r, realized));
        finopsCurrencies.putIfAbsent(r.monthlySavings().currency().getCurrencyCode(), "recommendation for "
            + r.resourceId());
      }
      return this;
    }

    /**
     * Adds the cost anomalies of finops' {@code CostAnomalyMonitor} as {@link TimelineEvent.Kind#COST_ANOMALY} events:
     * the scope as subject, the deviation and top root causes as detail, the impact (actual minus expected) as cost
     * impact. Anomalies marked {@code FALSE_POSITIVE} are left out (feedback said they are not anomalies); {@code
     * ACCEPTED} ones are kept and say so.
     *
     * @param anomalies the anomalies, in the report currency; never null
     * @return this builder
     */
    public Builder costAnomalies(Collection<io.stratus.finops.anomaly.CostAnomaly> anomalies) {
      for (io.stratus.finops.anomaly.CostAnomaly a : List.copyOf(anomalies)) {
        TimelineEvent e = FinOpsLines.anomaly(a);
        if (e != null) {
          events.add(e);
          finopsCurrencies.putIfAbsent(a.impact().currency().getCurrencyCode(), "cost anomaly " + a.id());
        }
      }
      return this;
    }

    /**
     * Adds timeline events.
     *
     * @param lines the lines; never null
     * @return this builder
     */
    public Builder events(Collection<TimelineEvent> lines) {
      events.addAll(List.copyOf(lines));
      return this;
    }

    /**
     * Adds SLOs.
     *
     * @param lines the lines; never null
     * @return this builder
     */
    public Builder slos(Collection<SloStatus> lines) {
      slos.addAll(List.copyOf(lines));
      return this;
    }

    /**
     * Adds scheduler decisions.
     *
     * @param lines the lines; never null
     * @return this builder
     */
    public Builder decisions(Collection<SchedulerDecision> lines) {
      decisions.addAll(List.copyOf(lines));
      return this;
    }

    /**
     * Sets the host's forecast of spend over the whole period.
     *
     * @param amount the forecast, non-negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder forecast(BigDecimal amount) {
      Objects.requireNonNull(amount, "reportInputs.forecast");
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("reportInputs.forecast must be >= 0, got " + amount);
      }
      this.forecast = amount;
      return this;
    }

    /**
     * Builds the inputs.
     *
     * @return the inputs; never null
     * @throws IllegalArgumentException if a finops line is in another currency than the report
     */
    public ReportInputs build() {
      finopsCurrencies.forEach((code, what) -> {
        if (!code.equals(currency)) {
          throw new IllegalArgumentException("reportInputs: " + what + " is in " + code + " but the report currency "
              + "is " + currency + "; convert it or set currency(" + code + ")");
        }
      });
      return new ReportInputs(this);
    }
  }
}
