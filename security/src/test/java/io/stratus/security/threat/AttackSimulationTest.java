package io.stratus.security.threat;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.AuthenticationException;
import io.stratus.security.authn.InMemoryApiKeyStore;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.Permission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays attacks through a host loop on a virtual clock: the host authenticates with the real {@link ApiKeys} and
 * {@link Lockout}, appends every event to a file audit log and feeds it to the {@link ThreatMonitor}; the detectors
 * fire, the responses apply, and the (verified) audit log shows both.
 */
class AttackSimulationTest {
  static final Instant T0 = Instant.parse("2026-03-09T07:00:00Z");
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeys apiKeys = ApiKeys.create(store, clock::get);
  private final Lockout lockout = new Lockout();
  private final RecordingChannel pager = new RecordingChannel("pager", false);

  private ThreatMonitor monitor(AuditLog audit) {
    return ThreatMonitor.builder()
        .detector(BruteForceDetector.create(5, 3, Duration.ofMinutes(5)))
        .detector(ApiKeyMisuseDetector.builder().learningPeriod(Duration.ofHours(1)).geoLocator(Geo.TABLE)
            .rateBaseline(Duration.ofMinutes(1), 60, 20).build())
        .detector(ImpossibleTravelDetector.create(Geo.TABLE))
        .detector(AttackPatternDetector.create(AttackRule.defaults(), Optional.of(store)))
        .lockout(lockout).audit(audit).apiKeys(apiKeys, store).notificationChannel(pager).build();
  }

  /** The host's password check: a locked principal or blocked source is refused before the password is looked at. */
  private AuditEvent passwordLogin(Instant at, String principal, String source, boolean rightPassword) {
    boolean refused = lockout.isPrincipalLocked(principal) || lockout.isSourceBlocked(source);
    AuditEvent.Outcome outcome = refused ? AuditEvent.Outcome.DENIED
        : rightPassword ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE;
    return SecurityEvents.authentication(at, principal, "password", source, outcome);
  }

  /** The host's API: authenticate the key, then log the request with the key's id. */
  private AuditEvent apiRequest(Instant at, String token, String source, String permission) {
    clock.set(at);
    String id = token.substring(5, 21);
    AuditEvent.Outcome outcome;
    String owner;
    try {
      ApiKeyRecord r = apiKeys.authenticate(token);
      owner = r.principalId();
      outcome = lockout.isSourceBlocked(source) ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.SUCCESS;
    } catch (AuthenticationException e) {
      owner = store.find(id).map(ApiKeyRecord::principalId).orElse("unknown");
      outcome = AuditEvent.Outcome.DENIED;
    }
    return SecurityEvents.apiKeyRequest(at, id, owner, source, Permission.parse(permission), outcome);
  }

  private static List<Incident> feed(AuditLog audit, ThreatMonitor monitor, AuditEvent event) {
    audit.append(event);
    return monitor.observe(event);
  }

  @Test
  void bruteForceReplay_locksThePrincipal_laterAttemptsAreRefused_auditShowsIt() throws Exception {
    Path file = dir.resolve("audit.log");
    List<Incident> found = new ArrayList<>();
    try (AuditLog audit = AuditLog.openFile(file, KEY, 50)) {
      ThreatMonitor monitor = monitor(audit);
      feed(audit, monitor, passwordLogin(T0, "alice", "10.0.0.7", true));
      // A dictionary attack from a botnet: one guess every 10 seconds from rotating addresses.
      for (int i = 0; i < 12; i++) {
        found.addAll(feed(audit, monitor, passwordLogin(T0.plusSeconds(60 + 10L * i), "alice",
            "198.51.100." + (10 + i), false)));
      }
      // The real alice, and an attacker who finally guessed right, are both refused now.
      AuditEvent late = passwordLogin(T0.plusSeconds(300), "alice", "198.51.100.99", true);
      assertThat(late.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
      feed(audit, monitor, late);
      assertThat(audit.verify().intact()).isTrue();
      StringBuilder json = new StringBuilder();
      audit.exportJsonLines(json);
      assertThat(json.toString()).contains("\"action\":\"threat.incident\"")
          .contains("\"action\":\"threat.response.lock-principal\"").contains("\"before\":\"unlocked\"")
          .contains("\"after\":\"locked\"");
    }
    assertThat(found).extracting(Incident::kind).containsExactly(Incident.Kind.BRUTE_FORCE);
    assertThat(lockout.isPrincipalLocked("alice")).isTrue();
    assertThat(pager.sent).extracting(n -> n.labels().get("kind")).containsExactly("BRUTE_FORCE");
  }

  @Test
  void keyTheftReplay_newCountryAndUnusualRate_revokeTheKey_blockTheThief_andAlert() throws Exception {
    IssuedApiKey key = apiKeys.issue("billing-svc", Set.of(Permission.parse("cost:read"),
        Permission.parse("workload:place")), Duration.ofDays(90));
    String id = key.record().id();
    Path file = dir.resolve("audit.log");
    List<Incident> found = new ArrayList<>();
    Instant theft = T0.plus(Duration.ofMinutes(125));
    try (AuditLog audit = AuditLog.openFile(file, KEY, 100)) {
      ThreatMonitor monitor = monitor(audit);
      // Two hours of the service's own traffic from its data centre in Germany: 2 to 6 requests a minute.
      for (int m = 0; m < 120; m++) {
        int n = 2 + (m * 3) % 5;
        for (int r = 0; r < n; r++) {
          found.addAll(feed(audit, monitor, apiRequest(T0.plusSeconds(60L * m + 9L * r), key.token(),
              "10.0.3." + (1 + r), r % 2 == 0 ? "cost:read" : "workload:place")));
        }
      }
      assertThat(found).as("ordinary traffic raises nothing").isEmpty();
      // The leaked key, replayed from Brazil as fast as the thief can: 240 requests in one minute.
      for (int r = 0; r < 240; r++) {
        found.addAll(feed(audit, monitor, apiRequest(theft.plusMillis(250L * r), key.token(), "203.0.113.66",
            "cost:read")));
      }
      found.addAll(monitor.tick(theft.plusSeconds(60)));
      assertThat(audit.verify().intact()).isTrue();
      StringBuilder json = new StringBuilder();
      audit.exportJsonLines(json);
      assertThat(json.toString()).contains("\"action\":\"threat.response.revoke-api-key\",\"resource\":\"apikey:" + id)
          .contains("\"action\":\"threat.response.block-source\",\"resource\":\"source:203.0.113.66\"");
    }
    assertThat(found).extracting(Incident::kind).containsExactly(Incident.Kind.API_KEY_NEW_LOCATION,
        Incident.Kind.REVOKED_KEY_USE, Incident.Kind.API_KEY_UNUSUAL_RATE);
    assertThat(found.get(0).evidence()).containsEntry("location", "country:BR");
    assertThat(found.get(2).evidence()).containsEntry("requests", "240");
    assertThat(store.find(id).orElseThrow().revokedAt()).contains(theft);
    assertThat(lockout.isSourceBlocked("203.0.113.66")).isTrue();
    assertThat(pager.sent).extracting(n -> n.labels().get("kind")).containsExactly("API_KEY_NEW_LOCATION",
        "REVOKED_KEY_USE");
    // The owner's own traffic is refused too now: the key is revoked, the service needs a new one.
    clock.set(theft.plusSeconds(120));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> apiKeys.authenticate(key.token()))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.REVOKED));
  }
}
