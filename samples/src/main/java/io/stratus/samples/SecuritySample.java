package io.stratus.samples;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.AccessDeniedException;
import io.stratus.security.authz.AccessGuard;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Decision;
import io.stratus.security.authz.Principal;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.security.authz.SdkPermissions;
import io.stratus.security.compliance.ComplianceAssessor;
import io.stratus.security.compliance.ComplianceReport;
import io.stratus.security.compliance.ControlCatalog;
import io.stratus.security.compliance.ControlResult;
import io.stratus.security.compliance.EncryptionCoverage;
import io.stratus.security.compliance.EvidenceSources;
import io.stratus.security.compliance.Framework;
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.KeyRotationScheduler;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.security.crypto.RotationProgress;
import io.stratus.security.crypto.RotationProgressStore;
import io.stratus.security.spi.EnvelopeStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Guards SDK operations with {@code stratus-security}: a team's roles with a deny rule, a service account's scoped
 * API key, the access guard refusing an operation, each decision appended to a hash-chained audit log that then
 * verifies, budgets encrypted under a key that the {@link KeyRotationScheduler} rotates at its maximum age
 * (re-encrypting the stored budgets), and a SOC 2 compliance report from that evidence. Run it with
 * {@code ./mvnw -B -q -pl samples -am compile exec:java -Dexec.mainClass=io.stratus.samples.SecuritySample}. Not
 * thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SecuritySample {
  private SecuritySample() {}

  /**
   * What the sample found.
   *
   * @param readAllowed whether the service account may read team cost data
   * @param approveDenied the reason approving spend was refused; never null
   * @param audit the audit log's verification; never null
   * @param decrypted the budget decrypted after a key rotation; never null
   * @param rotation the re-encryption pass after the scheduled rotation; never null
   * @param soc2 the SOC 2 compliance report; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(boolean readAllowed, String approveDenied, AuditVerification audit, String decrypted,
      RotationProgress rotation, ComplianceReport soc2) {}

  /**
   * Runs the sample in a directory (the audit log and key store go there) and prints what happens.
   *
   * @param dir a writable directory; never null
   * @param out where to print; never null
   * @return what it found; never null
   */
  public static Result run(Path dir, PrintStream out) {
    Instant start = Instant.parse("2026-06-01T09:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(start);
    InstantSource clock = now::get;
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("cost-viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("finops-bot", Set.of("cost-viewer"), "budget:*", "!spend:approve"));
    Scope team = Scope.parse("acme/platform");
    policy.bind("billing-bot", "finops-bot", team);

    ApiKeyStore keyStore = ApiKeyStore.inMemory();
    ApiKeys keys = ApiKeys.create(keyStore, clock);
    IssuedApiKey key = keys.issue("billing-bot", Set.of(SdkPermissions.READ_COST_DATA), Duration.ofDays(365));
    ApiKeyRecord caller = keys.authenticate(key.token());
    Principal bot = Principal.serviceAccount(caller.principalId());
    out.println("authenticated key " + caller.id() + " of " + caller.principalId());

    AccessGuard guard = AccessGuard.of(policy);
    byte[] auditKey = "sample audit checkpoint key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), auditKey, 2)) {
      Decision read = guard.require(bot, SdkPermissions.READ_COST_DATA, team);
      boolean readAllowed = read.allowed() && caller.permits(SdkPermissions.READ_COST_DATA);
      out.println(read.reason());
      audit.append(AuditEvent.builder().at(now.get()).actor(bot.id()).action("cost.read").resource("cost:" + team)
          .origin("10.1.2.3").outcome(AuditEvent.Outcome.SUCCESS).build());
      String denied = "";
      try {
        guard.require(bot, SdkPermissions.APPROVE_SPEND, team);
      } catch (AccessDeniedException e) {
        denied = e.getMessage();
        out.println(denied);
        audit.append(AuditEvent.builder().at(now.get()).actor(bot.id()).action("spend.approve")
            .resource("spend:" + team).origin("10.1.2.3").outcome(AuditEvent.Outcome.DENIED).build());
      }

      // budgets encrypted under the key store's first key; the host keeps them in its own storage
      LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
          "sample passphrase, not for production".toCharArray(), clock);
      EnvelopeCipher cipher = EnvelopeCipher.of(kms);
      Budgets budgets = new Budgets();
      for (String t : List.of("data", "platform", "web")) {
        byte[] context = ("budget/acme/" + t).getBytes(StandardCharsets.UTF_8);
        budgets.put("acme/" + t, cipher.encrypt(("12000 EUR per month for " + t).getBytes(StandardCharsets.UTF_8),
            context), context);
      }

      // 91 days later the scheduler (run by the host's executor, or by hand as here) rotates and re-encrypts
      now.set(start.plus(Duration.ofDays(91)));
      RotationProgressStore checkpoints = RotationProgressStore.file(dir.resolve("rotation.properties"));
      KeyRotationScheduler rotation = KeyRotationScheduler.builder(kms, budgets, audit, clock)
          .maxKeyAge(Duration.ofDays(90)).checkpoints(checkpoints).build();
      RotationProgress progress = rotation.runDue();
      out.println("rotated to " + kms.currentKeyId() + "; " + progress.summary());
      byte[] platform = budgets.envelope("acme/platform");
      String decrypted = new String(cipher.decrypt(platform, "budget/acme/platform".getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
      out.println("decrypted under " + EnvelopeCipher.keyIdOf(platform) + ": " + decrypted);

      // the bot keeps using its key (an API key unused for 90 days would fail the access review)
      keys.authenticate(key.token());
      // the evidence above, assessed against SOC 2
      ComplianceReport soc2 = ComplianceAssessor.of(ControlCatalog.standard(), List.of(
          EvidenceSources.accessReview(policy, keyStore, Duration.ofDays(90), 1),
          EvidenceSources.keyRotation(kms, Duration.ofDays(90), checkpoints),
          EvidenceSources.auditIntegrity(audit),
          EvidenceSources.encryptionCoverage(() -> List.of(EncryptionCoverage.scan("budgets", budgets,
              budgets.count())))), clock).assess(Framework.SOC2);
      out.println(soc2.framework().title() + " as of " + soc2.asOf() + ": " + soc2.counts());
      for (ControlResult c : soc2.controls()) {
        out.println("  " + c.control().id() + " " + c.status().name().toLowerCase(Locale.ROOT)
            + (c.reasons().isEmpty() ? "" : " - " + c.reasons().get(0)));
      }
      AuditVerification verification = audit.verify();
      out.println("audit log: " + verification);
      return new Result(readAllowed, denied, verification, decrypted, progress, soc2);
    }
  }

  /** The host's budget storage: envelopes in memory, replaced with a compare-and-set. Thread-safe. */
  private static final class Budgets implements EnvelopeStore {
    private final TreeMap<String, byte[][]> rows = new TreeMap<>();

    synchronized void put(String id, byte[] envelope, byte[] context) {
      rows.put(id, new byte[][] {envelope, context});
    }

    synchronized byte[] envelope(String id) {
      return rows.get(id)[0].clone();
    }

    @Override
    public String id() {
      return "budgets";
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
      byte[][] row = rows.get(recordId);
      if (row == null || !Arrays.equals(row[0], expected)) {
        return false;
      }
      row[0] = replacement.clone();
      return true;
    }
  }

  /**
   * Runs the sample in a temporary directory.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("stratus-security-sample"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
