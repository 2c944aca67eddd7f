package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.AccessDeniedException;
import io.stratus.security.authz.AccessGuard;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Principal;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.security.authz.SdkPermissions;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.compliance.ComplianceAssessor;
import io.stratus.security.compliance.ComplianceReport;
import io.stratus.security.compliance.ComplianceStatus;
import io.stratus.security.compliance.ControlCatalog;
import io.stratus.security.compliance.EncryptionCoverage;
import io.stratus.security.compliance.EvidenceSources;
import io.stratus.security.compliance.Framework;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.KeyRotationScheduler;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.security.crypto.RotationProgress;
import io.stratus.security.crypto.RotationProgressStore;
import io.stratus.security.spi.EnvelopeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/tutorials/security.md, run. */
class SecurityTutorialTest {
  @TempDir Path dir;

  @Test
  void rolesKeysAndTheGuard() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-06-01T09:00:00Z"));
    // tag::policy[]
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("cost-viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("finops-bot", Set.of("cost-viewer"), "budget:*", "!spend:approve"));
    Scope platform = Scope.parse("acme/platform");
    policy.bind("billing-bot", "finops-bot", platform);
    AccessGuard guard = AccessGuard.of(policy);
    // end::policy[]

    // tag::keys[]
    ApiKeys keys = ApiKeys.create(ApiKeyStore.inMemory(), clock);
    IssuedApiKey issued = keys.issue("billing-bot", Set.of(SdkPermissions.READ_COST_DATA), Duration.ofDays(30));
    String token = issued.token();            // show once; only its SHA-256 hash is stored
    ApiKeyRecord caller = keys.authenticate(token);
    Principal bot = Principal.serviceAccount(caller.principalId());
    boolean mayRead = caller.permits(SdkPermissions.READ_COST_DATA)
        && guard.require(bot, SdkPermissions.READ_COST_DATA, platform).allowed();
    // end::keys[]
    assertThat(mayRead).isTrue();
    assertThatThrownBy(() -> guard.require(bot, SdkPermissions.APPROVE_SPEND, platform))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void rotationAndCompliance() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    Rows rows = new Rows();
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("cost-viewer", Set.of(), "cost:read"));
    policy.bind("carol", "cost-viewer", Scope.parse("acme/platform"));
    byte[] checkpointKey = "tutorial audit checkpoint key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), checkpointKey, 100)) {
      LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
          "tutorial passphrase".toCharArray(), clock);
      EnvelopeCipher cipher = EnvelopeCipher.of(keys);
      byte[] aad = "invoice/42".getBytes(StandardCharsets.UTF_8);
      rows.put("invoice-42", cipher.encrypt("IBAN DE89 3704 0044 0532 0130 00".getBytes(StandardCharsets.UTF_8),
          aad), aad);
      now.set(now.get().plus(Duration.ofDays(100)));
      ScheduledExecutorService hostExecutor = new ScheduledThreadPoolExecutor(1);
      // tag::rotation[]
      RotationProgressStore checkpoints = RotationProgressStore.file(dir.resolve("rotation.properties"));
      KeyRotationScheduler rotation = KeyRotationScheduler.builder(keys, rows, audit, clock)
          .maxKeyAge(Duration.ofDays(90))      // rotate the key-encryption key when it is 90 days old
          .batchSize(500)                      // checkpoint after every 500 records
          .checkpoints(checkpoints)            // resume after a restart where the last run stopped
          .build();
      ScheduledFuture<?> task = rotation.schedule(hostExecutor, Duration.ofHours(1)); // on the host's executor
      RotationProgress progress = rotation.runDue();                                    // or run it by hand
      // end::rotation[]
      task.cancel(false);
      hostExecutor.shutdownNow();
      assertThat(progress.complete()).isTrue();
      assertThat(EnvelopeCipher.keyIdOf(rows.rows.get("invoice-42")[0])).isEqualTo("local-2");

      // tag::compliance[]
      ComplianceAssessor assessor = ComplianceAssessor.of(ControlCatalog.standard(), List.of(
          EvidenceSources.accessReview(policy, ApiKeyStore.inMemory(), Duration.ofDays(90), 2),
          EvidenceSources.keyRotation(keys, Duration.ofDays(90), checkpoints),
          EvidenceSources.auditIntegrity(audit),
          EvidenceSources.encryptionCoverage(() -> List.of(EncryptionCoverage.scan("invoices", rows, 1)))),
          clock);
      ComplianceReport hipaa = assessor.assess(Framework.HIPAA);
      List<String> lines = hipaa.controls().stream().map(c -> c.control().id() + " " + c.status() + " " + c.reasons())
          .toList();  // e.g. "164.312(b) PASS []", "164.312(d) MANUAL [Stratus has no evidence ...]"
      // end::compliance[]
      assertThat(hipaa.counts()).containsEntry(ComplianceStatus.FAIL, 0);
      assertThat(lines).contains("164.312(b) PASS []");
      assertThat(hipaa.controls()).filteredOn(c -> c.control().id().equals("164.312(a)(2)(iv)")).singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(ComplianceStatus.PASS));
    }
  }

  /** The host's rows, as the re-encryption sees them. */
  static final class Rows implements EnvelopeStore {
    final TreeMap<String, byte[][]> rows = new TreeMap<>();

    synchronized void put(String id, byte[] envelope, byte[] aad) {
      rows.put(id, new byte[][] {envelope, aad});
    }

    @Override
    public String id() {
      return "invoices";
    }

    @Override
    public synchronized long count() {
      return rows.size();
    }

    @Override
    public synchronized List<StoredEnvelope> page(String afterRecordId, int limit) {
      return rows.tailMap(afterRecordId, false).entrySet().stream().limit(limit)
          .map(e -> new StoredEnvelope(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    @Override
    public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
      byte[][] r = rows.get(recordId);
      if (r == null || !Arrays.equals(r[0], expected)) {
        return false;
      }
      r[0] = replacement;
      return true;
    }
  }
}
