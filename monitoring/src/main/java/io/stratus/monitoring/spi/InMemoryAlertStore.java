package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link AlertStore}. Thread-safe. */
final class InMemoryAlertStore implements AlertStore {
  private final Map<String, AlertRecord> records = new ConcurrentHashMap<>();

  @Override
  public void save(AlertRecord record) {
    Checks.nonNull(record, "record");
    records.put(record.fingerprint(), record);
  }

  @Override
  public void remove(String fingerprint) {
    records.remove(Checks.nonNull(fingerprint, "fingerprint"));
  }

  @Override
  public List<AlertRecord> load() {
    return List.copyOf(records.values());
  }
}
