package io.stratus.monitoring.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Where an {@link io.stratus.monitoring.alerting.AlertEngine} keeps the lifecycle state of its open (pending or firing)
 * alerts, so a host can persist it and an engine built after a restart continues where the old one stopped: pending
 * alerts keep their {@code for} timer, firing alerts stay firing (and are not announced again if they were announced),
 * and their resolution is announced by the new engine, also when the alert resolved before the restart but its
 * resolution had not gone out yet (even if a new instance of the same fingerprint opened meanwhile). The default {@link
 * #inMemory()} keeps records for the life of the store object.
 *
 * <p>What is kept is the alert lifecycle only: notification groups, incidents, flapping history and silences are
 * rebuilt from scratch (restored firing alerts join new incidents). The engine saves a record on each lifecycle change
 * (created, fired, condition cleared or back, acknowledged, announced), not on every sample, so {@link
 * AlertRecord#value()} is the value at the last change.
 *
 * <p>Implementations must be thread-safe. The engine calls them while holding its lock, so they should be quick
 * (write-behind is fine) and must not call back into the engine. A store that throws fails the engine call that
 * triggered it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AlertStore {
  /**
   * Saves a record, replacing any record with the same fingerprint.
   *
   * @param record the record; never null
   */
  void save(AlertRecord record);

  /**
   * Forgets the record of a fingerprint (its pending condition cleared, or its resolution was announced or needs no
   * announcement); no-op if absent.
   *
   * @param fingerprint the fingerprint; never null
   */
  void remove(String fingerprint);

  /**
   * Every saved record, read once when an engine is built.
   *
   * @return the records, in any order; never null
   */
  List<AlertRecord> load();

  /**
   * A store in memory: thread-safe, survives engines built on it but not the process.
   *
   * @return a new, empty store; never null
   */
  static AlertStore inMemory() {
    return new InMemoryAlertStore();
  }
}
