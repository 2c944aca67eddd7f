package io.stratus.finops.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The embedded {@link ApprovalStore}: a map under one lock. Thread-safe. */
final class InMemoryApprovalStore implements ApprovalStore {
  private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
  private long sequence;

  @Override
  public synchronized String nextId() {
    return "apr-" + (++sequence);
  }

  @Override
  public synchronized void insert(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    if (requests.containsKey(request.id())) {
      throw new IllegalArgumentException("approval request id " + request.id() + " is already stored");
    }
    requests.put(request.id(), request);
  }

  @Override
  public synchronized boolean replace(ApprovalRequest expected, ApprovalRequest updated) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    if (!expected.id().equals(updated.id())) {
      throw new IllegalArgumentException("replace needs the same id, got " + expected.id() + " and " + updated.id());
    }
    ApprovalRequest stored = requests.get(expected.id());
    if (stored == null) {
      throw new IllegalArgumentException("no approval request " + expected.id() + " is stored");
    }
    if (!stored.equals(expected)) {
      return false;
    }
    requests.put(updated.id(), updated);
    return true;
  }

  @Override
  public synchronized Optional<ApprovalRequest> find(String id) {
    return Optional.ofNullable(requests.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public synchronized List<ApprovalRequest> all() {
    return new ArrayList<>(requests.values());
  }
}
