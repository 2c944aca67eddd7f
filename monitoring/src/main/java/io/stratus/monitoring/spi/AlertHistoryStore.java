package io.stratus.monitoring.spi;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where an {@link io.stratus.monitoring.alerting.AlertEngine} keeps the history of alerts that fired (acknowledgement,
 * assignment, comments, resolution) and the audit trail of who did what. The default {@link #inMemory()} keeps
 * everything for the life of the store object; a host persists it by implementing this interface.
 *
 * <p>Implementations must be thread-safe. The engine calls them while holding its lock, so they should be quick and
 * must not call back into the engine. A store that throws fails the engine call that triggered it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AlertHistoryStore {
  /**
   * Saves a record, replacing the one with the same fingerprint and instance.
   *
   * @param record the record; never null
   */
  void save(AlertHistoryRecord record);

  /**
   * The record of one alert instance.
   *
   * @param fingerprint the fingerprint; never null
   * @param instance the instance
   * @return the record, empty if none
   */
  Optional<AlertHistoryRecord> find(String fingerprint, long instance);

  /**
   * The records that match, newest {@code firedAt} first, at most {@link AlertHistoryQuery#limit()}.
   *
   * @param query the query; never null
   * @return the records; never null
   */
  List<AlertHistoryRecord> query(AlertHistoryQuery query);

  /**
   * Appends to the audit trail.
   *
   * @param entry the entry; never null
   */
  void audit(AuditEntry entry);

  /**
   * The audit trail of one alert fingerprint, all instances, in the order appended.
   *
   * @param fingerprint the fingerprint; never null
   * @return the entries; never null
   */
  List<AuditEntry> auditTrail(String fingerprint);

  /**
   * A store in memory: thread-safe, survives engines built on it but not the process.
   *
   * @return a new, empty store; never null
   */
  static AlertHistoryStore inMemory() {
    return new InMemoryAlertHistoryStore();
  }
}
