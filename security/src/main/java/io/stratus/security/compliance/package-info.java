/**
 * Compliance reporting: a {@link io.stratus.security.compliance.ControlCatalog} of SOC 2, GDPR and HIPAA Security
 * Rule controls, each mapped to kinds of evidence Stratus can gather ({@link
 * io.stratus.security.compliance.EvidenceSources}: access reviews, key rotation, encryption coverage, audit log
 * integrity, residency enforcement, incident records, transport security) or that a host supplies through its own
 * {@link io.stratus.security.compliance.EvidenceSource}; a {@link io.stratus.security.compliance.ComplianceAssessor}
 * turns them into a {@link io.stratus.security.compliance.ComplianceReport} with a pass, fail or manual status per
 * control. Rendering is left to the host (the {@code stratus compliance} command renders through the reporting
 * module).
 */
package io.stratus.security.compliance;
