/**
 * Data protection: {@link io.stratus.security.crypto.EnvelopeCipher} encrypts with AES-256-GCM under a fresh data key
 * that a key-encryption key from a {@link io.stratus.security.spi.KeyManagementProvider} wraps; the envelope header
 * carries the versioned key id, and associated data binds the ciphertext to its context.
 * {@link io.stratus.security.crypto.LocalKeyManagementProvider} is the embedded provider (a PKCS#12 key store file).
 * {@link io.stratus.security.crypto.KeyRotationScheduler} rotates the key at a maximum age and re-encrypts the host's
 * stored envelopes in the background, with a persisted checkpoint and no record ever unreadable.
 */
package io.stratus.security.crypto;
