/**
 * Threat detection over the audit stream: {@link io.stratus.security.threat.BruteForceDetector} counts failed
 * authentications per principal and per source over a sliding window of event time, raises an
 * {@link io.stratus.security.threat.Incident} and responds through a {@link io.stratus.security.threat.Lockout}, auditing
 * both.
 */
package io.stratus.security.threat;
