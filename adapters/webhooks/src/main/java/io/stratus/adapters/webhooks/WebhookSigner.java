package io.stratus.adapters.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;

/**
 * Signs webhook requests per the Standard Webhooks specification: HMAC-SHA256 over {@code id.timestamp.body} with
 * each secret, written {@code v1,<base64>} and joined by spaces in the {@code webhook-signature} header. During a
 * secret rotation the subscription holds two secrets and every request carries both signatures, so the receiver
 * accepts it with either.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookSigner {

  /** The message id header. */
  public static final String ID_HEADER = "webhook-id";
  /** The Unix-seconds timestamp header. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  private WebhookSigner() {}

  /**
   * Computes the {@code webhook-signature} header value.
   *
   * @param secrets the subscription's secrets, one or two; never null or empty
   * @param messageId the {@code webhook-id}; never null
   * @param timestampSeconds the {@code webhook-timestamp}, Unix seconds
   * @param body the exact request body; never null
   * @return space-separated {@code v1,<base64>} signatures, one per secret in order; never null
   * @throws IllegalArgumentException if there are no secrets
   */
  public static String signatureHeader(List<WebhookSecret> secrets, String messageId, long timestampSeconds,
      byte[] body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets must not be empty");
    }
    List<String> parts = new ArrayList<>(secrets.size());
    for (WebhookSecret s : secrets) {
      parts.add("v1," + Base64.getEncoder().encodeToString(sign(s.key(), messageId, timestampSeconds, body)));
    }
    return String.join(" ", parts);
  }

  static byte[] sign(byte[] key, String messageId, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(body, "body");
    Mac mac = hmac(key);
    mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    return mac.doFinal(body);
  }

  static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }
}
