package io.stratus.finops.budget;

import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks budgets against the cost store, raises threshold alerts, and applies spend controls with an approval
 * workflow.
 *
 * <p><b>Actual and forecast.</b> Actual spend is the exact sum of the budget scope's records (in its currency) charged
 * from the window's start up to now. The forecast is the actual spend before today plus the expected spend of the
 * days from today to the window's end, from an ETS model with a weekly season fitted to the scope's last
 * {@value #HISTORY_DAYS} complete days (the time-series engine's {@code Forecasters.ets(7)}; with fewer than 21 days
 * of history, the last week's mean daily spend times the days left), and never less than the actual spend.
 *
 * <p><b>Alerts.</b> {@link #evaluate()} compares every budget with its thresholds; a threshold alerts once when it is
 * crossed, re-arms when spend falls back below it, and all re-arm when a new window starts. Alerts go to every
 * {@link NotificationChannel}; a failing channel is logged and the alert reported undelivered.
 *
 * <p><b>Controls.</b> {@link #check(SpendRequest)} asks every budget whose scope covers the request's attributes
 * whether actual (or forecast) spend plus the request's cost within the window would cross a threshold whose action is
 * {@code REQUIRE_APPROVAL} or {@code DENY_PLACEMENTS}. Deny wins over approval. For approval, one request per budget
 * and key is opened (and notified); an approved request in the current window lets the same key through, a rejected
 * one denies it, an expired one is replaced by a new request. An approval covers its key, whatever the placement
 * candidate finally chosen. Spend of zero (a placement on capacity already paid for) needs no approval, but a deny
 * control refuses every new placement in the scope.
 *
 * <p><b>Approvals.</b> {@link #approve}, {@link #reject} and {@link #expireDue()} move a pending request to exactly
 * one terminal state, recording actor, time and reason; only approvers holding one of the budget's roles may decide.
 * The approval store's compare-and-set makes concurrent decisions safe: the second one fails.
 *
 * <p>Thread-safe. Time comes from the injected {@link InstantSource}. Statuses are cached for {@code statusTtl} of that
 * time (the placement filter asks once per candidate).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BudgetManager {
  /** Days of history the forecast is fitted to. */
  public static final int HISTORY_DAYS = 56;
  private static final Logger LOG = LoggerFactory.getLogger(BudgetManager.class);

  private final CostStore costs;
  private final BudgetStore budgets;
  private final ApprovalStore approvals;
  private final InstantSource clock;
  private final List<NotificationChannel> channels;
  private final Duration statusTtl;
  private final Map<String, BudgetStatus> cache = new HashMap<>();

  private BudgetManager(Builder b) {
    this.costs = b.costs;
    this.budgets = b.budgets;
    this.approvals = b.approvals;
    this.clock = b.clock;
    this.channels = List.copyOf(b.channels);
    this.statusTtl = b.statusTtl;
  }

  /**
   * Starts a builder with in-memory budget and approval stores, no channels and a status cache of one minute.
   *
   * @param costs where spend is read; never null
   * @param clock the time source; never null
   * @return a builder; never null
   */
  public static Builder builder(CostStore costs, InstantSource clock) {
    return new Builder(costs, clock);
  }

  /**
   * Adds or replaces a budget.
   *
   * @param budget the budget; never null
   */
  public synchronized void put(Budget budget) {
    budgets.put(Objects.requireNonNull(budget, "budget"));
    cache.remove(budget.id());
  }

  /**
   * Removes a budget (its approval requests stay in the approval store as history).
   *
   * @param id the budget id; never null
   * @return true if it existed
   */
  public synchronized boolean remove(String id) {
    cache.remove(id);
    return budgets.remove(id);
  }

  /**
   * The budgets.
   *
   * @return a snapshot; never null
   */
  public List<Budget> budgets() {
    return budgets.all();
  }

  /**
   * The status of one budget now.
   *
   * @param id the budget id; never null
   * @return the status; empty if the budget is unknown or (custom period) not running now; never null
   */
  public synchronized Optional<BudgetStatus> status(String id) {
    Optional<Budget> b = budgets.find(id);
    return b.isEmpty() ? Optional.empty() : status(b.get(), clock.instant());
  }

  /**
   * The status of every budget running now.
   *
   * @return the statuses in budget order; never null
   */
  public synchronized List<BudgetStatus> statuses() {
    Instant now = clock.instant();
    List<BudgetStatus> out = new ArrayList<>();
    for (Budget b : budgets.all()) {
      status(b, now).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Compares every budget with its thresholds and notifies each new crossing (see the class description).
   *
   * @return the alerts raised by this call; never null
   */
  public synchronized List<BudgetAlert> evaluate() {
    Instant now = clock.instant();
    cache.clear();
    List<BudgetAlert> out = new ArrayList<>();
    for (Budget b : budgets.all()) {
      Optional<BudgetStatus> s = status(b, now);
      if (s.isEmpty()) {
        continue;
      }
      BudgetStatus st = s.get();
      Optional<AlertState> previous = budgets.alertState(b.id());
      Set<Integer> before = previous.isPresent() && previous.get().window().equals(st.window())
          ? previous.get().crossed() : Set.of();
      Set<Integer> now2 = new HashSet<>();
      for (int i = 0; i < b.thresholds().size(); i++) {
        Threshold t = b.thresholds().get(i);
        if (crossed(st, t, BigDecimal.ZERO)) {
          now2.add(i);
          if (!before.contains(i)) {
            out.add(alert(st, t, i, now));
          }
        }
      }
      budgets.saveAlertState(b.id(), new AlertState(st.window(), now2));
    }
    return out;
  }

  /**
   * Asks the budgets about new spend, opening approval requests where a threshold requires approval (see the class
   * description).
   *
   * @param request the spend; never null
   * @return the decision; never null
   * @throws IllegalArgumentException if a covering budget is in another currency than the request's rate
   */
  public synchronized SpendDecision check(SpendRequest request) {
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    List<String> denied = new ArrayList<>();
    List<String> held = new ArrayList<>();
    List<ApprovalRequest> pending = new ArrayList<>();
    List<ApprovalRequest> approved = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Budget b : budgets.all()) {
      if (!b.scope().covers(request.attributes())) {
        continue;
      }
      if (!b.currency().equals(request.hourlyRate().currency())) {
        throw new IllegalArgumentException("spendRequest " + request.key() + " is in "
            + request.hourlyRate().currency() + " but budget " + b.id() + " is in " + b.currency());
      }
      Optional<BudgetStatus> s = status(b, now);
      if (s.isEmpty()) {
        continue;
      }
      BudgetStatus st = s.get();
      BigDecimal cost = request.costUntil(now, st.window().to()).amount();
      Threshold strongest = null;
      for (Threshold t : b.thresholds()) {
        if (t.action() != Threshold.Action.NOTIFY && crossed(st, t, cost)
            && (strongest == null || t.action().compareTo(strongest.action()) > 0)) {
          strongest = t;
        }
      }
      if (strongest == null) {
        continue;
      }
      String line = "budget '" + b.name() + "' (" + strongest + "; actual " + plain(st.actual().amount())
          + ", forecast " + plain(st.forecast().amount()) + ", this spend " + plain(cost) + " of "
          + plain(st.amount().amount()) + " " + b.currency().getCurrencyCode() + ")";
      if (strongest.action() == Threshold.Action.DENY_PLACEMENTS) {
        denied.add(b.name());
        reasons.add("denied by " + line);
        continue;
      }
      if (cost.signum() == 0) {
        continue;
      }
      ApprovalRequest latest = latestRequest(b, request.key(), st.window(), now);
      if (latest != null && latest.state() == ApprovalRequest.State.APPROVED) {
        approved.add(latest);
      } else if (latest != null && latest.state() == ApprovalRequest.State.REJECTED) {
        denied.add(b.name());
        reasons.add("denied by " + line + ": request " + latest.id() + " was rejected");
      } else {
        ApprovalRequest r = latest != null && latest.state() == ApprovalRequest.State.PENDING ? latest
            : open(b, request, new Money(cost, b.currency()), now);
        pending.add(r);
        held.add(b.name());
        reasons.add("held for approval under " + line + ": request " + r.id());
      }
    }
    if (!denied.isEmpty()) {
      return new SpendDecision(SpendDecision.Outcome.DENIED, denied, List.of(), String.join("; ", reasons));
    }
    if (!held.isEmpty()) {
      return new SpendDecision(SpendDecision.Outcome.APPROVAL_REQUIRED, held, pending, String.join("; ", reasons));
    }
    return new SpendDecision(SpendDecision.Outcome.ALLOWED, List.of(), approved,
        approved.isEmpty() ? "within every budget" : "approved by request(s) " + ids(approved));
  }

  /**
   * Approves a pending request.
   *
   * @param requestId the request; never null
   * @param approver who decides; must hold one of the budget's approver roles; never null
   * @param reason why; never null
   * @return the approved request; never null
   * @throws IllegalArgumentException if the request is unknown or the approver lacks the role
   * @throws IllegalStateException if the request is no longer pending (decided, expired, or changed concurrently)
   */
  public synchronized ApprovalRequest approve(String requestId, Approver approver, String reason) {
    return decide(requestId, approver, reason, ApprovalRequest.State.APPROVED);
  }

  /**
   * Rejects a pending request.
   *
   * @param requestId the request; never null
   * @param approver who decides; must hold one of the budget's approver roles; never null
   * @param reason why; never null
   * @return the rejected request; never null
   * @throws IllegalArgumentException if the request is unknown or the approver lacks the role
   * @throws IllegalStateException if the request is no longer pending (decided, expired, or changed concurrently)
   */
  public synchronized ApprovalRequest reject(String requestId, Approver approver, String reason) {
    return decide(requestId, approver, reason, ApprovalRequest.State.REJECTED);
  }

  /**
   * Expires every pending request whose deadline has passed.
   *
   * @return the requests expired by this call; never null
   */
  public synchronized List<ApprovalRequest> expireDue() {
    Instant now = clock.instant();
    List<ApprovalRequest> out = new ArrayList<>();
    for (ApprovalRequest r : approvals.all()) {
      if (r.state() == ApprovalRequest.State.PENDING && !now.isBefore(r.expiresAt())) {
        out.add(expire(r, now));
      }
    }
    return out;
  }

  /**
   * Finds an approval request.
   *
   * @param id the id; never null
   * @return the request; never null
   */
  public Optional<ApprovalRequest> request(String id) {
    return approvals.find(id);
  }

  /**
   * Every approval request, in creation order, with its history.
   *
   * @return a snapshot; never null
   */
  public List<ApprovalRequest> requests() {
    return approvals.all();
  }

  private ApprovalRequest decide(String requestId, Approver approver, String reason, ApprovalRequest.State to) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    ApprovalRequest r = approvals.find(requestId)
        .orElseThrow(() -> new IllegalArgumentException("no approval request '" + requestId + "'"));
    if (r.state() != ApprovalRequest.State.PENDING) {
      throw new IllegalStateException("approval request " + requestId + " is already " + r.state());
    }
    if (!now.isBefore(r.expiresAt())) {
      expire(r, now);
      throw new IllegalStateException("approval request " + requestId + " expired at " + r.expiresAt());
    }
    Budget b = budgets.find(r.budgetId()).orElseThrow(() -> new IllegalStateException("approval request "
        + requestId + " belongs to budget " + r.budgetId() + ", which no longer exists"));
    if (approver.roles().stream().noneMatch(b.approverRoles()::contains)) {
      throw new IllegalArgumentException("approver " + approver.id() + " holds roles " + approver.roles()
          + " but budget " + b.id() + " needs one of " + b.approverRoles());
    }
    ApprovalRequest next = r.transition(to, now, approver.id(), reason);
    if (!approvals.replace(r, next)) {
      throw new IllegalStateException("approval request " + requestId + " changed concurrently; read it again");
    }
    notifyAll(new Notification("approval/" + r.id() + "/" + to, Notification.Severity.INFO,
        "Spend request " + r.id() + " " + to.name().toLowerCase(java.util.Locale.ROOT) + " under budget "
            + b.name(), approver.id() + ": " + reason + " (" + r.key() + ", " + plain(r.amount().amount()) + " "
            + r.amount().currency().getCurrencyCode() + ")", labels(b), now));
    return next;
  }

  private ApprovalRequest expire(ApprovalRequest r, Instant now) {
    ApprovalRequest next = r.transition(ApprovalRequest.State.EXPIRED, now, "system",
        "not decided by " + r.expiresAt());
    if (!approvals.replace(r, next)) {
      return approvals.find(r.id()).orElse(next);
    }
    return next;
  }

  private ApprovalRequest latestRequest(Budget b, String key, BudgetPeriod.Window window, Instant now) {
    ApprovalRequest latest = null;
    for (ApprovalRequest r : approvals.all()) {
      if (r.budgetId().equals(b.id()) && r.key().equals(key) && !r.createdAt().isBefore(window.from())) {
        latest = r;
      }
    }
    if (latest != null && latest.state() == ApprovalRequest.State.PENDING && !now.isBefore(latest.expiresAt())) {
      latest = expire(latest, now);
    }
    return latest;
  }

  private ApprovalRequest open(Budget b, SpendRequest request, Money amount, Instant now) {
    String id = approvals.nextId();
    ApprovalRequest r = new ApprovalRequest(id, b.id(), request.key(), amount, request.requester(),
        request.reason(), now, now.plus(b.approvalTimeout()), ApprovalRequest.State.PENDING,
        List.of(new ApprovalEvent(now, request.requester(), null, ApprovalRequest.State.PENDING, request.reason())));
    approvals.insert(r);
    notifyAll(new Notification("approval/" + id + "/PENDING", Notification.Severity.WARNING,
        "Approval needed: " + request.key() + " under budget " + b.name(),
        request.requester() + " asks for " + plain(amount.amount()) + " " + amount.currency().getCurrencyCode()
            + ": " + request.reason() + ". Approver roles: " + b.approverRoles() + ". Expires " + r.expiresAt()
            + ".", labels(b), now));
    return r;
  }

  private BudgetAlert alert(BudgetStatus st, Threshold t, int index, Instant now) {
    Budget b = st.budget();
    Notification n = new Notification("budget/" + b.id() + "/" + st.window().start() + "/" + index + "/" + now,
        t.action() == Threshold.Action.NOTIFY ? Notification.Severity.WARNING : Notification.Severity.CRITICAL,
        "Budget " + b.name() + " crossed " + t, st.summary(), labels(b), now);
    return new BudgetAlert(t, st, n, notifyAll(n));
  }

  private boolean notifyAll(Notification n) {
    boolean ok = true;
    for (NotificationChannel c : channels) {
      try {
        c.send(n);
      } catch (RuntimeException e) {
        ok = false;
        LOG.warn("notification channel {} failed to deliver {}: {}", c.id(), n.key(), e.toString());
      }
    }
    return ok;
  }

  private static Map<String, String> labels(Budget b) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("budget", b.id());
    b.scope().filters().forEach((d, v) -> l.put(d.tagKey() != null ? d.tagKey() : d.name(), v));
    return l;
  }

  private static boolean crossed(BudgetStatus st, Threshold t, BigDecimal extra) {
    BigDecimal base = (t.basis() == Threshold.Basis.ACTUAL ? st.actual() : st.forecast()).amount().add(extra);
    BigDecimal line = st.amount().amount().multiply(t.percent()).movePointLeft(2);
    return base.compareTo(line) >= 0 && (base.signum() > 0 || line.signum() > 0);
  }

  private Optional<BudgetStatus> status(Budget b, Instant now) {
    BudgetStatus cached = cache.get(b.id());
    if (cached != null && !now.isBefore(cached.at())
        && now.isBefore(cached.at().plus(statusTtl))) {
      return Optional.of(cached);
    }
    Optional<BudgetPeriod.Window> w = b.period().windowAt(now);
    if (w.isEmpty()) {
      return Optional.empty();
    }
    BudgetPeriod.Window window = w.get();
    int scale = Math.max(0, b.currency().getDefaultFractionDigits());
    Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    BigDecimal actual = sum(b, window.from(), now);
    BigDecimal beforeToday = today.isAfter(window.from()) ? sum(b, window.from(), today) : BigDecimal.ZERO;
    double[] history = dailyHistory(b, today);
    int daysLeft = (int) (window.endExclusive().toEpochDay() - LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay());
    BigDecimal forecast = beforeToday.add(BigDecimal.valueOf(SpendForecast.remaining(history, daysLeft)))
        .setScale(scale, RoundingMode.HALF_EVEN).max(actual);
    List<Threshold> crossed = new ArrayList<>();
    Threshold.Action control = null;
    BudgetStatus probe = new BudgetStatus(b, now, window, b.amountFor(window), new Money(actual, b.currency()),
        new Money(forecast, b.currency()), List.of(), null);
    for (Threshold t : b.thresholds()) {
      if (crossed(probe, t, BigDecimal.ZERO)) {
        crossed.add(t);
        control = control == null || t.action().compareTo(control) > 0 ? t.action() : control;
      }
    }
    BudgetStatus st = new BudgetStatus(b, now, window, probe.amount(), probe.actual(), probe.forecast(), crossed,
        control);
    cache.put(b.id(), st);
    return Optional.of(st);
  }

  private BigDecimal sum(Budget b, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return BigDecimal.ZERO;
    }
    CostQuery q = b.scope().applyTo(CostQuery.builder()).where(Dimension.CURRENCY, b.currency().getCurrencyCode())
        .between(from, to).build();
    return costs.query(q).total(b.currency());
  }

  private double[] dailyHistory(Budget b, Instant today) {
    Instant from = today.minus(Duration.ofDays(HISTORY_DAYS));
    CostQuery q = b.scope().applyTo(CostQuery.builder()).where(Dimension.CURRENCY, b.currency().getCurrencyCode())
        .between(from, today).granularity(Granularity.DAY).build();
    double[] days = new double[HISTORY_DAYS];
    long first = from.getEpochSecond() / 86400;
    for (CostRow r : costs.query(q).rows()) {
      days[(int) (r.bucketStart().getEpochSecond() / 86400 - first)] += r.amount().doubleValue();
    }
    int lead = 0;
    while (lead < days.length && days[lead] == 0) {
      lead++;
    }
    return java.util.Arrays.copyOfRange(days, lead, days.length);
  }

  private static String plain(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String ids(List<ApprovalRequest> rs) {
    List<String> ids = new ArrayList<>();
    rs.forEach(r -> ids.add(r.id()));
    return String.join(", ", ids);
  }

  /**
   * Builds a {@link BudgetManager}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final CostStore costs;
    private final InstantSource clock;
    private BudgetStore budgets = BudgetStore.inMemory();
    private ApprovalStore approvals = ApprovalStore.inMemory();
    private final List<NotificationChannel> channels = new ArrayList<>();
    private Duration statusTtl = Duration.ofMinutes(1);

    private Builder(CostStore costs, InstantSource clock) {
      this.costs = Objects.requireNonNull(costs, "budgetManager.costs");
      this.clock = Objects.requireNonNull(clock, "budgetManager.clock");
    }

    /**
     * Where budgets are kept.
     *
     * @param value the store; never null
     * @return this builder; never null
     */
    public Builder budgetStore(BudgetStore value) {
      this.budgets = Objects.requireNonNull(value, "budgetManager.budgetStore");
      return this;
    }

    /**
     * Where approval requests are kept.
     *
     * @param value the store; never null
     * @return this builder; never null
     */
    public Builder approvalStore(ApprovalStore value) {
      this.approvals = Objects.requireNonNull(value, "budgetManager.approvalStore");
      return this;
    }

    /**
     * Adds channels alerts and approval events go to.
     *
     * @param values the channels; never null
     * @return this builder; never null
     */
    public Builder channels(Collection<? extends NotificationChannel> values) {
      for (NotificationChannel c : Objects.requireNonNull(values, "budgetManager.channels")) {
        channels.add(Objects.requireNonNull(c, "budgetManager.channels element"));
      }
      return this;
    }

    /**
     * How long a computed status is reused (budget and store changes made through the manager clear it).
     *
     * @param value zero or positive; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if negative
     */
    public Builder statusTtl(Duration value) {
      Objects.requireNonNull(value, "budgetManager.statusTtl");
      if (value.isNegative()) {
        throw new IllegalArgumentException("budgetManager.statusTtl must be >= 0, got " + value);
      }
      this.statusTtl = value;
      return this;
    }

    /**
     * Builds the manager.
     *
     * @return a new manager; never null
     */
    public BudgetManager build() {
      return new BudgetManager(this);
    }
  }
}
