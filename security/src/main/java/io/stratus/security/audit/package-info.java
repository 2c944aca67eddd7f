/**
 * Tamper-evident audit: {@link io.stratus.security.audit.AuditEvent}s (who, what, when, where, outcome, before and
 * after) appended to an {@link io.stratus.security.audit.AuditLog} whose entries are hash-chained (each hash is
 * SHA-256 of the previous hash and the entry's canonical JSON) and periodically signed with HMAC-SHA256 checkpoints;
 * {@link io.stratus.security.audit.AuditLog#verify()} pinpoints the first altered or missing entry.
 */
package io.stratus.security.audit;
