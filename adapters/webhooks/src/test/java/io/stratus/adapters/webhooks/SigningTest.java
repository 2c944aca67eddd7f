package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningTest {

  // The example of the Standard Webhooks specification (standard-webhooks/standard-webhooks, spec/standard-webhooks.md
  // and the reference libraries' tests).
  private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TS = 1614265330L;
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static WebhookVerifier verifierAt(long epochSeconds, WebhookSecret... secrets) {
    return WebhookVerifier.create(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE,
        InstantSource.fixed(Instant.ofEpochSecond(epochSeconds)));
  }

  @Test
  void signer_matchesTheStandardWebhooksExample() {
    assertThat(WebhookSigner.signatureHeader(List.of(SPEC_SECRET), SPEC_ID, SPEC_TS, SPEC_BODY))
        .isEqualTo(SPEC_SIGNATURE);
    assertThat(verifierAt(SPEC_TS, SPEC_SECRET).verify(SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE, SPEC_BODY))
        .isEqualTo(SPEC_ID);
  }

  @Test
  void hmac_passesWycheproofHmacSha256Vectors() throws Exception {
    Path file = Paths.get(System.getProperty("stratus.shared.data", "../../../shared/data"),
        "security", "wycheproof", "hmac_sha256_test.json");
    assumeTrue(Files.isRegularFile(file), "Wycheproof vectors not found at " + file.toAbsolutePath()
        + " (set -Dstratus.shared.data); skipping the HMAC-SHA256 vector test");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    HexFormat hex = HexFormat.of();
    int valid = 0;
    int invalid = 0;
    for (JsonNode group : root.get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        byte[] mac = WebhookSigner.hmac(hex.parseHex(t.get("key").asText())).doFinal(hex.parseHex(t.get("msg").asText()));
        boolean matches = java.security.MessageDigest.isEqual(Arrays.copyOf(mac, tagBytes),
            hex.parseHex(t.get("tag").asText()));
        String result = t.get("result").asText();
        assertThat(matches).as("tcId %s (%s): %s", t.get("tcId"), result, t.get("comment"))
            .isEqualTo(result.equals("valid"));
        if (result.equals("valid")) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    assertThat(valid + invalid).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(invalid).isPositive();
  }

  @Test
  void rotation_signsWithBoth_receiverWithEitherSecretAccepts() {
    SecureRandom random = new SecureRandom();
    WebhookSecret old = WebhookSecret.generate(random);
    WebhookSecret next = WebhookSecret.generate(random);
    Subscription sub = Subscription.toAll("s1", java.net.URI.create("http://localhost/x"), old).rotate(next);
    String header = WebhookSigner.signatureHeader(sub.secrets(), "m1", 1000, SPEC_BODY);
    assertThat(header.split(" ")).hasSize(2).allMatch(p -> p.startsWith("v1,"));
    assertThat(verifierAt(1000, old).verify("m1", "1000", header, SPEC_BODY)).isEqualTo("m1");
    assertThat(verifierAt(1000, next).verify("m1", "1000", header, SPEC_BODY)).isEqualTo("m1");
    Subscription done = sub.completeRotation();
    String after = WebhookSigner.signatureHeader(done.secrets(), "m1", 1000, SPEC_BODY);
    assertThatThrownBy(() -> verifierAt(1000, old).verify("m1", "1000", after, SPEC_BODY))
        .isInstanceOf(WebhookVerifier.VerificationException.class);
    assertThat(verifierAt(1000, old, next).verify("m1", "1000", after, SPEC_BODY)).isEqualTo("m1");
    assertThatThrownBy(() -> sub.rotate(next)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void verifier_rejectsTamperedBodyIdTimestampAndOutOfTolerance() {
    WebhookVerifier v = verifierAt(SPEC_TS, SPEC_SECRET);
    byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThat(reason(() -> v.verify(SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE, tampered)))
        .isEqualTo(WebhookVerifier.VerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertThat(reason(() -> v.verify("msg_other", Long.toString(SPEC_TS), SPEC_SIGNATURE, SPEC_BODY)))
        .isEqualTo(WebhookVerifier.VerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertThat(reason(() -> verifierAt(SPEC_TS + 301, SPEC_SECRET)
        .verify(SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE, SPEC_BODY)))
        .isEqualTo(WebhookVerifier.VerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThat(reason(() -> verifierAt(SPEC_TS - 301, SPEC_SECRET)
        .verify(SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE, SPEC_BODY)))
        .as("future timestamps too").isEqualTo(WebhookVerifier.VerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThat(verifierAt(SPEC_TS + 300, SPEC_SECRET).verify(SPEC_ID, Long.toString(SPEC_TS), SPEC_SIGNATURE,
        SPEC_BODY)).as("edge of the window").isEqualTo(SPEC_ID);
    assertThat(reason(() -> v.verify(SPEC_ID, "yesterday", SPEC_SIGNATURE, SPEC_BODY)))
        .isEqualTo(WebhookVerifier.VerificationException.Reason.MALFORMED_HEADER);
    assertThat(reason(() -> v.verify(SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY)))
        .isEqualTo(WebhookVerifier.VerificationException.Reason.MISSING_HEADER);
  }

  @Test
  void verifier_findsTheMatchAmongSeveralSignaturesAndSkipsUnknownVersions() {
    String header = "v1a,abc v1,AAAA v1,%%% " + SPEC_SIGNATURE;
    assertThat(verifierAt(SPEC_TS, SPEC_SECRET).verify(Map.of("Webhook-Id", List.of(SPEC_ID), "WEBHOOK-TIMESTAMP",
        List.of(Long.toString(SPEC_TS)), "webhook-signature", List.of(header)), SPEC_BODY)).isEqualTo(SPEC_ID);
    assertThat(reason(() -> verifierAt(SPEC_TS, SPEC_SECRET).verify(SPEC_ID, Long.toString(SPEC_TS), "v2,xyz",
        SPEC_BODY))).isEqualTo(WebhookVerifier.VerificationException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void secret_parsesWrittenForm_rejectsBadOnes_hidesKey() {
    WebhookSecret s = WebhookSecret.generate(new SecureRandom());
    assertThat(WebhookSecret.parse(s.reveal())).isEqualTo(s);
    assertThat(s.toString()).doesNotContain(s.reveal().substring(6, 12)).contains("redacted");
    assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 to 64 bytes");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_!!notbase64")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookVerifier.create(List.of(), Duration.ZERO, InstantSource.fixed(Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static WebhookVerifier.VerificationException.Reason reason(Runnable r) {
    try {
      r.run();
    } catch (WebhookVerifier.VerificationException e) {
      return e.reason();
    }
    throw new AssertionError("verification passed");
  }
}
