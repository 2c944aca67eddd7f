package io.stratus.security.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Permission;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.security.residency.Destination;
import io.stratus.security.residency.ResidencyPolicy;
import io.stratus.security.residency.ResidencyViolationException;
import io.stratus.security.spi.KeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider;
import io.stratus.security.tls.TlsSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceAssessorTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final byte[] AUDIT_KEY = "compliance test checkpoint key, 32 bytes+".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  final AtomicReference<Instant> now = new AtomicReference<>(T0);

  /** A provider reporting fixed versions; wrapping is not exercised here. */
  record Versions(List<RotatableKeyManagementProvider.KeyVersion> versions) implements RotatableKeyManagementProvider {
    @Override
    public String id() {
      return "fixed";
    }

    @Override
    public String currentKeyId() {
      return versions.get(versions.size() - 1).keyId();
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public String rotate() {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public List<KeyVersion> keyVersions() {
      return versions;
    }
  }

  private AccessPolicy policy(String... admins) {
    AccessPolicy p = AccessPolicy.create();
    p.addTenant("acme");
    p.defineRole(Role.of("viewer", Set.of(), "cost:read"));
    p.defineRole(Role.of("admin", Set.of("viewer"), "*:*"));
    p.bind("carol", "viewer", Scope.parse("acme/platform"));
    for (String a : admins) {
      p.bind(a, "admin", Scope.organization("acme"));
    }
    return p;
  }

  private List<EvidenceSource> passingSources(AuditLog audit, AccessPolicy policy, ApiKeyStore keys) {
    return List.of(
        EvidenceSources.accessReview(policy, keys, Duration.ofDays(90), 2),
        EvidenceSources.keyRotation(new Versions(List.of(
            RotatableKeyManagementProvider.KeyVersion.of("k-1", T0.minus(Duration.ofDays(200))),
            RotatableKeyManagementProvider.KeyVersion.of("k-2", T0.minus(Duration.ofDays(20))))), Duration.ofDays(90)),
        EvidenceSources.encryptionCoverage(() -> List.of(new EncryptionCoverage("budgets", 12, 12))),
        EvidenceSources.auditIntegrity(audit),
        EvidenceSources.residencyEnforcement(ResidencyPolicy.allowing(List.of(Jurisdiction.EU), audit,
            Clock.fixed(T0, ZoneOffset.UTC)), audit),
        EvidenceSources.incidents(() -> List.of(IncidentRecord.resolved("inc-1", "brute-force", "high",
            T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(2)))), Duration.ofHours(72)),
        EvidenceSources.transportSecurity(TlsSettings.builder().build()));
  }

  private AuditLog auditWithEntries() {
    AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), AUDIT_KEY, 2);
    for (int i = 0; i < 3; i++) {
      audit.append(AuditEvent.builder().at(T0).actor("alice").action("budget.change").resource("budget:b" + i)
          .origin("10.0.0.1").outcome(AuditEvent.Outcome.SUCCESS).build());
    }
    return audit;
  }

  @Test
  void catalog_holdsRealControlIdsOfEachFrameworkOnce() {
    ControlCatalog c = ControlCatalog.standard();
    assertThat(c.controls(Framework.SOC2)).extracting(Control::id)
        .contains("CC6.1", "CC6.6", "CC6.7", "CC7.2", "CC7.3", "CC8.1");
    assertThat(c.controls(Framework.GDPR)).extracting(Control::id)
        .contains("Art. 5(1)(f)", "Art. 25", "Art. 30", "Art. 32(1)(a)", "Art. 33", "Art. 44");
    assertThat(c.controls(Framework.HIPAA)).extracting(Control::id)
        .contains("164.308(a)(1)(ii)(D)", "164.312(a)(1)", "164.312(a)(2)(iv)", "164.312(b)", "164.312(c)(1)",
            "164.312(e)(1)");
    Set<String> known = Set.of(EvidenceKinds.ACCESS_REVIEW, EvidenceKinds.KEY_ROTATION,
        EvidenceKinds.ENCRYPTION_COVERAGE, EvidenceKinds.AUDIT_INTEGRITY, EvidenceKinds.RESIDENCY,
        EvidenceKinds.INCIDENTS, EvidenceKinds.TRANSPORT);
    assertThat(c.controls()).allSatisfy(ctl -> assertThat(known).containsAll(ctl.evidence()));
    assertThat(c.find(Framework.GDPR, "Art. 44")).get().extracting(Control::title)
        .isEqualTo("General principle for transfers");
    assertThatThrownBy(() -> ControlCatalog.of(List.of(c.controls().get(0), c.controls().get(0))))
        .hasMessageContaining("control SOC2 CC6.1 appears twice");
  }

  @Test
  void assess_allEvidencePasses_controlsWithEvidencePassAndTheRestAreManual() {
    ApiKeyStore store = ApiKeyStore.inMemory();
    ApiKeys keys = ApiKeys.create(store, now::get);
    keys.issue("carol", Set.of(Permission.parse("cost:read")), Duration.ofDays(365));
    try (AuditLog audit = auditWithEntries()) {
      ComplianceAssessor a = ComplianceAssessor.of(ControlCatalog.standard(),
          passingSources(audit, policy("alice"), store), InstantSource.fixed(T0.plus(Duration.ofDays(10))));
      for (Framework f : Framework.values()) {
        ComplianceReport r = a.assess(f);
        assertThat(r.asOf()).isEqualTo(T0.plus(Duration.ofDays(10)));
        for (ControlResult c : r.controls()) {
          assertThat(c.status()).as("%s %s: %s", f, c.control().id(), c.reasons())
              .isEqualTo(c.control().evidence().isEmpty() ? ComplianceStatus.MANUAL : ComplianceStatus.PASS);
        }
      }
      ComplianceReport soc2 = a.assess(Framework.SOC2);
      assertThat(soc2.counts()).isEqualTo(Map.of(ComplianceStatus.PASS, 9, ComplianceStatus.FAIL, 0,
          ComplianceStatus.MANUAL, 1));
      ControlResult cc81 = soc2.controls().stream().filter(c -> c.control().id().equals("CC8.1")).findFirst()
          .orElseThrow();
      assertThat(cc81.reasons().get(0)).startsWith("Stratus has no evidence for this control");
      assertThat(soc2.evidence()).extracting(Evidence::kind).doesNotHaveDuplicates().hasSize(7);
    }
  }

  @Test
  void accessReview_tooManyAdminsAndStaleKey_fails() {
    ApiKeyStore store = ApiKeyStore.inMemory();
    ApiKeys keys = ApiKeys.create(store, now::get);
    IssuedApiKey used = keys.issue("carol", Set.of(Permission.parse("cost:read")), Duration.ofDays(365));
    IssuedApiKey idle = keys.issue("alice", Set.of(Permission.parse("cost:read")), Duration.ofDays(365));
    now.set(T0.plus(Duration.ofDays(100)));
    keys.authenticate(used.token());
    Evidence e = EvidenceSources.accessReview(policy("alice", "bob", "dave"), store, Duration.ofDays(90), 2)
        .collect(now.get());
    assertThat(e.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(e.facts()).containsEntry("administrators",
        "alice (admin at acme), bob (admin at acme), dave (admin at acme)");
    assertThat(e.findings()).containsExactly(
        "3 principals hold administrator access (*:*); at most 2 are allowed",
        "API key strk_" + idle.record().id() + " of alice (never used, issued 100 days ago) should be revoked");
    Evidence noKeys = EvidenceSources.accessReview(policy("alice"), null, Duration.ofDays(90), 2).collect(T0);
    assertThat(noKeys.status()).isEqualTo(ComplianceStatus.MANUAL);
  }

  @Test
  void keyRotation_currentKeyTooOld_failsAndUnknownAgeOrPlainProviderIsManual() {
    Versions old = new Versions(List.of(RotatableKeyManagementProvider.KeyVersion.of("k-1",
        T0.minus(Duration.ofDays(120)))));
    Evidence e = EvidenceSources.keyRotation(old, Duration.ofDays(90)).collect(T0);
    assertThat(e.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(e.findings()).containsExactly("the current key k-1 is 120 days old; it must be rotated within 90"
        + " days");
    assertThat(e.facts()).containsEntry("version k-1", "created 2025-11-01T00:00:00Z (120 days before)");
    Versions unknown = new Versions(List.of(RotatableKeyManagementProvider.KeyVersion.ofUnknownAge("k-1")));
    assertThat(EvidenceSources.keyRotation(unknown, Duration.ofDays(90)).collect(T0).status())
        .isEqualTo(ComplianceStatus.MANUAL);
    KeyManagementProvider plain = new KeyManagementProvider() {
      @Override
      public String id() {
        return "plain";
      }

      @Override
      public String currentKeyId() {
        return "p-1";
      }

      @Override
      public WrappedKey wrap(byte[] dataKey, byte[] context) {
        throw new UnsupportedOperationException("not used");
      }

      @Override
      public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        throw new UnsupportedOperationException("not used");
      }
    };
    Evidence manual = EvidenceSources.keyRotation(plain, Duration.ofDays(90)).collect(T0);
    assertThat(manual.status()).isEqualTo(ComplianceStatus.MANUAL);
    assertThat(manual.findings().get(0)).contains("does not report key versions");
  }

  @Test
  void encryptionCoverage_recordsInClear_fail() {
    Evidence e = EvidenceSources.encryptionCoverage(() -> List.of(new EncryptionCoverage("budgets", 10, 10),
        new EncryptionCoverage("invoices", 7, 9))).collect(T0);
    assertThat(e.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(e.findings()).containsExactly("invoices: 2 of 9 records are stored unencrypted");
    assertThat(e.summary()).isEqualTo("17 of 19 records in 2 data sets encrypted");
    assertThatThrownBy(() -> new EncryptionCoverage("x", 3, 2)).hasMessageContaining("encrypted 3 must be between");
  }

  @Test
  void auditIntegrity_alteredEntry_failsNamingTheLine() throws Exception {
    try (AuditLog audit = auditWithEntries()) {
      assertThat(EvidenceSources.auditIntegrity(audit).collect(T0).status()).isEqualTo(ComplianceStatus.PASS);
    }
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, Files.readString(file).replace("budget:b1", "budget:bX"));
    Evidence e = EvidenceSources.auditIntegrity(new ReadOnlyLog(file)).collect(T0);
    assertThat(e.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(e.findings().get(0)).startsWith("the audit log does not verify at line 2");
  }

  @Test
  void residency_refusalsAreCountedFromTheAuditLog() {
    try (AuditLog audit = auditWithEntries()) {
      ResidencyPolicy policy = ResidencyPolicy.allowing(List.of(Jurisdiction.EU), audit,
          Clock.fixed(T0, ZoneOffset.UTC));
      assertThatThrownBy(() -> policy.check(Destination.webhook(URI.create("https://hooks.example.com/x"),
          Set.of(Jurisdiction.US)))).isInstanceOf(ResidencyViolationException.class);
      Region virginia = new Region(CloudProvider.AWS, "us-east-1", "us-east-1", "US", Set.of(Jurisdiction.US),
          List.of(), new GeoPoint(0, 0), Set.of());
      InstanceType small = new InstanceType(CloudProvider.AWS, "aws.small", "small", 2, 8, 0, "",
          Architecture.X86_64, 10);
      assertThat(policy.placementFilter().filter(Workload.builder("ledger").demand(ResourceDemand.of(2, 4)).build(), Candidate.newInstance(
          new Offer(small, virginia, PurchaseOption.ON_DEMAND, Money.of("0.09", "USD"), 0, T0)))).isPresent();
      Evidence e = EvidenceSources.residencyEnforcement(policy, audit).collect(T0);
      assertThat(e.status()).isEqualTo(ComplianceStatus.PASS);
      assertThat(e.facts()).containsEntry("allowed jurisdictions", "EU").containsEntry("refusals audited", "2");
    }
  }

  @Test
  void incidents_openLongerThanAllowed_fail() {
    Evidence e = EvidenceSources.incidents(() -> List.of(
        IncidentRecord.open("inc-2", "key-misuse", "critical", T0.minus(Duration.ofHours(80))),
        IncidentRecord.resolved("inc-1", "brute-force", "high", T0.minus(Duration.ofDays(10)),
            T0.minus(Duration.ofDays(5))),
        IncidentRecord.open("inc-3", "brute-force", "low", T0.plus(Duration.ofHours(1)))), Duration.ofHours(72))
        .collect(T0);
    assertThat(e.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(e.findings()).containsExactly(
        "incident inc-1 (brute-force, high) took 120 hours; the limit is 72",
        "incident inc-2 (key-misuse, critical) has been open for 80 hours; the limit is 72");
    assertThat(e.facts()).containsEntry("incidents recorded", "2").containsEntry("open", "1");
  }

  @Test
  void assess_missingOrThrowingSource_isManualOrFailedWithTheReason() {
    EvidenceSource broken = new EvidenceSource() {
      @Override
      public String kind() {
        return EvidenceKinds.INCIDENTS;
      }

      @Override
      public Evidence collect(Instant asOf) {
        throw new IllegalStateException("incident tracker unreachable");
      }
    };
    ComplianceReport r = ComplianceAssessor.of(ControlCatalog.standard(), List.of(broken), InstantSource.fixed(T0))
        .assess(Framework.GDPR);
    ControlResult art33 = r.controls().stream().filter(c -> c.control().id().equals("Art. 33")).findFirst()
        .orElseThrow();
    assertThat(art33.status()).isEqualTo(ComplianceStatus.FAIL);
    assertThat(art33.reasons()).containsExactly("incident-records: the evidence source failed:"
        + " java.lang.IllegalStateException: incident tracker unreachable");
    ControlResult art44 = r.controls().stream().filter(c -> c.control().id().equals("Art. 44")).findFirst()
        .orElseThrow();
    assertThat(art44.status()).isEqualTo(ComplianceStatus.MANUAL);
    assertThat(art44.reasons()).containsExactly("no residency-enforcement evidence was supplied");
    assertThatThrownBy(() -> ComplianceAssessor.of(ControlCatalog.standard(), List.of(broken, broken),
        InstantSource.fixed(T0))).hasMessageContaining("two evidence sources gather 'incident-records'");
  }

  @Test
  void assess_hostSourceForItsOwnControl_isUsed() {
    List<Control> controls = new ArrayList<>(ControlCatalog.standard().controls(Framework.SOC2));
    controls.removeIf(c -> c.id().equals("CC8.1"));
    controls.add(new Control(Framework.SOC2, "CC8.1", "Changes are authorized", List.of("change-approvals"),
        "from the host's ticketing system"));
    EvidenceSource approvals = new EvidenceSource() {
      @Override
      public String kind() {
        return "change-approvals";
      }

      @Override
      public Evidence collect(Instant asOf) {
        return new Evidence("change-approvals", ComplianceStatus.PASS, "42 of 42 changes approved",
            Map.of("changes", "42"), List.of());
      }
    };
    ComplianceReport r = ComplianceAssessor.of(ControlCatalog.of(controls), List.of(approvals),
        InstantSource.fixed(T0)).assess(Framework.SOC2);
    assertThat(r.controls().get(r.controls().size() - 1).status()).isEqualTo(ComplianceStatus.PASS);
    assertThat(new HashSet<>(r.controls())).hasSize(controls.size());
  }

  /** Verifies a log file without opening it for appending. */
  record ReadOnlyLog(Path file) implements AuditLog {
    @Override
    public io.stratus.security.audit.AuditEntry append(AuditEvent event) {
      throw new UnsupportedOperationException("read only");
    }

    @Override
    public io.stratus.security.audit.AuditVerification verify() {
      return AuditLog.verifyFile(file, AUDIT_KEY, 2);
    }

    @Override
    public long exportJsonLines(Appendable out) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
