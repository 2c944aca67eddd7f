package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.spi.KeyManagementProvider;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseKdfTest {
  private static final char[] PASS = "correct horse battery".toCharArray();
  /** Cheap parameters so the suite stays fast; the default cost is exercised by EnvelopeCipherTest. */
  private static final PassphraseKdf CHEAP = new PassphraseKdf(64, 1, 1, new byte[16]);
  private static final java.time.InstantSource CLOCK =
      java.time.InstantSource.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;

  /** RFC 9106 section 5.3: Argon2id, 32 KiB, 3 passes, 4 lanes, with secret and associated data. */
  @Test
  void argon2id_rfc9106Vector() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] ad = filled(12, 0x04);
    byte[] tag = PassphraseKdf.argon2id(password, salt, secret, ad, 32, 3, 4, 32);
    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void newKeyStore_isProtectedByTheDerivedPasswordAndParametersAreStoredBeside() throws Exception {
    Path file = dir.resolve("keys.p12");
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK);
    byte[] ctx = "ctx".getBytes(StandardCharsets.UTF_8);
    KeyManagementProvider.WrappedKey w = kms.wrap(new byte[32], ctx);
    PassphraseKdf stored = PassphraseKdf.load(PassphraseKdf.fileFor(file));
    assertThat(stored.memoryKiB()).isEqualTo(64);
    assertThat(stored.salt()).hasSize(16).isNotEqualTo(new byte[16]);
    KeyStore raw = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      assertThatThrownBy(() -> raw.load(in, PASS)).as("the bare passphrase no longer opens the store")
          .isInstanceOf(java.io.IOException.class);
    }
    LocalKeyManagementProvider reopened = LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK);
    assertThat(reopened.unwrap(w, ctx)).isEqualTo(new byte[32]);
    assertThatThrownBy(() -> LocalKeyManagementProvider.open(file, "another passphrase".toCharArray(), CHEAP, CLOCK))
        .isInstanceOf(KeyProviderException.class).hasMessageContaining(file.toString());
  }

  @Test
  void legacyKeyStoreWithoutParameters_isStillReadWithThePassphrase() throws Exception {
    Path file = dir.resolve("old.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, PASS);
    ks.setEntry("local-1", new KeyStore.SecretKeyEntry(new SecretKeySpec(filled(32, 7), "AES")),
        new KeyStore.PasswordProtection(PASS));
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, PASS);
    }
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK);
    assertThat(kms.currentKeyId()).isEqualTo("local-1");
    byte[] ctx = "c".getBytes(StandardCharsets.UTF_8);
    assertThat(kms.unwrap(kms.wrap(filled(32, 9), ctx), ctx)).isEqualTo(filled(32, 9));
    assertThat(PassphraseKdf.fileFor(file)).doesNotExist();
    assertThat(kms.rotate()).isEqualTo("local-2");
    assertThat(LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK).currentKeyId()).isEqualTo("local-2");
  }

  @Test
  void malformedParametersFile_namesFileFieldAndRule() throws Exception {
    Path file = dir.resolve("keys.p12");
    LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK);
    Path kdf = PassphraseKdf.fileFor(file);
    Files.writeString(kdf, Files.readString(kdf).replaceAll("iterations=\\d+", "iterations=zero"));
    assertThatThrownBy(() -> LocalKeyManagementProvider.open(file, PASS, CHEAP, CLOCK))
        .isInstanceOf(KeyProviderException.class).hasMessageContaining(kdf.toString())
        .hasMessageContaining("iterations 'zero'").hasMessageContaining("at least 1");
  }

  private static byte[] filled(int n, int b) {
    byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }
}
