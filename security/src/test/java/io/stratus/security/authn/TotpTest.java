package io.stratus.security.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.spi.MfaEnrollment;
import io.stratus.security.spi.MfaOutcome;
import io.stratus.security.spi.MfaProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
  private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SEED =
      "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

  /** RFC 4226 Appendix D. */
  @ParameterizedTest
  @CsvSource({"0,755224", "1,287082", "2,359152", "3,969429", "4,338314", "5,254676", "6,287922", "7,162583",
      "8,399871", "9,520489"})
  void hotp_rfc4226AppendixD(long counter, String expected) {
    assertThat(Totp.defaults().hotp(SHA1_SEED, counter)).isEqualTo(expected);
  }

  /** RFC 6238 Appendix B. */
  @ParameterizedTest
  @CsvSource({"59,94287082,46119246,90693936", "1111111109,07081804,68084774,25091201",
      "1111111111,14050471,67062674,99943326", "1234567890,89005924,91819424,93441116",
      "2000000000,69279037,90698825,38618901", "20000000000,65353130,77737706,47863826"})
  void totp_rfc6238AppendixB(long seconds, String sha1, String sha256, String sha512) {
    Instant at = Instant.ofEpochSecond(seconds);
    Duration step = Duration.ofSeconds(30);
    assertThat(Totp.of(Totp.Algorithm.SHA1, 8, step).code(SHA1_SEED, at)).isEqualTo(sha1);
    assertThat(Totp.of(Totp.Algorithm.SHA256, 8, step).code(SHA256_SEED, at)).isEqualTo(sha256);
    assertThat(Totp.of(Totp.Algorithm.SHA512, 8, step).code(SHA512_SEED, at)).isEqualTo(sha512);
  }

  @Test
  void of_badDigitsOrStep_namesValue() {
    assertThatThrownBy(() -> Totp.of(Totp.Algorithm.SHA1, 9, Duration.ofSeconds(30)))
        .hasMessage("digits 9 must be between 6 and 8");
    assertThatThrownBy(() -> Totp.of(Totp.Algorithm.SHA1, 6, Duration.ofMillis(1500)))
        .hasMessageContaining("PT1.5S");
  }

  private static byte[] secretOf(MfaEnrollment e) {
    Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(e.setupUri());
    assertThat(m.find()).isTrue();
    return TotpMfaProvider.BASE32.decode(m.group(1));
  }

  @Test
  void provider_acceptsSkewOfOneStep_rejectsReplayAndOlderSteps() {
    TotpMfaProvider p = TotpMfaProvider.create(Totp.of(Totp.Algorithm.SHA256, 8, Duration.ofSeconds(30)), "Acme Corp");
    MfaEnrollment e = p.enroll("alice@acme");
    assertThat(e.setupUri()).startsWith("otpauth://totp/Acme%20Corp:alice%40acme?secret=")
        .endsWith("&issuer=Acme%20Corp&algorithm=SHA256&digits=8&period=30");
    byte[] secret = secretOf(e);
    assertThat(secret).hasSize(32);
    Totp totp = Totp.of(Totp.Algorithm.SHA256, 8, Duration.ofSeconds(30));
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(p.verify("alice@acme", totp.code(secret, now.minusSeconds(60)), now)).isEqualTo(MfaOutcome.REJECTED);
    assertThat(p.verify("alice@acme", totp.code(secret, now.minusSeconds(30)), now)).isEqualTo(MfaOutcome.ACCEPTED);
    assertThat(p.verify("alice@acme", totp.code(secret, now.minusSeconds(30)), now)).isEqualTo(MfaOutcome.REPLAYED);
    assertThat(p.verify("alice@acme", totp.code(secret, now.plusSeconds(30)), now)).isEqualTo(MfaOutcome.ACCEPTED);
    // the current step is older than the last accepted one: a replay window attack
    assertThat(p.verify("alice@acme", totp.code(secret, now), now)).isEqualTo(MfaOutcome.REPLAYED);
    assertThat(p.verify("bob", "12345678", now)).isEqualTo(MfaOutcome.NOT_ENROLLED);
  }

  @Test
  void provider_recoveryCodes_singleUseAndNotShownByToString() {
    TotpMfaProvider p = new TotpMfaProvider();
    MfaEnrollment e = p.enroll("alice");
    assertThat(e.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
    String code = e.recoveryCodes().get(3);
    Instant now = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(p.verify("alice", " " + code.toUpperCase(java.util.Locale.ROOT) + " ", now))
        .isEqualTo(MfaOutcome.ACCEPTED_RECOVERY_CODE);
    assertThat(p.verify("alice", code, now)).isEqualTo(MfaOutcome.REJECTED);
    assertThat(e.toString()).doesNotContain(code).doesNotContain("secret=");
    assertThat(p.unenroll("alice")).isTrue();
    assertThat(p.verify("alice", e.recoveryCodes().get(0), now)).isEqualTo(MfaOutcome.NOT_ENROLLED);
  }

  /** RFC 4648 section 10 vectors, padding removed. */
  @ParameterizedTest
  @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
  void base32_rfc4648Vectors(String plain, String encoded) {
    assertThat(TotpMfaProvider.BASE32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(TotpMfaProvider.BASE32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void base32_badCharacter_isRejected() {
    assertThatThrownBy(() -> TotpMfaProvider.BASE32.decode("MZ1W")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1");
  }

  @Test
  void serviceLoader_findsTotpProvider() {
    assertThat(ServiceLoader.load(MfaProvider.class).stream().map(pr -> pr.get().id())).containsExactly("totp");
  }
}
