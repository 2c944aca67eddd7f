package io.stratus.adapters.webhooks;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a {@link WebhookDispatcher} keeps its subscriptions, each with a version that grows by one on every change, so
 * that hosts sharing a store can update a subscription without losing another host's change ({@link #update}). The
 * embedded default is {@link #inMemory()}; a host keeps subscriptions across restarts, or shares them between
 * dispatchers, by implementing this interface over its own database (stratus-jdbc ships one).
 *
 * <p>Contract for implementations: they are thread-safe; every change is atomic and, for durable stores, durable before
 * it returns; reads return snapshots. Subscriptions hold signing secrets: a durable store should keep them encrypted at
 * rest (this module has no encryption hook of its own; stratus-jdbc's store encrypts them with the security module's
 * envelope cipher).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SubscriptionStore extends AutoCloseable {

  /**
   * Stores a subscription whatever its current version: adds it at version 1, or replaces it (by id) at the stored
   * version plus one.
   *
   * @param subscription the subscription; never null
   * @return what is now stored; never null
   * @throws io.stratus.StratusException if the store could not write it (nothing changed; the store's subclass says
   *     whether a retry can help)
   */
  StoredSubscription save(Subscription subscription);

  /**
   * Compare-and-set: stores a subscription only if the stored version is {@code expectedVersion}; {@code 0} means
   * "must not exist yet" (a create that refuses to overwrite).
   *
   * @param subscription the new value; never null
   * @param expectedVersion the version the caller read, or 0 to create; not negative
   * @return what is now stored, at {@code expectedVersion + 1}; never null
   * @throws SubscriptionConflictException if the stored version differs (re-read, re-apply the change, retry)
   * @throws IllegalArgumentException if {@code expectedVersion} is negative
   */
  StoredSubscription update(Subscription subscription, long expectedVersion);

  /**
   * Looks a subscription up.
   *
   * @param id the subscription id; never null
   * @return the stored subscription, or empty; never null
   */
  Optional<StoredSubscription> find(String id);

  /**
   * Every subscription, ordered by id.
   *
   * @return a snapshot; never null
   */
  List<StoredSubscription> list();

  /**
   * Removes a subscription.
   *
   * @param id the subscription id; never null
   * @return true if it existed
   */
  boolean delete(String id);

  /**
   * A store in memory, lost when the process ends: the dispatcher's default.
   *
   * @return a new empty store; never null
   */
  static SubscriptionStore inMemory() {
    return new InMemorySubscriptionStore();
  }

  /** Releases resources the store holds (the in-memory store holds none); the data stays where it is. */
  @Override
  default void close() {}
}
