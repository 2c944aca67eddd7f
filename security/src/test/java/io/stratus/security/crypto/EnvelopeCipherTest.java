package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTest {
  static final char[] PASS = "correct horse battery".toCharArray();
  static final java.time.InstantSource CLOCK =
      java.time.InstantSource.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  private static final byte[] AAD = "cost-record/42".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void encryptDecrypt_roundTripWithKeyIdInHeader() {
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(dir.resolve("keys.p12"), PASS, CLOCK);
    EnvelopeCipher c = EnvelopeCipher.of(kms);
    byte[] msg = "monthly budget 12000 EUR".getBytes(StandardCharsets.UTF_8);
    byte[] env = c.encrypt(msg, AAD);
    assertThat(EnvelopeCipher.keyIdOf(env)).isEqualTo("local-1");
    assertThat(c.decrypt(env, AAD)).isEqualTo(msg);
    assertThat(c.encrypt(msg, AAD)).isNotEqualTo(env);
  }

  @Test
  void rotate_oldEnvelopesStillDecrypt_newOnesUseNewKey_acrossReopen() {
    Path file = dir.resolve("keys.p12");
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(file, PASS, CLOCK);
    byte[] old = EnvelopeCipher.of(kms).encrypt(new byte[] {1, 2, 3}, AAD);
    assertThat(kms.rotate()).isEqualTo("local-2");
    LocalKeyManagementProvider reopened = LocalKeyManagementProvider.open(file, PASS, CLOCK);
    EnvelopeCipher c = EnvelopeCipher.of(reopened);
    assertThat(reopened.currentKeyId()).isEqualTo("local-2");
    assertThat(c.decrypt(old, AAD)).containsExactly(1, 2, 3);
    assertThat(EnvelopeCipher.keyIdOf(c.encrypt(new byte[0], AAD))).isEqualTo("local-2");
  }

  @Test
  void decrypt_wrongContextOrKeyStore_refused() {
    EnvelopeCipher c = EnvelopeCipher.of(LocalKeyManagementProvider.open(dir.resolve("a.p12"), PASS, CLOCK));
    byte[] env = c.encrypt(new byte[] {9}, AAD);
    assertThatThrownBy(() -> c.decrypt(env, "cost-record/43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecryptionException.class).hasMessageContaining("local-1");
    EnvelopeCipher other = EnvelopeCipher.of(LocalKeyManagementProvider.open(dir.resolve("b.p12"), PASS, CLOCK));
    assertThatThrownBy(() -> other.decrypt(env, AAD)).isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> c.decrypt(new byte[] {'S', 'E', 'N', 1, 5}, AAD))
        .isInstanceOf(DecryptionException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> c.decrypt(new byte[] {1, 2, 3, 4, 5}, AAD)).hasMessageContaining("header");
  }

  @Test
  void open_wrongOrShortPassphrase_refused() {
    Path file = dir.resolve("k.p12");
    LocalKeyManagementProvider.open(file, PASS, CLOCK);
    assertThatThrownBy(() -> LocalKeyManagementProvider.open(file, "wrong passphrase!".toCharArray(), CLOCK))
        .isInstanceOf(KeyProviderException.class).hasMessageContaining(file.toString());
    assertThatThrownBy(() -> LocalKeyManagementProvider.open(file, "short".toCharArray(), CLOCK))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("5 characters");
  }
}
