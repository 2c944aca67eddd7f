package io.stratus.security.compliance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stratus.model.Jurisdiction;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Permission;
import io.stratus.security.authz.RoleBinding;
import io.stratus.security.crypto.RotationProgress;
import io.stratus.security.crypto.RotationProgressStore;
import io.stratus.security.residency.ResidencyPolicy;
import io.stratus.security.spi.KeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider.KeyVersion;
import io.stratus.security.tls.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The built-in {@link EvidenceSource}s, over what Stratus itself holds. Each is thread-safe when what it reads is.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EvidenceSources {
  private static final Permission EVERYTHING = Permission.parse("*:*");
  private static final Set<String> MODERN_TLS = Set.of("TLSv1.2", "TLSv1.3");
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private EvidenceSources() {}

  private static EvidenceSource source(String kind, BiFunction<String, Instant, Evidence> collect) {
    return new EvidenceSource() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public Evidence collect(Instant asOf) {
        return collect.apply(kind, Objects.requireNonNull(asOf, "asOf"));
      }

      @Override
      public String toString() {
        return "built-in " + kind + " evidence";
      }
    };
  }

  private static Evidence evidence(String kind, String summary, Map<String, String> facts, List<String> fail,
      List<String> manual) {
    if (!fail.isEmpty()) {
      List<String> all = new ArrayList<>(fail);
      all.addAll(manual);
      return new Evidence(kind, ComplianceStatus.FAIL, summary, facts, all);
    }
    return new Evidence(kind, manual.isEmpty() ? ComplianceStatus.PASS : ComplianceStatus.MANUAL, summary, facts,
        manual);
  }

  /**
   * An access review: every role binding, the administrators (principals bound to a role that allows {@code *:*}),
   * and the active API keys of bound principals unused for longer than {@code staleAfter}. Fails when there are more
   * administrators than {@code maxAdmins} or any stale key; needs a manual review when no key store is given.
   *
   * @param policy the access policy; never null
   * @param keys the API key store, or null when API keys are not used through Stratus (the review then stays manual)
   * @param staleAfter how long an active key may go unused; positive
   * @param maxAdmins the most administrators allowed; not negative
   * @return the source of {@link EvidenceKinds#ACCESS_REVIEW}; never null
   */
  public static EvidenceSource accessReview(AccessPolicy policy, ApiKeyStore keys, Duration staleAfter,
      int maxAdmins) {
    Objects.requireNonNull(policy, "policy");
    if (staleAfter.isNegative() || staleAfter.isZero() || maxAdmins < 0) {
      throw new IllegalArgumentException("staleAfter " + staleAfter + " must be positive and maxAdmins "
          + maxAdmins + " not negative");
    }
    return source(EvidenceKinds.ACCESS_REVIEW, (kind, asOf) -> {
      List<RoleBinding> bindings = policy.bindings();
      Set<String> principals = new TreeSet<>();
      Set<String> admins = new TreeSet<>();
      for (RoleBinding b : bindings) {
        principals.add(b.principalId());
        if (policy.allowedBy(b.role()).stream().anyMatch(p -> p.implies(EVERYTHING))) {
          admins.add(b.principalId() + " (" + b.role() + " at " + b.scope() + ")");
        }
      }
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("principals with roles", Integer.toString(principals.size()));
      facts.put("role bindings", Integer.toString(bindings.size()));
      facts.put("administrators", admins.isEmpty() ? "none" : String.join(", ", admins));
      List<String> fail = new ArrayList<>();
      List<String> manual = new ArrayList<>();
      if (admins.size() > maxAdmins) {
        fail.add(admins.size() + " principals hold administrator access (*:*); at most " + maxAdmins
            + " are allowed");
      }
      if (keys == null) {
        manual.add("no API key store was supplied, so unused API keys were not reviewed");
      } else {
        int active = 0;
        List<String> stale = new ArrayList<>();
        for (String principal : principals) {
          List<ApiKeyRecord> records = new ArrayList<>(keys.findByPrincipal(principal));
          records.sort(java.util.Comparator.comparing(ApiKeyRecord::id));
          for (ApiKeyRecord r : records) {
            if (r.revokedAt().isPresent() || !r.expiresAt().isAfter(asOf)) {
              continue;
            }
            active++;
            Instant last = r.lastUsedAt().orElse(r.createdAt());
            long idle = Duration.between(last, asOf).toDays();
            if (Duration.between(last, asOf).compareTo(staleAfter) > 0) {
              stale.add("strk_" + r.id() + " of " + principal + " ("
                  + (r.lastUsedAt().isPresent() ? "last used " : "never used, issued ") + idle + " days ago)");
            }
          }
        }
        facts.put("active API keys", Integer.toString(active));
        facts.put("API keys unused for more than " + staleAfter.toDays() + " days",
            stale.isEmpty() ? "none" : String.join(", ", stale));
        stale.forEach(s -> fail.add("API key " + s + " should be revoked"));
      }
      String summary = principals.size() + " principals, " + admins.size() + " administrators"
          + (keys == null ? "" : ", " + facts.get("active API keys") + " active API keys");
      return evidence(kind, summary, facts, fail, manual);
    });
  }

  /**
   * Key rotation: the provider's key versions and the current key's age against a maximum age. Fails when the current
   * key is older; needs a manual review when the provider does not report versions or the current key's age is
   * unknown.
   *
   * @param keys the key provider; never null
   * @param maxAge the longest a key may stay current; positive
   * @return the source of {@link EvidenceKinds#KEY_ROTATION}; never null
   */
  public static EvidenceSource keyRotation(KeyManagementProvider keys, Duration maxAge) {
    return keyRotation(keys, maxAge, null);
  }

  /**
   * Key rotation, as {@link #keyRotation(KeyManagementProvider, Duration)}, with the re-encryption pass of a
   * {@link io.stratus.security.crypto.KeyRotationScheduler}: it fails too when records did not decrypt during the
   * pass.
   *
   * @param keys the key provider; never null
   * @param maxAge the longest a key may stay current; positive
   * @param progress the scheduler's checkpoint store, or null
   * @return the source of {@link EvidenceKinds#KEY_ROTATION}; never null
   */
  public static EvidenceSource keyRotation(KeyManagementProvider keys, Duration maxAge,
      RotationProgressStore progress) {
    Objects.requireNonNull(keys, "keys");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge " + maxAge + " must be positive");
    }
    return source(EvidenceKinds.KEY_ROTATION, (kind, asOf) -> {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("key provider", keys.id());
      facts.put("maximum key age", maxAge.toDays() + " days");
      List<String> fail = new ArrayList<>();
      List<String> manual = new ArrayList<>();
      String summary;
      if (!(keys instanceof RotatableKeyManagementProvider rotatable)) {
        facts.put("current key", keys.currentKeyId());
        manual.add("key provider '" + keys.id() + "' does not report key versions; show its rotation policy"
            + " by hand");
        summary = "current key " + keys.currentKeyId() + ", age not reported";
      } else {
        List<KeyVersion> versions = rotatable.keyVersions();
        facts.put("key versions", Integer.toString(versions.size()));
        for (KeyVersion v : versions) {
          facts.put("version " + v.keyId(), v.createdAt().map(c -> "created " + c + " (" + days(c, asOf)
              + " days before)").orElse("created at an unknown time"));
        }
        KeyVersion current = versions.get(versions.size() - 1);
        Optional<Instant> created = current.createdAt();
        if (created.isEmpty()) {
          manual.add("the creation time of the current key " + current.keyId() + " is unknown");
          summary = "current key " + current.keyId() + " of unknown age";
        } else {
          long age = days(created.get(), asOf);
          summary = "current key " + current.keyId() + " is " + age + " days old (maximum " + maxAge.toDays()
              + ")";
          if (Duration.between(created.get(), asOf).compareTo(maxAge) > 0) {
            fail.add("the current key " + current.keyId() + " is " + age + " days old; it must be rotated within "
                + maxAge.toDays() + " days");
          }
        }
      }
      if (progress != null) {
        Optional<RotationProgress> p = progress.load();
        facts.put("re-encryption", p.map(RotationProgress::summary).orElse("no pass recorded"));
        p.filter(r -> r.failed() > 0).ifPresent(r -> fail.add(r.failed() + " stored records did not decrypt"
            + " during the re-encryption to " + r.targetKeyId() + ", first: " + r.failures().get(0)));
      }
      return evidence(kind, summary, facts, fail, manual);
    });
  }

  private static long days(Instant from, Instant to) {
    return Duration.between(from, to).toDays();
  }

  /**
   * Encryption coverage: per data set, records stored encrypted against all records. Fails when any record of any
   * data set is stored in clear; needs a manual review when no data set is declared.
   *
   * @param coverage gathers the coverage of each data set when the report is made; never null
   * @return the source of {@link EvidenceKinds#ENCRYPTION_COVERAGE}; never null
   */
  public static EvidenceSource encryptionCoverage(Supplier<? extends Collection<EncryptionCoverage>> coverage) {
    Objects.requireNonNull(coverage, "coverage");
    return source(EvidenceKinds.ENCRYPTION_COVERAGE, (kind, asOf) -> {
      List<EncryptionCoverage> sets = new ArrayList<>(coverage.get());
      sets.sort(java.util.Comparator.comparing(EncryptionCoverage::dataSet));
      Map<String, String> facts = new LinkedHashMap<>();
      List<String> fail = new ArrayList<>();
      long encrypted = 0;
      long total = 0;
      for (EncryptionCoverage c : sets) {
        facts.put(c.dataSet(), c.encrypted() + " of " + c.total() + " records encrypted");
        encrypted += c.encrypted();
        total += c.total();
        if (c.encrypted() < c.total()) {
          fail.add(c.dataSet() + ": " + (c.total() - c.encrypted()) + " of " + c.total()
              + " records are stored unencrypted");
        }
      }
      List<String> manual = sets.isEmpty() ? List.of("no data set was declared") : List.of();
      return evidence(kind, encrypted + " of " + total + " records in " + sets.size() + " data sets encrypted",
          facts, fail, manual);
    });
  }

  /**
   * Audit log integrity: {@link AuditLog#verify()} checks every entry's hash chain and every signed checkpoint.
   * Fails when the log does not verify; needs a manual review when it is empty.
   *
   * @param log the audit log; never null
   * @return the source of {@link EvidenceKinds#AUDIT_INTEGRITY}; never null
   */
  public static EvidenceSource auditIntegrity(AuditLog log) {
    Objects.requireNonNull(log, "log");
    return source(EvidenceKinds.AUDIT_INTEGRITY, (kind, asOf) -> {
      AuditVerification v = log.verify();
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("entries verified", Long.toString(v.entriesVerified()));
      facts.put("hash chain and checkpoint signatures (HMAC-SHA256)", v.intact() ? "intact" : "broken");
      List<String> fail = new ArrayList<>();
      if (!v.intact()) {
        fail.add("the audit log does not verify at line " + v.firstBadLine().orElse(0) + ": "
            + v.problem().orElse("unknown problem"));
      }
      List<String> manual = v.intact() && v.entriesVerified() == 0
          ? List.of("the audit log is empty, so it shows nothing was recorded") : List.of();
      return evidence(kind, v.intact() ? v.entriesVerified() + " entries verified, chain intact"
          : "chain broken at line " + v.firstBadLine().orElse(0), facts, fail, manual);
    });
  }

  /**
   * Residency enforcement: the policy's allowed jurisdictions and the refusals it audited (entries with outcome
   * {@code DENIED} and action {@code residency.check}, a refused data destination, or {@code residency.placement}, a
   * refused placement region). Fails when the policy allows nothing or the audit log does not verify.
   *
   * @param policy the residency policy; never null
   * @param log the audit log its refusals go to; never null
   * @return the source of {@link EvidenceKinds#RESIDENCY}; never null
   */
  public static EvidenceSource residencyEnforcement(ResidencyPolicy policy, AuditLog log) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(log, "log");
    return source(EvidenceKinds.RESIDENCY, (kind, asOf) -> {
      List<String> allowed = policy.allowed().stream().map(Jurisdiction::code).sorted().toList();
      StringBuilder lines = new StringBuilder();
      log.exportJsonLines(lines);
      long refusals = 0;
      for (String line : lines.toString().split("\n")) {
        if (!line.isBlank() && isRefusal(line)) {
          refusals++;
        }
      }
      AuditVerification v = log.verify();
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("allowed jurisdictions", allowed.isEmpty() ? "none" : String.join(", ", allowed));
      facts.put("refusals audited", Long.toString(refusals));
      List<String> fail = new ArrayList<>();
      if (allowed.isEmpty()) {
        fail.add("the residency policy allows no jurisdiction");
      }
      if (!v.intact()) {
        fail.add("the audit log holding the refusals does not verify: " + v.problem().orElse("unknown problem"));
      }
      return evidence(kind, "data restricted to " + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed))
          + ", " + refusals + " refusals audited", facts, fail, List.of());
    });
  }

  private static boolean isRefusal(String line) {
    String action = null;
    String outcome = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else if (name.equals("action")) {
          action = p.getValueAsString();
        } else if (name.equals("outcome")) {
          outcome = p.getValueAsString();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an exported audit entry: " + e.getMessage(), e);
    }
    return ("residency.check".equals(action) || "residency.placement".equals(action)) && "DENIED".equals(outcome);
  }

  /**
   * Incident records: every incident detected up to the report's instant, open and resolved. Fails when an incident
   * stayed open (or took to resolve) longer than {@code maxOpen}, e.g. 72 hours as GDPR Art. 33(1) allows for
   * notifying a breach.
   *
   * @param incidents gathers the incidents when the report is made; never null
   * @param maxOpen the longest an incident may stay open; positive
   * @return the source of {@link EvidenceKinds#INCIDENTS}; never null
   */
  public static EvidenceSource incidents(Supplier<? extends Collection<IncidentRecord>> incidents,
      Duration maxOpen) {
    Objects.requireNonNull(incidents, "incidents");
    if (maxOpen.isNegative() || maxOpen.isZero()) {
      throw new IllegalArgumentException("maxOpen " + maxOpen + " must be positive");
    }
    return source(EvidenceKinds.INCIDENTS, (kind, asOf) -> {
      List<IncidentRecord> all = incidents.get().stream().filter(i -> !i.detectedAt().isAfter(asOf))
          .sorted(java.util.Comparator.comparing(IncidentRecord::detectedAt).thenComparing(IncidentRecord::id))
          .toList();
      Map<String, String> facts = new LinkedHashMap<>();
      Map<String, Integer> bySeverity = new java.util.TreeMap<>();
      all.forEach(i -> bySeverity.merge(i.severity(), 1, Integer::sum));
      long open = all.stream().filter(i -> i.resolvedAt().isEmpty()).count();
      facts.put("incidents recorded", Integer.toString(all.size()));
      facts.put("open", Long.toString(open));
      facts.put("by severity", bySeverity.isEmpty() ? "none" : bySeverity.toString());
      List<String> fail = new ArrayList<>();
      for (IncidentRecord i : all) {
        Instant end = i.resolvedAt().filter(r -> !r.isAfter(asOf)).orElse(asOf);
        Duration took = Duration.between(i.detectedAt(), end);
        if (took.compareTo(maxOpen) > 0) {
          fail.add("incident " + i.id() + " (" + i.kind() + ", " + i.severity() + ") "
              + (i.resolvedAt().isPresent() && end.equals(i.resolvedAt().get()) ? "took " : "has been open for ")
              + took.toHours() + " hours; the limit is " + maxOpen.toHours());
        }
      }
      return evidence(kind, all.size() + " incidents, " + open + " open", facts, fail, List.of());
    });
  }

  /**
   * Transport security: the protocols and cipher suites of the {@link TlsSettings} outgoing connections use. Fails
   * when a protocol older than TLS 1.2 or a suite without authenticated encryption (GCM, ChaCha20-Poly1305) is
   * offered.
   *
   * @param tls the TLS settings; never null
   * @return the source of {@link EvidenceKinds#TRANSPORT}; never null
   */
  public static EvidenceSource transportSecurity(TlsSettings tls) {
    Objects.requireNonNull(tls, "tls");
    return source(EvidenceKinds.TRANSPORT, (kind, asOf) -> {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("protocols", String.join(", ", tls.protocols()));
      facts.put("cipher suites", String.join(", ", tls.cipherSuites()));
      facts.put("certificate pins", Integer.toString(tls.pins().size()));
      List<String> fail = new ArrayList<>();
      tls.protocols().stream().filter(p -> !MODERN_TLS.contains(p))
          .forEach(p -> fail.add("protocol " + p + " is older than TLS 1.2"));
      tls.cipherSuites().stream().filter(s -> !s.contains("_GCM_") && !s.contains("CHACHA20_POLY1305"))
          .forEach(s -> fail.add("cipher suite " + s + " is not an AEAD suite"));
      return evidence(kind, String.join("/", tls.protocols()) + " with " + tls.cipherSuites().size()
          + " AEAD suites", facts, fail, List.of());
    });
  }
}
