package io.stratus.finops.budget;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where approval requests are kept. The embedded default is {@link #inMemory()}; a host may keep them in a database.
 * Implementations must be thread-safe, and {@link #replace} must be atomic (compare-and-set), so that two deciders
 * never both move one request.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApprovalStore {
  /**
   * A new, empty in-memory store.
   *
   * @return the store; never null
   */
  static ApprovalStore inMemory() {
    return new InMemoryApprovalStore();
  }

  /**
   * A fresh id, unique in this store.
   *
   * @return the id; never null
   */
  String nextId();

  /**
   * Adds a new request.
   *
   * @param request the request; never null
   * @throws IllegalArgumentException if its id is already stored
   */
  void insert(ApprovalRequest request);

  /**
   * Replaces a request if it is still as the caller read it.
   *
   * @param expected the stored request as read; never null
   * @param updated its successor, with the same id; never null
   * @return true if replaced, false if the stored request had changed
   * @throws IllegalArgumentException if the ids differ or nothing is stored under the id
   */
  boolean replace(ApprovalRequest expected, ApprovalRequest updated);

  /**
   * Finds a request.
   *
   * @param id the id; never null
   * @return the request; never null
   */
  Optional<ApprovalRequest> find(String id);

  /**
   * Every request, in insertion order.
   *
   * @return a snapshot; never null
   */
  List<ApprovalRequest> all();
}
