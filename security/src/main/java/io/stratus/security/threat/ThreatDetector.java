package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A detector over the audit and access stream: it reads events (in event-time order) and returns the incidents they
 * raise. Detectors only detect; a {@link ThreatMonitor} audits the incidents and applies the responses. Hosts may add
 * their own. Implementations must be thread-safe and keep bounded memory.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ThreatDetector {

  /**
   * Reads one event.
   *
   * @param event the event; never null
   * @return the incidents it raised, possibly none; never null
   * @throws MalformedEventException if the event's action is one of {@link SecurityEvents}' and breaks its convention
   */
  List<Incident> observe(AuditEvent event);

  /**
   * Lets time-based state (e.g. a rate bucket) close at {@code now} without waiting for the next event; a host calls
   * it through {@link ThreatMonitor#tick(java.time.Instant)}.
   *
   * @param now the current event time; never null
   * @return incidents raised by closing state; never null; none by default
   */
  default List<Incident> flush(Instant now) {
    return List.of();
  }

  /**
   * The name shown in logs and audit entries.
   *
   * @return the name; never null, by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
