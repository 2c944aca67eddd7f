package io.stratus.security.threat;

import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;

/** Keeps appended events in memory; hashes are not computed (the file log's own tests cover the chain). */
final class MemoryAuditLog implements AuditLog {
  final List<AuditEvent> events = new ArrayList<>();

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

  List<String> actions() {
    return events.stream().map(AuditEvent::action).toList();
  }
}
