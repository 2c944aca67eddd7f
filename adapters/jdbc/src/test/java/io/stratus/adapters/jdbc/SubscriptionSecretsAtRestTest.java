package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.security.crypto.DecryptionException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC subscription store never writes a signing secret in plain text, and binds the envelope to the row's id. */
class SubscriptionSecretsAtRestTest {
  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());

  private static byte[] storedSecrets(DataSource ds, String id) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT secrets FROM stratus_webhook_subscription WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBytes(1);
      }
    }
  }

  @Test
  void secrets_areStoredAsAnEnvelope_notInPlainText() throws Exception {
    DataSource ds = Databases.h2();
    SubscriptionStore store = JdbcStores.open(ds).subscriptionStore(TestCiphers.cipher());
    store.save(Subscription.toAll("s", URI.create("https://a.example.com/h"), SECRET));
    byte[] raw = storedSecrets(ds, "s");
    String asText = new String(raw, StandardCharsets.ISO_8859_1);
    String base64 = SECRET.reveal().substring(WebhookSecret.PREFIX.length());
    assertThat(asText).doesNotContain(WebhookSecret.PREFIX).doesNotContain(base64);
    byte[] key = Base64.getDecoder().decode(base64);
    assertThat(indexOf(raw, key)).as("raw key bytes in the column").isEqualTo(-1);
    assertThat(store.find("s").orElseThrow().subscription().secrets()).containsExactly(SECRET);
  }

  @Test
  void secretsCopiedToAnotherRow_doNotDecrypt() throws Exception {
    DataSource ds = Databases.h2();
    SubscriptionStore store = JdbcStores.open(ds).subscriptionStore(TestCiphers.cipher());
    store.save(Subscription.toAll("victim", URI.create("https://a.example.com/h"), SECRET));
    store.save(Subscription.toAll("attacker", URI.create("https://evil.example.com/h"),
        WebhookSecret.generate(new SecureRandom())));
    byte[] stolen = storedSecrets(ds, "victim");
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE stratus_webhook_subscription SET secrets = ? WHERE id = ?")) {
      ps.setBytes(1, stolen);
      ps.setString(2, "attacker");
      ps.executeUpdate();
    }
    assertThatThrownBy(() -> store.find("attacker")).isInstanceOf(DecryptionException.class);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
