package io.stratus.finops.budget;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where budgets and their alert state (which thresholds are crossed in the current window, so that each crossing
 * alerts once) are kept. The embedded default is {@link #inMemory()}. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BudgetStore {
  /**
   * A new, empty in-memory store.
   *
   * @return the store; never null
   */
  static BudgetStore inMemory() {
    return new InMemoryBudgetStore();
  }

  /**
   * Adds or replaces a budget (by id); replacing keeps its alert state.
   *
   * @param budget the budget; never null
   */
  void put(Budget budget);

  /**
   * Removes a budget and its alert state.
   *
   * @param id the id; never null
   * @return true if it was stored
   */
  boolean remove(String id);

  /**
   * Finds a budget.
   *
   * @param id the id; never null
   * @return the budget; never null
   */
  Optional<Budget> find(String id);

  /**
   * Every budget, in insertion order.
   *
   * @return a snapshot; never null
   */
  List<Budget> all();

  /**
   * The alert state of a budget.
   *
   * @param id the budget id; never null
   * @return the state, empty before the first evaluation; never null
   */
  Optional<AlertState> alertState(String id);

  /**
   * Saves the alert state of a budget.
   *
   * @param id the budget id; never null
   * @param state the state; never null
   */
  void saveAlertState(String id, AlertState state);
}
