package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
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
   * The name shown in logs and audit entries.
   *
   * @return the name; never null, by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
