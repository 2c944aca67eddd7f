package io.stratus.security.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.testing.RecordingAuditLog;
import io.stratus.security.threat.Incident;
import io.stratus.security.threat.Lockout;
import io.stratus.security.threat.PrivilegeEscalationDetector;
import io.stratus.security.threat.ResponsePlaybook;
import io.stratus.security.threat.SecurityEvents;
import io.stratus.security.threat.ThreatMonitor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incidents the threat monitor detects, as compliance incident records, in the GDPR Art. 33 (72 h) evidence. */
class ThreatIncidentEvidenceTest {
  static final Instant T0 = Instant.parse("2026-03-03T10:00:00Z");

  private static List<Incident> detectSelfGrant() {
    ThreatMonitor monitor = ThreatMonitor.builder().detector(PrivilegeEscalationDetector.builder().build())
        .playbook(ResponsePlaybook.builder().on(Incident.Kind.SELF_GRANT, Incident.Severity.LOW,
            ResponsePlaybook.Action.LOCK_PRINCIPAL).build())
        .lockout(new Lockout()).audit(new RecordingAuditLog()).build();
    return monitor.observe(SecurityEvents.grant(T0, "mallory", "mallory", "admin", "10.0.0.66"));
  }

  private static ControlResult art33(List<IncidentRecord> records, Instant asOf) {
    ComplianceReport r = ComplianceAssessor.of(ControlCatalog.standard(),
        List.of(EvidenceSources.incidents(() -> records, Duration.ofHours(72))), InstantSource.fixed(asOf))
        .assess(Framework.GDPR);
    return r.controls().stream().filter(c -> c.control().id().equals("Art. 33")).findFirst().orElseThrow();
  }

  @Test
  void from_detectedIncident_isAnOpenRecordWithAStableId() {
    Incident incident = detectSelfGrant().get(0);
    IncidentRecord record = IncidentRecord.from(incident);
    assertThat(record.id()).isEqualTo("self-grant:principal:mallory@2026-03-03T10:00:00Z");
    assertThat(record.kind()).isEqualTo("self-grant");
    assertThat(record.severity()).isEqualTo("critical");
    assertThat(record.detectedAt()).isEqualTo(T0);
    assertThat(record.resolvedAt()).isEmpty();
    assertThat(IncidentRecord.from(incident)).isEqualTo(record);
    assertThat(IncidentRecord.from(incident, T0.plusSeconds(60)).resolvedAt()).contains(T0.plusSeconds(60));
  }

  @Test
  void detectedIncident_openPast72Hours_failsArt33_resolvedInTime_passes() {
    List<Incident> found = detectSelfGrant();
    assertThat(found).extracting(Incident::kind).containsExactly(Incident.Kind.SELF_GRANT);

    ControlResult open = art33(found.stream().map(IncidentRecord::from).toList(), T0.plus(Duration.ofHours(80)));
    assertThat(open.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(open.reasons()).singleElement().asString().contains(
        "incident self-grant:principal:mallory@2026-03-03T10:00:00Z (self-grant, critical) has been open for 80"
            + " hours; the limit is 72");

    ControlResult resolved = art33(found.stream().map(i -> IncidentRecord.from(i, T0.plus(Duration.ofHours(20))))
        .toList(), T0.plus(Duration.ofHours(80)));
    assertThat(resolved.status()).isEqualTo(ComplianceStatus.PASS);
  }

  @Test
  void from_resolvedBeforeDetection_isRefusedNamingBothTimes() {
    Incident incident = new Incident(Incident.Kind.BRUTE_FORCE, Incident.Severity.HIGH, T0, "bob", "", "",
        "5 failures", Map.of());
    assertThatThrownBy(() -> IncidentRecord.from(incident, T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolvedAt 2026-03-03T09:59:59Z")
        .hasMessageContaining("detectedAt 2026-03-03T10:00:00Z");
  }
}
