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
import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Guards SDK operations with {@code stratus-security}: a team's roles with a deny rule, a service account's scoped
 * API key, the access guard refusing an operation, each decision appended to a hash-chained audit log that then
 * verifies, and a budget encrypted under a rotated key. Run it with {@code ./mvnw -B -q -pl samples -am compile
 * exec:java -Dexec.mainClass=io.stratus.samples.SecuritySample}. Not thread-safe (a program, not a library type).
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
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Result(boolean readAllowed, String approveDenied, AuditVerification audit, String decrypted) {}

  /**
   * Runs the sample in a directory (the audit log and key store go there) and prints what happens.
   *
   * @param dir a writable directory; never null
   * @param out where to print; never null
   * @return what it found; never null
   */
  public static Result run(Path dir, PrintStream out) {
    Instant now = Instant.parse("2026-06-01T09:00:00Z");
    InstantSource clock = InstantSource.fixed(now);
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("cost-viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("finops-bot", Set.of("cost-viewer"), "budget:*", "!spend:approve"));
    Scope team = Scope.parse("acme/platform");
    policy.bind("billing-bot", "finops-bot", team);

    ApiKeys keys = ApiKeys.create(ApiKeyStore.inMemory(), clock);
    IssuedApiKey key = keys.issue("billing-bot", Set.of(SdkPermissions.READ_COST_DATA), Duration.ofDays(30));
    ApiKeyRecord caller = keys.authenticate(key.token());
    Principal bot = Principal.serviceAccount(caller.principalId());
    out.println("authenticated key " + caller.id() + " of " + caller.principalId());

    AccessGuard guard = AccessGuard.of(policy);
    byte[] auditKey = "sample audit checkpoint key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    boolean readAllowed;
    String denied;
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), auditKey, 2)) {
      Decision read = guard.require(bot, SdkPermissions.READ_COST_DATA, team);
      readAllowed = read.allowed() && caller.permits(SdkPermissions.READ_COST_DATA);
      out.println(read.reason());
      audit.append(AuditEvent.builder().at(now).actor(bot.id()).action("cost.read").resource("cost:" + team)
          .origin("10.1.2.3").outcome(AuditEvent.Outcome.SUCCESS).build());
      try {
        guard.require(bot, SdkPermissions.APPROVE_SPEND, team);
        denied = "";
      } catch (AccessDeniedException e) {
        denied = e.getMessage();
        out.println(denied);
        audit.append(AuditEvent.builder().at(now).actor(bot.id()).action("spend.approve").resource("spend:" + team)
            .origin("10.1.2.3").outcome(AuditEvent.Outcome.DENIED).build());
      }
    }
    AuditVerification verification = AuditLog.verifyFile(dir.resolve("audit.jsonl"), auditKey, 2);
    out.println("audit log: " + verification);

    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
        "sample passphrase, not for production".toCharArray());
    EnvelopeCipher cipher = EnvelopeCipher.of(kms);
    byte[] context = "budget/acme/platform".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = cipher.encrypt("12000 EUR per month".getBytes(StandardCharsets.UTF_8), context);
    kms.rotate();
    String decrypted = new String(cipher.decrypt(sealed, context), StandardCharsets.UTF_8);
    out.println("decrypted under " + EnvelopeCipher.keyIdOf(sealed) + " after rotation to " + kms.currentKeyId()
        + ": " + decrypted);
    return new Result(readAllowed, denied, verification, decrypted);
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
