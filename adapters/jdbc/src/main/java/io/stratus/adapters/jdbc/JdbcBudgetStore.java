package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.AlertState;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetPeriod;
import io.stratus.finops.budget.BudgetStore;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link BudgetStore} over {@code stratus_budget} and {@code stratus_budget_alert_state}. A budget row holds the whole
 * definition ({@link Budget#fixedAmount()} or {@link Budget#plannedAmounts()}, the period, scope, thresholds, roles,
 * timeout); its {@code seq} (from a sequence, kept when the budget is replaced) gives the insertion order. Every call
 * is one transaction. Thread-safe.
 */
final class JdbcBudgetStore implements BudgetStore {
  private static final String COLUMNS = "id, name, scope, currency, period, period_start_day, period_end_day,"
      + " fixed_amount, planned, thresholds, approver_roles, approval_timeout_s, approval_timeout_nanos";

  private final Db db;

  JdbcBudgetStore(Db db) {
    this.db = db;
  }

  @Override
  public void put(Budget budget) {
    Objects.requireNonNull(budget, "budget");
    db.inTransaction("budgetStore.put", c -> {
      if (db.dialect() == Dialect.POSTGRESQL) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_budget (seq, " + COLUMNS + ") VALUES"
            + " (nextval('stratus_budget_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " name = EXCLUDED.name, scope = EXCLUDED.scope, currency = EXCLUDED.currency, period = EXCLUDED.period,"
            + " period_start_day = EXCLUDED.period_start_day, period_end_day = EXCLUDED.period_end_day,"
            + " fixed_amount = EXCLUDED.fixed_amount, planned = EXCLUDED.planned, thresholds = EXCLUDED.thresholds,"
            + " approver_roles = EXCLUDED.approver_roles, approval_timeout_s = EXCLUDED.approval_timeout_s,"
            + " approval_timeout_nanos = EXCLUDED.approval_timeout_nanos")) {
          bind(ps, budget);
          ps.executeUpdate();
        }
        return Boolean.TRUE;
      }
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_budget SET name = ?, scope = ?, currency = ?,"
          + " period = ?, period_start_day = ?, period_end_day = ?, fixed_amount = ?, planned = ?, thresholds = ?,"
          + " approver_roles = ?, approval_timeout_s = ?, approval_timeout_nanos = ? WHERE id = ?")) {
        bindDefinition(ps, 1, budget);
        ps.setString(13, budget.id());
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_budget (seq, " + COLUMNS + ") VALUES"
            + " (NEXT VALUE FOR stratus_budget_seq, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          bind(ps, budget);
          ps.executeUpdate();
        }
      }
      return Boolean.TRUE;
    });
  }

  private static void bind(PreparedStatement ps, Budget b) throws SQLException {
    ps.setString(1, b.id());
    bindDefinition(ps, 2, b);
  }

  /** Binds every column but the id, from parameter {@code i} on (12 parameters). */
  private static void bindDefinition(PreparedStatement ps, int i, Budget b) throws SQLException {
    ps.setString(i++, b.name());
    List<String> scope = new ArrayList<>();
    b.scope().filters().forEach((d, v) -> {
      scope.add(d.name());
      scope.add(v);
    });
    ps.setString(i++, Codec.encodeList(scope));
    ps.setString(i++, b.currency().getCurrencyCode());
    Optional<BudgetPeriod.Window> range = b.period().customRange();
    ps.setString(i++, periodName(b.period()));
    if (range.isPresent()) {
      ps.setLong(i++, range.get().start().toEpochDay());
      ps.setLong(i++, range.get().endExclusive().toEpochDay());
    } else {
      ps.setNull(i++, Types.BIGINT);
      ps.setNull(i++, Types.BIGINT);
    }
    Optional<Money> fixed = b.fixedAmount();
    if (fixed.isPresent()) {
      ps.setString(i++, fixed.get().amount().toString());
    } else {
      ps.setNull(i++, Types.VARCHAR);
    }
    List<String> planned = new ArrayList<>();
    b.plannedAmounts().forEach((m, v) -> {
      planned.add(m.toString());
      planned.add(v.toString());
    });
    ps.setString(i++, Codec.encodeList(planned));
    List<String> thresholds = new ArrayList<>();
    for (Threshold t : b.thresholds()) {
      thresholds.add(t.basis().name());
      thresholds.add(t.percent().toString());
      thresholds.add(t.action().name());
    }
    ps.setString(i++, Codec.encodeList(thresholds));
    ps.setString(i++, Codec.encodeList(List.copyOf(new TreeSet<>(b.approverRoles()))));
    ps.setLong(i++, b.approvalTimeout().getSeconds());
    ps.setInt(i, b.approvalTimeout().getNano());
  }

  private static String periodName(BudgetPeriod p) {
    if (p.isCustom()) {
      return "CUSTOM";
    }
    if (p.equals(BudgetPeriod.monthly())) {
      return "MONTHLY";
    }
    if (p.equals(BudgetPeriod.quarterly())) {
      return "QUARTERLY";
    }
    if (p.equals(BudgetPeriod.annual())) {
      return "ANNUAL";
    }
    throw new IllegalStateException("budget period " + p + " is neither custom nor monthly, quarterly or annual");
  }

  /**
   * Rebuilds a budget from its row.
   *
   * @throws IllegalStateException if the row does not make a valid budget (written outside the store)
   */
  private static Budget decode(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String where = "stratus_budget row '" + id + "'";
    try {
      List<String> scopeParts = Codec.decodeList(rs.getString("scope"), "stratus_budget.scope");
      CostScope scope = CostScope.total();
      for (int i = 0; i + 1 < scopeParts.size(); i += 2) {
        scope = scope.and(dimension(scopeParts.get(i)), scopeParts.get(i + 1));
      }
      Budget.Builder b = Budget.builder(id, scope).name(rs.getString("name"));
      String period = rs.getString("period");
      b.period(switch (period) {
        case "MONTHLY" -> BudgetPeriod.monthly();
        case "QUARTERLY" -> BudgetPeriod.quarterly();
        case "ANNUAL" -> BudgetPeriod.annual();
        case "CUSTOM" -> BudgetPeriod.custom(LocalDate.ofEpochDay(rs.getLong("period_start_day")),
            LocalDate.ofEpochDay(rs.getLong("period_end_day")));
        default -> throw new IllegalStateException("unknown period '" + period + "'");
      });
      Currency currency = Currency.getInstance(rs.getString("currency"));
      String fixed = rs.getString("fixed_amount");
      if (fixed != null) {
        b.amount(new Money(new BigDecimal(fixed), currency));
      } else {
        List<String> parts = Codec.decodeList(rs.getString("planned"), "stratus_budget.planned");
        Map<YearMonth, BigDecimal> plans = new TreeMap<>();
        for (int i = 0; i + 1 < parts.size(); i += 2) {
          plans.put(YearMonth.parse(parts.get(i)), new BigDecimal(parts.get(i + 1)));
        }
        b.planned(currency, plans);
      }
      List<String> t = Codec.decodeList(rs.getString("thresholds"), "stratus_budget.thresholds");
      for (int i = 0; i + 2 < t.size(); i += 3) {
        b.threshold(new Threshold(Threshold.Basis.valueOf(t.get(i)), new BigDecimal(t.get(i + 1)),
            Threshold.Action.valueOf(t.get(i + 2))));
      }
      b.approverRoles(Codec.decodeList(rs.getString("approver_roles"), "stratus_budget.approver_roles"));
      b.approvalTimeout(Duration.ofSeconds(rs.getLong("approval_timeout_s"), rs.getInt("approval_timeout_nanos")));
      return b.build();
    } catch (RuntimeException e) {
      throw new IllegalStateException(where + " is not a valid budget: " + e.getMessage(), e);
    }
  }

  private static Dimension dimension(String name) {
    if (name.startsWith("tag:")) {
      return Dimension.tag(name.substring(4));
    }
    for (Dimension d : Dimension.BUILT_IN) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalStateException("unknown dimension '" + name + "'");
  }

  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("budgetStore.remove", c -> {
      try (PreparedStatement state = c.prepareStatement("DELETE FROM stratus_budget_alert_state WHERE budget_id = ?");
          PreparedStatement budget = c.prepareStatement("DELETE FROM stratus_budget WHERE id = ?")) {
        state.setString(1, id);
        state.executeUpdate();
        budget.setString(1, id);
        return budget.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Budget> find(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("budgetStore.find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_budget WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(decode(rs)) : Optional.<Budget>empty();
        }
      }
    });
  }

  @Override
  public List<Budget> all() {
    return db.inTransaction("budgetStore.all", c -> {
      List<Budget> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_budget ORDER BY seq");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(decode(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<AlertState> alertState(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("budgetStore.alertState", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT window_start_day, window_end_day, crossed"
          + " FROM stratus_budget_alert_state WHERE budget_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<AlertState>empty();
          }
          Set<Integer> crossed = new TreeSet<>();
          for (String s : Codec.decodeList(rs.getString(3), "stratus_budget_alert_state.crossed")) {
            crossed.add(Integer.valueOf(s));
          }
          return Optional.of(new AlertState(new BudgetPeriod.Window(LocalDate.ofEpochDay(rs.getLong(1)),
              LocalDate.ofEpochDay(rs.getLong(2))), crossed));
        }
      }
    });
  }

  @Override
  public void saveAlertState(String id, AlertState state) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    List<String> crossed = new ArrayList<>();
    new TreeSet<>(state.crossed()).forEach(i -> crossed.add(Integer.toString(i)));
    db.inTransaction("budgetStore.saveAlertState", c -> {
      if (db.dialect() == Dialect.H2) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM stratus_budget_alert_state WHERE budget_id = ?")) {
          del.setString(1, id);
          del.executeUpdate();
        }
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO stratus_budget_alert_state (budget_id,"
          + " window_start_day, window_end_day, crossed) VALUES (?, ?, ?, ?)"
          + (db.dialect() == Dialect.POSTGRESQL ? " ON CONFLICT (budget_id) DO UPDATE SET window_start_day ="
              + " EXCLUDED.window_start_day, window_end_day = EXCLUDED.window_end_day, crossed = EXCLUDED.crossed"
              : ""))) {
        ins.setString(1, id);
        ins.setLong(2, state.window().start().toEpochDay());
        ins.setLong(3, state.window().endExclusive().toEpochDay());
        ins.setString(4, Codec.encodeList(crossed));
        ins.executeUpdate();
      }
      return Boolean.TRUE;
    });
  }
}
