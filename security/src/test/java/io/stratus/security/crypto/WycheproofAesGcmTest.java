package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The AES-GCM primitive of the envelope against Project Wycheproof, when the shared data is present: every vector
 * with the parameters the envelope uses (96-bit IV, 128-bit tag) must decrypt to its message when valid and be
 * rejected when invalid; vectors with other IV sizes must be rejected (the envelope never accepts them).
 */
class WycheproofAesGcmTest {

  @Test
  void gcm_matchesWycheproofVectors() throws IOException {
    String root = System.getProperty("stratus.shared.data");
    assumeTrue(root != null, "system property stratus.shared.data is not set: Wycheproof AES-GCM vectors skipped");
    Path file = Paths.get(root, "security", "wycheproof", "aes_gcm_test.json");
    assumeTrue(Files.isRegularFile(file), file + " is absent: Wycheproof AES-GCM vectors skipped");
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    HexFormat hex = HexFormat.of();
    int checked = 0;
    for (JsonNode group : doc.get("testGroups")) {
      if (group.get("tagSize").asInt() != 128) {
        continue;
      }
      boolean supportedIv = group.get("ivSize").asInt() == 96;
      for (JsonNode t : group.get("tests")) {
        byte[] key = hex.parseHex(t.get("key").asText());
        byte[] iv = hex.parseHex(t.get("iv").asText());
        byte[] aad = hex.parseHex(t.get("aad").asText());
        byte[] msg = hex.parseHex(t.get("msg").asText());
        byte[] ctTag = hex.parseHex(t.get("ct").asText() + t.get("tag").asText());
        String id = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
        byte[] out;
        try {
          out = Gcm.decrypt(key, iv, aad, ctTag);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
          out = null;
        }
        if (supportedIv && t.get("result").asText().equals("valid")) {
          assertThat(out).as(id).isEqualTo(msg);
          try {
            assertThat(Gcm.encrypt(key, iv, aad, msg)).as(id).isEqualTo(ctTag);
          } catch (GeneralSecurityException e) {
            throw new AssertionError(id, e);
          }
        } else if (t.get("result").asText().equals("invalid") || !supportedIv) {
          assertThat(out).as(id).isNull();
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }
}
