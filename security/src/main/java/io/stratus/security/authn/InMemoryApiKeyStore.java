package io.stratus.security.authn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apiguardian.api.API;

/**
 * The embedded {@link ApiKeyStore}: a concurrent map, lost when the process ends. Thread-safe. Public only so that
 * {@link java.util.ServiceLoader} can instantiate it; use {@link ApiKeyStore#inMemory()}.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final ConcurrentMap<String, ApiKeyRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty store (for {@link java.util.ServiceLoader}). */
  public InMemoryApiKeyStore() {
    // empty
  }

  @Override
  public String id() {
    return "in-memory";
  }

  @Override
  public void save(ApiKeyRecord record) {
    records.put(record.id(), Objects.requireNonNull(record, "record"));
  }

  @Override
  public Optional<ApiKeyRecord> find(String keyId) {
    return Optional.ofNullable(records.get(Objects.requireNonNull(keyId, "keyId")));
  }

  @Override
  public List<ApiKeyRecord> findByPrincipal(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    return records.values().stream().filter(r -> r.principalId().equals(principalId)).toList();
  }
}
