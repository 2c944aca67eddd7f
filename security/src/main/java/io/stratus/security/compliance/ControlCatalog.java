package io.stratus.security.compliance;

import static io.stratus.security.compliance.EvidenceKinds.ACCESS_REVIEW;
import static io.stratus.security.compliance.EvidenceKinds.AUDIT_INTEGRITY;
import static io.stratus.security.compliance.EvidenceKinds.ENCRYPTION_COVERAGE;
import static io.stratus.security.compliance.EvidenceKinds.INCIDENTS;
import static io.stratus.security.compliance.EvidenceKinds.KEY_ROTATION;
import static io.stratus.security.compliance.EvidenceKinds.RESIDENCY;
import static io.stratus.security.compliance.EvidenceKinds.TRANSPORT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A list of controls per framework. {@link #standard()} holds the SOC 2, GDPR and HIPAA Security Rule controls that
 * Stratus has evidence for, plus a few it has none for (always manual, listed so that the report does not look more
 * complete than it is). It is not the whole of any framework: a SOC 2 or HIPAA audit covers many organizational
 * controls no software can evidence.
 *
 * <p>Ids and titles follow the published texts: the AICPA 2017 Trust Services Criteria (TSP section 100, common
 * criteria CC6-CC8 and C1), Regulation (EU) 2016/679 (articles 5, 25, 30, 32, 33 and 44, as published in the
 * Official Journal), and 45 CFR 164.308 and 164.312 (HIPAA Security Rule administrative and technical safeguards, as
 * published in the eCFR). Titles are shortened.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ControlCatalog {
  private static final ControlCatalog STANDARD = new ControlCatalog(standardControls());

  private final List<Control> controls;

  private ControlCatalog(List<Control> controls) {
    this.controls = controls;
  }

  /**
   * The built-in catalog.
   *
   * @return the catalog; never null
   */
  public static ControlCatalog standard() {
    return STANDARD;
  }

  /**
   * A catalog of the host's own controls (e.g. the standard ones plus its own, mapped to its own evidence kinds).
   *
   * @param controls the controls; copied; never null
   * @return the catalog; never null
   * @throws IllegalArgumentException if a framework and id pair repeats
   */
  public static ControlCatalog of(Collection<Control> controls) {
    List<Control> copy = List.copyOf(controls);
    Set<String> seen = new HashSet<>();
    for (Control c : copy) {
      if (!seen.add(c.framework() + " " + c.id())) {
        throw new IllegalArgumentException("control " + c.framework() + " " + c.id() + " appears twice");
      }
    }
    return new ControlCatalog(copy);
  }

  /**
   * Every control.
   *
   * @return an immutable list, in catalog order; never null
   */
  public List<Control> controls() {
    return controls;
  }

  /**
   * The controls of one framework.
   *
   * @param framework the framework; never null
   * @return an immutable list, in catalog order; never null
   */
  public List<Control> controls(Framework framework) {
    Objects.requireNonNull(framework, "framework");
    return controls.stream().filter(c -> c.framework() == framework).toList();
  }

  /**
   * Looks a control up.
   *
   * @param framework the framework; never null
   * @param id the control id; never null
   * @return the control, or empty
   */
  public Optional<Control> find(Framework framework, String id) {
    return controls.stream().filter(c -> c.framework() == framework && c.id().equals(id)).findFirst();
  }

  private static List<Control> standardControls() {
    List<Control> c = new ArrayList<>();
    Framework f = Framework.SOC2;
    c.add(new Control(f, "CC6.1", "Logical access security software, infrastructure and architectures",
        List.of(ACCESS_REVIEW, ENCRYPTION_COVERAGE, KEY_ROTATION),
        "Role-based access with deny rules; data at rest under envelope encryption with rotated keys."));
    c.add(new Control(f, "CC6.2", "Registration and authorization of users; removal of access",
        List.of(ACCESS_REVIEW), "API keys unused for longer than the review threshold are listed for removal."));
    c.add(new Control(f, "CC6.3", "Role-based access, least privilege and segregation of duties",
        List.of(ACCESS_REVIEW), "Administrators (principals holding *:*) are counted against a maximum."));
    c.add(new Control(f, "CC6.6", "Logical access security measures against threats from outside the system"
        + " boundaries", List.of(INCIDENTS), "Threat detection incidents (brute force, key misuse) are recorded"
        + " and resolved; network boundary protection is the host's."));
    c.add(new Control(f, "CC6.7", "Restriction and protection of information in transmission, movement and"
        + " removal", List.of(TRANSPORT, RESIDENCY), "TLS 1.2/1.3 with AEAD suites; destinations outside the"
        + " allowed jurisdictions are refused and audited."));
    c.add(new Control(f, "CC7.2", "Monitoring of system components for anomalies indicating malicious acts",
        List.of(AUDIT_INTEGRITY, INCIDENTS), "A tamper-evident audit log and recorded detector incidents."));
    c.add(new Control(f, "CC7.3", "Evaluation of security events to determine whether they are incidents",
        List.of(INCIDENTS), "Incidents carry kind and severity and are resolved within the allowed time."));
    c.add(new Control(f, "CC7.4", "Response to identified security incidents", List.of(INCIDENTS),
        "Open incidents older than the allowed time fail."));
    c.add(new Control(f, "CC8.1", "Authorization, design, testing, approval and implementation of changes",
        List.of(), "Change management lives in the host's delivery process; the audit log records before/after"
        + " values of changes made through Stratus but does not show approval."));
    c.add(new Control(f, "C1.1", "Identification and maintenance of confidential information",
        List.of(ENCRYPTION_COVERAGE), "Records of each declared data set are stored encrypted."));

    f = Framework.GDPR;
    c.add(new Control(f, "Art. 5(1)(f)", "Integrity and confidentiality of personal data",
        List.of(ENCRYPTION_COVERAGE, ACCESS_REVIEW), "Encryption at rest and access control."));
    c.add(new Control(f, "Art. 5(2)", "Accountability", List.of(AUDIT_INTEGRITY),
        "A verifiable record of actions and decisions."));
    c.add(new Control(f, "Art. 25", "Data protection by design and by default", List.of(ACCESS_REVIEW),
        "Access is denied unless a rule grants it; whether processing is minimised is for a person to judge."));
    c.add(new Control(f, "Art. 30", "Records of processing activities", List.of(),
        "The controller's record of processing is kept outside Stratus."));
    c.add(new Control(f, "Art. 32(1)(a)", "Pseudonymisation and encryption of personal data",
        List.of(ENCRYPTION_COVERAGE, KEY_ROTATION), "AES-256-GCM envelope encryption, keys rotated."));
    c.add(new Control(f, "Art. 32(1)(b)", "Ongoing confidentiality, integrity, availability and resilience",
        List.of(ACCESS_REVIEW, AUDIT_INTEGRITY, TRANSPORT), "Access control, audit integrity and TLS."));
    c.add(new Control(f, "Art. 33", "Notification of a personal data breach to the supervisory authority",
        List.of(INCIDENTS), "Incidents open longer than 72 hours fail (the Art. 33(1) notification deadline);"
        + " whether an incident is a personal data breach is for a person to judge."));
    c.add(new Control(f, "Art. 44", "General principle for transfers", List.of(RESIDENCY),
        "Placement and data destinations outside the allowed jurisdictions are refused and audited."));

    f = Framework.HIPAA;
    c.add(new Control(f, "164.308(a)(1)(ii)(A)", "Risk analysis", List.of(),
        "The risk analysis is the covered entity's document."));
    c.add(new Control(f, "164.308(a)(1)(ii)(D)", "Information system activity review", List.of(AUDIT_INTEGRITY),
        "The audit log verifies; reviewing it regularly is a person's task."));
    c.add(new Control(f, "164.308(a)(4)", "Information access management", List.of(ACCESS_REVIEW),
        "Role bindings, administrators and unused API keys."));
    c.add(new Control(f, "164.308(a)(6)(ii)", "Security incident response and reporting", List.of(INCIDENTS),
        "Incidents are recorded and resolved within the allowed time."));
    c.add(new Control(f, "164.312(a)(1)", "Access control", List.of(ACCESS_REVIEW),
        "Access is granted only by role rules; deny overrides allow."));
    c.add(new Control(f, "164.312(a)(2)(iv)", "Encryption and decryption",
        List.of(ENCRYPTION_COVERAGE, KEY_ROTATION), "ePHI records stored under envelope encryption."));
    c.add(new Control(f, "164.312(b)", "Audit controls", List.of(AUDIT_INTEGRITY),
        "Hash-chained, HMAC-signed audit log that verifies."));
    c.add(new Control(f, "164.312(c)(1)", "Integrity", List.of(AUDIT_INTEGRITY, ENCRYPTION_COVERAGE),
        "Authenticated encryption detects altered records; the audit log detects altered entries."));
    c.add(new Control(f, "164.312(d)", "Person or entity authentication", List.of(),
        "Stratus offers API keys and TOTP; whether every user authenticates with them is the host's evidence."));
    c.add(new Control(f, "164.312(e)(1)", "Transmission security", List.of(TRANSPORT),
        "TLS 1.2/1.3 with AEAD suites for outgoing connections."));
    return List.copyOf(c);
  }
}
