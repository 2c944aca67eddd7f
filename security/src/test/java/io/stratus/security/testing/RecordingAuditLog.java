package io.stratus.security.testing;

import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;

/**
 * A test audit log that keeps appended events in memory, for the tests of the packages that audit; hashes are not
 * computed (the file log's own tests cover the chain).
 */
public final class RecordingAuditLog implements AuditLog {
  /** The appended events, oldest first. */
  public final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized AuditEntry append(AuditEvent event) {
    events.add(event);
    return new AuditEntry(events.size(), event, "0".repeat(64), "0".repeat(64));
  }

  @Override
  public AuditVerification verify() {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public long exportJsonLines(Appendable out) {
    throw new UnsupportedOperationException("not used by these tests");
  }

  @Override
  public void close() {}

  /** The appended events' actions, oldest first. */
  public List<String> actions() {
    return events.stream().map(AuditEvent::action).toList();
  }
}
