package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

class EnvelopeCipherProperties {
  private static EnvelopeCipher cipher;
  private static byte[] envelope;
  private static final byte[] AAD = {7, 7, 7};

  @BeforeContainer
  static void setUp() throws IOException {
    Path dir = Files.createTempDirectory("envelope-props");
    cipher = EnvelopeCipher.of(LocalKeyManagementProvider.open(dir.resolve("keys.p12"), EnvelopeCipherTest.PASS,
        EnvelopeCipherTest.CLOCK));
    envelope = cipher.encrypt("a secret worth protecting".getBytes(java.nio.charset.StandardCharsets.UTF_8), AAD);
    Files.deleteIfExists(dir.resolve("keys.p12"));
    Files.deleteIfExists(PassphraseKdf.fileFor(dir.resolve("keys.p12")));
    Files.delete(dir);
  }

  /** Any single bit flip anywhere in an envelope makes decryption fail with a typed error, never wrong plaintext. */
  @Property(tries = 300)
  void anyBitFlip_isRejected(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] e = envelope.clone();
    e[position % e.length] ^= (byte) (1 << bit);
    assertThatThrownBy(() -> cipher.decrypt(e, AAD)).isInstanceOf(DecryptionException.class);
  }
}
