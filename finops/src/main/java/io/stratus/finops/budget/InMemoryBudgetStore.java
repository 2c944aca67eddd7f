package io.stratus.finops.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The embedded {@link BudgetStore}: maps under one lock. Thread-safe. */
final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Budget> budgets = new LinkedHashMap<>();
  private final Map<String, AlertState> states = new HashMap<>();

  @Override
  public synchronized void put(Budget budget) {
    budgets.put(Objects.requireNonNull(budget, "budget").id(), budget);
  }

  @Override
  public synchronized boolean remove(String id) {
    states.remove(Objects.requireNonNull(id, "id"));
    return budgets.remove(id) != null;
  }

  @Override
  public synchronized Optional<Budget> find(String id) {
    return Optional.ofNullable(budgets.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public synchronized List<Budget> all() {
    return new ArrayList<>(budgets.values());
  }

  @Override
  public synchronized Optional<AlertState> alertState(String id) {
    return Optional.ofNullable(states.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public synchronized void saveAlertState(String id, AlertState state) {
    states.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(state, "state"));
  }
}
