package io.stratus.security.authn;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where API key records are kept. Records hold only hashes of secrets. Implementations must be thread-safe; the
 * embedded default is {@link #inMemory()}, also registered for {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApiKeyStore {

  /**
   * A unique id for this implementation, e.g. {@code in-memory}.
   *
   * @return the id; never null
   */
  String id();

  /**
   * Inserts or replaces the record with the same key id.
   *
   * @param record the record; never null
   */
  void save(ApiKeyRecord record);

  /**
   * Looks a record up by key id.
   *
   * @param keyId the key id; never null
   * @return the record, or empty
   */
  Optional<ApiKeyRecord> find(String keyId);

  /**
   * All records of a principal, revoked and expired ones included, in no particular order.
   *
   * @param principalId the principal's id; never null
   * @return an immutable snapshot; never null
   */
  List<ApiKeyRecord> findByPrincipal(String principalId);

  /**
   * A new, empty, thread-safe in-memory store.
   *
   * @return the store; never null
   */
  static ApiKeyStore inMemory() {
    return new InMemoryApiKeyStore();
  }
}
