package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditLogException;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authz.Permission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security stores' contracts (the testkit does not reach the security module), run against the embedded
 * defaults (in-memory API keys, the file audit log) and the JDBC stores on H2 and PostgreSQL.
 */
class SecurityStoresContractTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00.000000789Z");
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** The {@link ApiKeyStore} contract. */
  abstract static class ApiKeyContract {
    abstract ApiKeyStore store();

    static ApiKeyRecord key(String id, String principal) {
      return ApiKeyRecord.of(id, principal, "ab".repeat(32),
          Set.of(Permission.parse("costs:read"), Permission.parse("jobs:submit:batch-1")), T0, T0.plusSeconds(86400),
          null, null);
    }

    @Test
    void save_thenFind_returnsTheRecord() {
      ApiKeyStore s = store();
      ApiKeyRecord a = key("0123456789abcdef", "alice");
      s.save(a);
      assertThat(s.find(a.id())).contains(a);
      assertThat(s.find("fedcba9876543210")).isEmpty();
      assertThat(s.id()).isNotBlank();
    }

    @Test
    void findByPrincipal_returnsOnlyThatPrincipalsKeys() {
      ApiKeyStore s = store();
      ApiKeyRecord a = key("0123456789abcdef", "alice");
      ApiKeyRecord b = key("1123456789abcdef", "alice");
      ApiKeyRecord c = key("2123456789abcdef", "bob");
      s.save(a);
      s.save(b);
      s.save(c);
      assertThat(s.findByPrincipal("alice")).containsExactlyInAnyOrder(a, b);
      assertThat(s.findByPrincipal("carol")).isEmpty();
    }

    @Test
    void save_sameId_replacesTheRecord() {
      ApiKeyStore s = store();
      ApiKeyRecord a = key("0123456789abcdef", "alice");
      s.save(a);
      ApiKeyRecord used = ApiKeyRecord.of(a.id(), a.principalId(), a.secretHash(), a.permissions(), a.createdAt(),
          a.expiresAt(), null, T0.plusSeconds(5));
      s.save(used);
      ApiKeyRecord revoked = ApiKeyRecord.of(a.id(), a.principalId(), a.secretHash(), a.permissions(),
          a.createdAt(), a.expiresAt(), T0.plusSeconds(9), T0.plusSeconds(5));
      s.save(revoked);
      assertThat(s.find(a.id())).contains(revoked);
    }
  }

  /** The {@link AuditLog} contract. */
  abstract static class AuditContract {
    abstract AuditLog open(int checkpointEvery);

    /** Alters the stored content of entry {@code seq} (tampering behind the log's back). */
    abstract void tamper(long seq);

    static AuditEvent event(int i) {
      AuditEvent.Builder b = AuditEvent.builder().at(T0.plusSeconds(i)).actor("user-" + (i % 3))
          .action("budget.update").resource("budget/" + i).origin("10.0.0." + i)
          .outcome(i % 4 == 0 ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.SUCCESS);
      if (i % 2 == 0) {
        b.change("{\"amount\":" + i + "}", "{\"amount\":" + (i + 1) + "}");
      }
      return b.build();
    }

    @Test
    void append_chainsEntriesAndVerifies() {
      try (AuditLog log = open(4)) {
        AuditEntry first = log.append(event(1));
        AuditEntry second = log.append(event(2));
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(second.previousHash()).isEqualTo(first.hash());
        for (int i = 3; i <= 10; i++) {
          log.append(event(i));
        }
        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.entriesVerified()).isEqualTo(10);
        StringBuilder out = new StringBuilder();
        assertThat(log.exportJsonLines(out)).isEqualTo(10);
        assertThat(out.toString().split("\n")).hasSize(10);
        assertThat(out.toString()).contains("\"seq\":1,", "\"hash\":\"" + second.hash() + "\"");
      }
    }

    @Test
    void tampering_isDetected() {
      try (AuditLog log = open(4)) {
        for (int i = 1; i <= 6; i++) {
          log.append(event(i));
        }
      }
      tamper(3);
      try (AuditLog log = reopenUnchecked()) {
        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.entriesVerified()).isEqualTo(2);
      }
      assertThatThrownBy(() -> open(4)).isInstanceOf(AuditLogException.class);
    }

    /** The log opened without the verification that {@link #open} performs. */
    abstract AuditLog reopenUnchecked();

    @Test
    void concurrentAppends_formOneChain() throws Exception {
      try (AuditLog log = open(5)) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<AuditEntry>> fs = new ArrayList<>();
          for (int i = 1; i <= 40; i++) {
            int n = i;
            fs.add(pool.submit(() -> log.append(event(n))));
          }
          long[] seqs = new long[40];
          for (int i = 0; i < 40; i++) {
            seqs[i] = fs.get(i).get(60, TimeUnit.SECONDS).sequence();
          }
          Arrays.sort(seqs);
          for (int i = 0; i < 40; i++) {
            assertThat(seqs[i]).isEqualTo(i + 1);
          }
        } finally {
          pool.shutdownNow();
        }
        assertThat(log.verify().intact()).isTrue();
      }
    }
  }

  @Nested
  class InMemoryApiKeys extends ApiKeyContract {
    @Override
    ApiKeyStore store() {
      return ApiKeyStore.inMemory();
    }
  }

  @Nested
  class H2ApiKeys extends ApiKeyContract {
    @Override
    ApiKeyStore store() {
      return JdbcStores.open(Databases.h2()).apiKeyStore();
    }
  }

  @Nested
  class PostgresApiKeys extends ApiKeyContract {
    @Override
    ApiKeyStore store() {
      return JdbcStores.open(Databases.postgres()).apiKeyStore();
    }

    @Test
    void save_ofAStaleCopy_neverUndoesARevocation() {
      ApiKeyStore s = store();
      ApiKeyRecord a = key("0123456789abcdef", "alice");
      s.save(a);
      ApiKeyRecord revokedByHostA = ApiKeyRecord.of(a.id(), a.principalId(), a.secretHash(), a.permissions(),
          a.createdAt(), a.expiresAt(), T0.plusSeconds(60), null);
      ApiKeyRecord usedByHostB = ApiKeyRecord.of(a.id(), a.principalId(), a.secretHash(), a.permissions(),
          a.createdAt(), a.expiresAt(), null, T0.plusSeconds(70));
      s.save(revokedByHostA);
      s.save(usedByHostB); // host B read the key before the revocation
      ApiKeyRecord stored = s.find(a.id()).orElseThrow();
      assertThat(stored.revokedAt()).contains(T0.plusSeconds(60));
      assertThat(stored.lastUsedAt()).contains(T0.plusSeconds(70));
    }
  }

  @Nested
  class FileAudit extends AuditContract {
    @TempDir
    Path dir;

    @Override
    AuditLog open(int checkpointEvery) {
      return AuditLog.openFile(dir.resolve("audit.log"), KEY, checkpointEvery);
    }

    @Override
    AuditLog reopenUnchecked() {
      return new AuditLog() {
        @Override
        public AuditEntry append(AuditEvent event) {
          throw new UnsupportedOperationException("verification only");
        }

        @Override
        public AuditVerification verify() {
          return AuditLog.verifyFile(dir.resolve("audit.log"), KEY, 4);
        }

        @Override
        public long exportJsonLines(Appendable out) {
          return 0;
        }

        @Override
        public void close() {
          // nothing held
        }
      };
    }

    @Override
    void tamper(long seq) {
      try {
        Path f = dir.resolve("audit.log");
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"resource\":\"budget/" + seq + "\"", "\"resource\":\"budget/X\""));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  abstract static class JdbcAudit extends AuditContract {
    DataSource ds;

    abstract DataSource newDatabase();

    @Override
    AuditLog open(int checkpointEvery) {
      if (ds == null) {
        ds = newDatabase();
      }
      return JdbcStores.open(ds).auditLog(KEY, checkpointEvery);
    }

    @Override
    AuditLog reopenUnchecked() {
      return new JdbcAuditLog(new Db(ds, dialect()), KEY, 4);
    }

    abstract Dialect dialect();

    @Override
    void tamper(long seq) {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE stratus_audit_log SET line = REPLACE(line, 'budget/" + seq + "', 'budget/X')"
            + " WHERE seq = " + seq);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Nested
  class H2Audit extends JdbcAudit {
    @Override
    DataSource newDatabase() {
      return Databases.h2();
    }

    @Override
    Dialect dialect() {
      return Dialect.H2;
    }
  }

  @Nested
  class PostgresAudit extends JdbcAudit {
    @Override
    DataSource newDatabase() {
      return Databases.postgres();
    }

    @Override
    Dialect dialect() {
      return Dialect.POSTGRESQL;
    }

    @Test
    void twoHostsAppending_neverForkTheChain() throws Exception {
      open(5).close();
      // two JdbcStores over the same database stand for two hosts
      AuditLog hostA = JdbcStores.open(ds).auditLog(KEY, 5);
      AuditLog hostB = JdbcStores.open(ds).auditLog(KEY, 5);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<AuditEntry>> fs = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
          int n = i;
          fs.add(pool.submit(() -> (n % 2 == 0 ? hostA : hostB).append(event(n))));
        }
        for (Future<AuditEntry> f : fs) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      AuditVerification v = hostA.verify();
      assertThat(v.intact()).as(v.toString()).isTrue();
      assertThat(v.entriesVerified()).isEqualTo(60);
    }
  }
}
