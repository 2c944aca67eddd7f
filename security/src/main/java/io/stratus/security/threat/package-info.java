/**
 * Threat detection over the audit and access stream, and response automation. Hosts write their authentications,
 * API-key requests, access decisions and grants as audit events by the conventions of
 * {@link io.stratus.security.threat.SecurityEvents} and feed them to a {@link io.stratus.security.threat.ThreatMonitor},
 * which runs {@link io.stratus.security.threat.ThreatDetector}s ({@link io.stratus.security.threat.BruteForceDetector},
 * {@link io.stratus.security.threat.ApiKeyMisuseDetector} with rate baselines from the time-series engine,
 * {@link io.stratus.security.threat.PrivilegeEscalationDetector}, {@link io.stratus.security.threat.ImpossibleTravelDetector}
 * over a host-supplied {@code GeoLocator}, and {@link io.stratus.security.threat.AttackPatternDetector} with
 * configurable {@link io.stratus.security.threat.AttackRule}s), audits each
 * {@link io.stratus.security.threat.Incident} and applies the {@link io.stratus.security.threat.ResponsePlaybook}'s
 * actions (revoke a key, lock a principal, block a source, require MFA, alert), each audited and idempotent. Detectors
 * run on event time and keep bounded memory.
 */
package io.stratus.security.threat;
