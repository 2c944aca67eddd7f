package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.InMemoryApiKeyStore;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.Permission;
import io.stratus.security.testing.RecordingAuditLog;
import io.stratus.security.threat.ResponsePlaybook.Action;
import io.stratus.security.threat.ThreatMonitor.Response;
import io.stratus.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreatMonitorTest {
  static final Instant T0 = Instant.parse("2026-03-06T09:00:00Z");

  private final RecordingAuditLog audit = new RecordingAuditLog();
  private final Lockout lockout = new Lockout();
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeys keys = ApiKeys.create(store, () -> T0);
  private final RecordingChannel pager = new RecordingChannel("pager", false);
  private final List<AuditEvent> seen = new ArrayList<>();
  private final ThreatDetector recorder = event -> {
    seen.add(event);
    return List.of();
  };

  private ThreatMonitor.Builder monitor() {
    return ThreatMonitor.builder().detector(recorder).lockout(lockout).audit(audit).apiKeys(keys, store)
        .notificationChannel(pager);
  }

  static Incident incident(Incident.Kind kind, Incident.Severity severity, String principal, String key,
      String source) {
    return new Incident(kind, severity, T0, principal, key, source, "test incident", Map.of("n", "1"));
  }

  @Test
  void everyActionIsAuditedWithBeforeAndAfter_andApplyingTwiceChangesNothing() {
    IssuedApiKey k = keys.issue("svc", Set.of(Permission.parse("cost:read")), Duration.ofDays(1));
    String id = k.record().id();
    ThreatMonitor m = monitor().playbook(ResponsePlaybook.builder().onAny(Incident.Severity.HIGH,
        Action.REVOKE_API_KEY, Action.LOCK_PRINCIPAL, Action.BLOCK_SOURCE, Action.REQUIRE_MFA, Action.ALERT).build())
        .build();
    Incident i = incident(Incident.Kind.API_KEY_NEW_LOCATION, Incident.Severity.HIGH, "svc", id, "203.0.113.5");

    List<Response> first = m.respond(i);
    assertThat(first).extracting(Response::action, Response::before).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Action.REVOKE_API_KEY, "active"),
        org.assertj.core.groups.Tuple.tuple(Action.LOCK_PRINCIPAL, "unlocked"),
        org.assertj.core.groups.Tuple.tuple(Action.BLOCK_SOURCE, "open"),
        org.assertj.core.groups.Tuple.tuple(Action.REQUIRE_MFA, "mfa-as-configured"),
        org.assertj.core.groups.Tuple.tuple(Action.ALERT, "not sent threat:API_KEY_NEW_LOCATION:apikey:" + id + ":"
            + T0));
    assertThat(store.find(id).orElseThrow().revokedAt()).contains(T0);
    assertThat(lockout.isPrincipalLocked("svc")).isTrue();
    assertThat(lockout.isSourceBlocked("203.0.113.5")).isTrue();
    assertThat(lockout.isMfaStepUpRequired("svc")).isTrue();
    assertThat(pager.sent).singleElement().satisfies(n -> {
      assertThat(n.severity()).isEqualTo(Notification.Severity.CRITICAL);
      assertThat(n.labels()).containsEntry("apiKey", id).containsEntry("kind", "API_KEY_NEW_LOCATION");
    });
    assertThat(audit.events).extracting(AuditEvent::action).containsExactly("threat.response.revoke-api-key",
        "threat.response.lock-principal", "threat.response.block-source", "threat.response.require-mfa",
        "threat.response.alert");
    assertThat(audit.events.get(0).before()).contains("active");
    assertThat(audit.events.get(0).after()).contains("revoked at " + T0);

    List<Response> second = m.respond(i);
    assertThat(second).allSatisfy(r -> assertThat(r.before()).isEqualTo(r.after()));
    assertThat(pager.sent).hasSize(1);
    assertThat(audit.events).hasSize(10);
  }

  @Test
  void actionsWithoutATarget_areNotApplicable() {
    ThreatMonitor m = monitor().build();
    List<Response> r = m.respond(incident(Incident.Kind.CREDENTIAL_STUFFING, Incident.Severity.HIGH, "", "",
        "198.51.100.9"));
    assertThat(r).extracting(Response::action).containsExactly(Action.BLOCK_SOURCE, Action.ALERT);
  }

  @Test
  void aFailingChannel_isAuditedAsFailure_andTheOtherActionsStillApply() {
    RecordingChannel broken = new RecordingChannel("broken", true);
    ThreatMonitor m = monitor().notificationChannel(broken).build();
    List<Response> r = m.respond(incident(Incident.Kind.BRUTE_FORCE, Incident.Severity.HIGH, "alice", "", ""));
    assertThat(r).extracting(Response::action, Response::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Action.LOCK_PRINCIPAL, AuditEvent.Outcome.SUCCESS),
        org.assertj.core.groups.Tuple.tuple(Action.ALERT, AuditEvent.Outcome.SUCCESS),
        org.assertj.core.groups.Tuple.tuple(Action.ALERT, AuditEvent.Outcome.FAILURE));
    assertThat(r.get(2).after()).contains("pager unreachable");
    assertThat(lockout.isPrincipalLocked("alice")).isTrue();
    assertThat(m.respond(incident(Incident.Kind.BRUTE_FORCE, Incident.Severity.HIGH, "alice", "", "")))
        .extracting(Response::outcome).containsExactly(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.SUCCESS,
            AuditEvent.Outcome.FAILURE);
  }

  @Test
  void observe_auditsIncidentsThenResponds_ignoresItsOwnEntries_andRefusesMalformedEventsBeforeAnyDetector() {
    ThreatMonitor m = monitor().detector(BruteForceDetector.create(2, 2, Duration.ofMinutes(1))).build();
    m.observe(SecurityEvents.authentication(T0, "bob", "password", "", AuditEvent.Outcome.FAILURE));
    List<Incident> found = m.observe(SecurityEvents.authentication(T0.plusSeconds(1), "bob", "password", "",
        AuditEvent.Outcome.FAILURE));
    assertThat(found).extracting(Incident::kind).containsExactly(Incident.Kind.BRUTE_FORCE);
    assertThat(audit.actions()).containsExactly("threat.incident", "threat.response.lock-principal",
        "threat.response.alert");
    assertThat(audit.events.get(0).resource()).isEqualTo("principal:bob");
    assertThat(audit.events.get(0).after().orElseThrow()).startsWith("BRUTE_FORCE HIGH: 2 failed authentications");
    int before = seen.size();
    audit.events.forEach(m::observe);
    assertThat(seen).hasSize(before);
    AuditEvent bad = AuditEvent.builder().at(T0).actor("x").action("authz.check").resource("not a permission")
        .outcome(AuditEvent.Outcome.DENIED).build();
    assertThatThrownBy(() -> m.observe(bad)).isInstanceOf(MalformedEventException.class);
    assertThat(seen).hasSize(before);
  }

  @Test
  void tick_flushesTimeBasedDetectors() {
    ApiKeyMisuseDetector d = ApiKeyMisuseDetector.builder().rateBaseline(Duration.ofMinutes(1), 10, 3)
        .rateSensitivity(3, 5).learningPeriod(Duration.ZERO).build();
    ThreatMonitor m = monitor().detector(d).playbook(ResponsePlaybook.builder()
        .on(Incident.Kind.API_KEY_UNUSUAL_RATE, Incident.Severity.MEDIUM, Action.ALERT).build()).build();
    String key = "00000000000000aa";
    for (int minute = 0; minute < 20; minute++) {
      m.observe(SecurityEvents.apiKeyRequest(T0.plusSeconds(minute * 60L), key, "svc", "10.0.0.1",
          Permission.parse("cost:read"), AuditEvent.Outcome.SUCCESS));
    }
    for (int r = 0; r < 50; r++) {
      m.observe(SecurityEvents.apiKeyRequest(T0.plusSeconds(20 * 60L + r), key, "svc", "10.0.0.1",
          Permission.parse("cost:read"), AuditEvent.Outcome.SUCCESS));
    }
    assertThat(m.tick(T0.plusSeconds(21 * 60L))).extracting(Incident::kind)
        .containsExactly(Incident.Kind.API_KEY_UNUSUAL_RATE);
    assertThat(pager.sent).singleElement().satisfies(n -> assertThat(n.severity())
        .isEqualTo(Notification.Severity.WARNING));
  }

  @Test
  void builder_namesWhatIsMissing() {
    assertThatThrownBy(() -> ThreatMonitor.builder().lockout(lockout).audit(audit).build())
        .hasMessageContaining("at least one detector");
    assertThatThrownBy(() -> ThreatMonitor.builder().detector(recorder).lockout(lockout).audit(audit)
        .notificationChannel(pager).build()).hasMessageContaining("set apiKeys(keys, store)");
    assertThatThrownBy(() -> ThreatMonitor.builder().detector(recorder).lockout(lockout).audit(audit)
        .apiKeys(keys, store).build()).hasMessageContaining("add a notificationChannel");
    assertThatThrownBy(() -> monitor().notificationChannel(new RecordingChannel("pager", false)).build())
        .hasMessageContaining("'pager' is used twice");
  }
}
