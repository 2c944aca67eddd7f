package io.stratus.adapters.webhooks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link SubscriptionStore#inMemory()}: a concurrent map; each change is one atomic map operation. Thread-safe. */
final class InMemorySubscriptionStore implements SubscriptionStore {
  private final ConcurrentMap<String, StoredSubscription> byId = new ConcurrentHashMap<>();

  @Override
  public StoredSubscription save(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    return byId.compute(subscription.id(),
        (id, old) -> new StoredSubscription(subscription, old == null ? 1 : old.version() + 1));
  }

  @Override
  public StoredSubscription update(Subscription subscription, long expectedVersion) {
    Objects.requireNonNull(subscription, "subscription");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative, got " + expectedVersion);
    }
    return byId.compute(subscription.id(), (id, old) -> {
      long actual = old == null ? 0 : old.version();
      if (actual != expectedVersion) {
        throw new SubscriptionConflictException(id, expectedVersion, actual);
      }
      return new StoredSubscription(subscription, actual + 1);
    });
  }

  @Override
  public Optional<StoredSubscription> find(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<StoredSubscription> list() {
    List<StoredSubscription> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(StoredSubscription::id));
    return List.copyOf(out);
  }

  @Override
  public boolean delete(String id) {
    return byId.remove(Objects.requireNonNull(id, "id")) != null;
  }
}
