package io.stratus.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The audit checkpoints' HMAC-SHA256 against Project Wycheproof's vectors in the shared data, when present. */
class WycheproofHmacSha256Test {

  @Test
  void hmacSha256_matchesEveryValidVectorAndRejectsEveryInvalidOne() throws IOException {
    String root = System.getProperty("stratus.shared.data");
    assumeTrue(root != null, "system property stratus.shared.data is not set: Wycheproof HMAC vectors skipped");
    Path file = Paths.get(root, "security", "wycheproof", "hmac_sha256_test.json");
    assumeTrue(Files.isRegularFile(file), file + " is absent: Wycheproof HMAC vectors skipped");
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    HexFormat hex = HexFormat.of();
    int valid = 0;
    int invalid = 0;
    for (JsonNode group : doc.get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        byte[] key = hex.parseHex(t.get("key").asText());
        byte[] msg = hex.parseHex(t.get("msg").asText());
        byte[] tag = hex.parseHex(t.get("tag").asText());
        boolean ok = tagBytes == Crypto.TAG_BYTES ? Crypto.hmacSha256Matches(key, msg, tag)
            : Arrays.equals(Arrays.copyOf(Crypto.hmacSha256(key, msg), tagBytes), tag);
        String id = "tcId " + t.get("tcId").asInt();
        if (t.get("result").asText().equals("valid")) {
          assertThat(ok).as(id).isTrue();
          valid++;
        } else if (t.get("result").asText().equals("invalid")) {
          assertThat(ok).as(id).isFalse();
          invalid++;
        }
      }
    }
    assertThat(valid + invalid).isEqualTo(doc.get("numberOfTests").asInt());
    assertThat(valid).isPositive();
    assertThat(invalid).isPositive();
  }
}
