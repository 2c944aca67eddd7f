package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-memory {@link AlertHistoryStore}. Thread-safe: every method locks the store. */
final class InMemoryAlertHistoryStore implements AlertHistoryStore {
  private final Map<String, AlertHistoryRecord> records = new LinkedHashMap<>();
  private final List<AuditEntry> audit = new ArrayList<>();

  private static String key(String fingerprint, long instance) {
    return fingerprint + "#" + instance;
  }

  @Override
  public synchronized void save(AlertHistoryRecord record) {
    Checks.nonNull(record, "record");
    records.put(key(record.fingerprint(), record.instance()), record);
  }

  @Override
  public synchronized Optional<AlertHistoryRecord> find(String fingerprint, long instance) {
    return Optional.ofNullable(records.get(key(Checks.nonNull(fingerprint, "fingerprint"), instance)));
  }

  @Override
  public synchronized List<AlertHistoryRecord> query(AlertHistoryQuery query) {
    Checks.nonNull(query, "query");
    return records.values().stream().filter(query::matches)
        .sorted(Comparator.comparing(AlertHistoryRecord::firedAt).reversed()
            .thenComparing(AlertHistoryRecord::fingerprint))
        .limit(query.limit()).toList();
  }

  @Override
  public synchronized void audit(AuditEntry entry) {
    audit.add(Checks.nonNull(entry, "entry"));
  }

  @Override
  public synchronized List<AuditEntry> auditTrail(String fingerprint) {
    Checks.nonNull(fingerprint, "fingerprint");
    return audit.stream().filter(e -> e.fingerprint().equals(fingerprint)).toList();
  }
}
