package io.stratus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.model.Jurisdiction;
import io.stratus.reporting.Report;
import io.stratus.reporting.ReportFormat;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.security.compliance.ComplianceAssessor;
import io.stratus.security.compliance.ComplianceReport;
import io.stratus.security.compliance.ComplianceStatus;
import io.stratus.security.compliance.ControlCatalog;
import io.stratus.security.compliance.EncryptionCoverage;
import io.stratus.security.compliance.EvidenceSource;
import io.stratus.security.compliance.EvidenceSources;
import io.stratus.security.compliance.Framework;
import io.stratus.security.compliance.IncidentRecord;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import io.stratus.security.crypto.RotationProgressStore;
import io.stratus.security.residency.ResidencyPolicy;
import io.stratus.security.tls.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratus compliance}: a SOC 2, GDPR or HIPAA compliance report from a key store, an audit log and a policy
 * file, rendered as HTML, Markdown or JSON by the reporting module.
 */
@Command(name = "compliance", mixinStandardHelpOptions = true,
    description = {"Assess the SOC 2, GDPR or HIPAA Security Rule controls Stratus has evidence for, from a local key"
        + " store (key rotation), an audit log (integrity, residency refusals) and a policy file (roles and bindings,"
        + " residency, encryption coverage, incidents), and render the report.",
        "A control passes when all its evidence passes, fails when any fails, and needs a manual review when"
            + " evidence is missing. Exit 1 with --fail-on-fail when a control fails; 3 when an input is invalid."})
final class ComplianceCommand implements Callable<Integer> {
  enum Format { html, md, json }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Option(names = "--framework", defaultValue = "SOC2", description = "SOC2, GDPR or HIPAA (default:"
      + " ${DEFAULT-VALUE}).")
  Framework framework;

  @Option(names = "--as-of", required = true, paramLabel = "INSTANT",
      description = "The instant the report is made as of (ISO-8601, e.g. 2026-06-01T00:00:00Z).")
  String asOf;

  @Option(names = "--policy", paramLabel = "FILE", description = "JSON: tenants, roles, bindings, residency,"
      + " encryptionCoverage, incidents (each optional).")
  Path policy;

  @Option(names = "--keystore", paramLabel = "FILE", description = "The local PKCS#12 key store.")
  Path keystore;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = "A file holding the key store"
      + " passphrase (first line).")
  Path passphraseFile;

  @Option(names = "--rotation-checkpoint", paramLabel = "FILE", description = "The key rotation scheduler's"
      + " checkpoint file (re-encryption progress).")
  Path rotationCheckpoint;

  @Option(names = "--audit-log", paramLabel = "FILE", description = "The audit log (JSON lines), opened"
      + " read-only: a torn last line is reported, not cut off.")
  Path auditLog;

  @Option(names = "--audit-key-file", paramLabel = "FILE", description = "The audit log's checkpoint HMAC key"
      + " (raw bytes, at least 32).")
  Path auditKeyFile;

  @Option(names = "--audit-checkpoint-every", paramLabel = "N", description = "The audit log's checkpoint"
      + " interval.")
  Integer checkpointEvery;

  @Option(names = "--max-key-age-days", defaultValue = "90", description = "Default: ${DEFAULT-VALUE}.")
  int maxKeyAgeDays;

  @Option(names = "--max-admins", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int maxAdmins;

  @Option(names = "--max-incident-hours", defaultValue = "72", description = "Default: ${DEFAULT-VALUE} (GDPR"
      + " Art. 33).")
  int maxIncidentHours;

  @Option(names = "--period-days", defaultValue = "90", description = "The review period the report is labelled"
      + " with, ending at --as-of (default: ${DEFAULT-VALUE}).")
  int periodDays;

  @Option(names = "--format", defaultValue = "html", description = "html, md or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report here (default: standard"
      + " output).")
  Path out;

  @Option(names = "--fail-on-fail", description = "Exit 1 when a control fails.")
  boolean failOnFail;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Instant at;
    try {
      at = Instant.parse(asOf);
    } catch (DateTimeParseException e) {
      return usage(err, "--as-of '" + asOf + "' is not an ISO-8601 instant such as 2026-06-01T00:00:00Z");
    }
    if ((keystore == null) != (passphraseFile == null)) {
      return usage(err, "--keystore and --passphrase-file go together");
    }
    if (auditLog != null && (auditKeyFile == null || checkpointEvery == null)) {
      return usage(err, "--audit-log needs --audit-key-file and --audit-checkpoint-every");
    }
    if (maxKeyAgeDays < 1 || maxIncidentHours < 1 || periodDays < 1 || maxAdmins < 0) {
      return usage(err, "--max-key-age-days, --max-incident-hours and --period-days must be positive and"
          + " --max-admins not negative");
    }
    InstantSource clock = InstantSource.fixed(at);
    List<EvidenceSource> sources = new ArrayList<>();
    AuditLog audit = auditLog == null ? null
        : AuditLog.openFileReadOnly(auditLog, Files.readAllBytes(auditKeyFile), checkpointEvery);
    try {
      if (audit != null) {
        sources.add(EvidenceSources.auditIntegrity(audit));
      }
      if (keystore != null) {
        char[] passphrase = Files.readAllLines(passphraseFile, StandardCharsets.UTF_8).stream().findFirst()
            .orElse("").toCharArray();
        LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(requireFile(keystore, "--keystore"),
            passphrase, clock);
        sources.add(EvidenceSources.keyRotation(keys, Duration.ofDays(maxKeyAgeDays),
            rotationCheckpoint == null ? null : RotationProgressStore.file(rotationCheckpoint)));
      }
      sources.add(EvidenceSources.transportSecurity(TlsSettings.builder().build()));
      if (policy != null) {
        readPolicy(policy, audit, at, sources);
      }
      ComplianceReport result = ComplianceAssessor.of(ControlCatalog.standard(), sources, clock).assess(framework);
      Report report = ComplianceRender.toReport(result, Duration.ofDays(periodDays));
      ReportFormat f = switch (format) {
        case md -> ReportFormat.MARKDOWN;
        case json -> ReportFormat.JSON;
        default -> ReportFormat.HTML;
      };
      String text = f.render(report);
      if (out == null) {
        spec.commandLine().getOut().print(text);
      } else {
        Files.writeString(out, text, StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("%s: %s written to %s%n", report.title(), result.counts(),
            out.toAbsolutePath());
      }
      spec.commandLine().getOut().flush();
      return failOnFail && result.counts().get(ComplianceStatus.FAIL) > 0 ? Stratus.POLICY_BREACHED : Stratus.OK;
    } finally {
      if (audit != null) {
        audit.close();
      }
    }
  }

  private static Path requireFile(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " " + file + ": no such file");
    }
    return file;
  }

  /** Reads the policy file's sections into evidence sources. */
  private void readPolicy(Path file, AuditLog audit, Instant at, List<EvidenceSource> sources) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": must hold a JSON object");
    }
    Set<String> known = Set.of("tenants", "roles", "bindings", "residency", "encryptionCoverage", "incidents");
    for (String field : (Iterable<String>) root::fieldNames) {
      if (!known.contains(field)) {
        throw new IllegalArgumentException(file + ": unknown field '" + field + "'; expected one of "
            + new java.util.TreeSet<>(known));
      }
    }
    if (root.has("roles") || root.has("bindings") || root.has("tenants")) {
      AccessPolicy access = AccessPolicy.create();
      for (JsonNode t : array(root, "tenants", file)) {
        access.addTenant(text(t, "tenants[]", file));
      }
      int i = 0;
      for (JsonNode r : array(root, "roles", file)) {
        String where = "roles[" + i++ + "]";
        Set<String> parents = new HashSet<>();
        for (JsonNode p : array(r, "parents", file)) {
          parents.add(text(p, where + ".parents[]", file));
        }
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : array(r, "rules", file)) {
          rules.add(text(rule, where + ".rules[]", file));
        }
        access.defineRole(Role.of(text(r.get("name"), where + ".name", file), parents,
            rules.toArray(String[]::new)));
      }
      i = 0;
      for (JsonNode b : array(root, "bindings", file)) {
        String where = "bindings[" + i++ + "]";
        access.bind(text(b.get("principal"), where + ".principal", file), text(b.get("role"), where + ".role", file),
            Scope.parse(text(b.get("scope"), where + ".scope", file)));
      }
      sources.add(EvidenceSources.accessReview(access, null, Duration.ofDays(90), maxAdmins));
    }
    if (root.has("residency")) {
      if (audit == null) {
        throw new IllegalArgumentException(file + ": residency needs --audit-log, where its refusals are audited");
      }
      List<Jurisdiction> allowed = new ArrayList<>();
      for (JsonNode j : array(root, "residency", file)) {
        allowed.add(Jurisdiction.of(text(j, "residency[]", file)));
      }
      sources.add(EvidenceSources.residencyEnforcement(ResidencyPolicy.allowing(allowed, audit,
          Clock.fixed(at, ZoneOffset.UTC)), audit));
    }
    if (root.has("encryptionCoverage")) {
      List<EncryptionCoverage> coverage = new ArrayList<>();
      int i = 0;
      for (JsonNode c : array(root, "encryptionCoverage", file)) {
        String where = "encryptionCoverage[" + i++ + "]";
        coverage.add(new EncryptionCoverage(text(c.get("dataSet"), where + ".dataSet", file),
            number(c.get("encrypted"), where + ".encrypted", file), number(c.get("total"), where + ".total", file)));
      }
      sources.add(EvidenceSources.encryptionCoverage(() -> coverage));
    }
    if (root.has("incidents")) {
      List<IncidentRecord> incidents = new ArrayList<>();
      int i = 0;
      for (JsonNode n : array(root, "incidents", file)) {
        String where = "incidents[" + i++ + "]";
        String id = text(n.get("id"), where + ".id", file);
        String kind = text(n.get("kind"), where + ".kind", file);
        String severity = text(n.get("severity"), where + ".severity", file);
        Instant detected = instant(n.get("detectedAt"), where + ".detectedAt", file);
        incidents.add(n.hasNonNull("resolvedAt")
            ? IncidentRecord.resolved(id, kind, severity, detected, instant(n.get("resolvedAt"),
                where + ".resolvedAt", file))
            : IncidentRecord.open(id, kind, severity, detected));
      }
      sources.add(EvidenceSources.incidents(() -> incidents, Duration.ofHours(maxIncidentHours)));
    }
  }

  private static Iterable<JsonNode> array(JsonNode parent, String field, Path file) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(file + ": " + field + " must be an array, got " + n.getNodeType());
    }
    return n;
  }

  private static String text(JsonNode n, String field, Path file) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(file + ": " + field + " must be a non-empty string, got " + n);
    }
    return n.asText();
  }

  private static long number(JsonNode n, String field, Path file) {
    if (n == null || !n.canConvertToExactIntegral() || n.asLong() < 0) {
      throw new IllegalArgumentException(file + ": " + field + " must be a non-negative integer, got " + n);
    }
    return n.asLong();
  }

  private static Instant instant(JsonNode n, String field, Path file) {
    String s = text(n, field, file);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(file + ": " + field + " '" + s + "' is not an ISO-8601 instant", e);
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("stratus compliance: " + message);
    err.println("Try 'stratus compliance --help' for more information.");
    err.flush();
    return Stratus.USAGE;
  }
}
