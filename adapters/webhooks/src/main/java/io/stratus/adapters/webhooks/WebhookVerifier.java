package io.stratus.adapters.webhooks;

import io.stratus.StratusException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Standard Webhooks signatures for a receiver: the timestamp must lie within the tolerance of the
 * receiver's clock (replay protection), and at least one {@code v1} signature in the header must match one of the
 * receiver's secrets (so both sides can rotate: the sender signs with old and new, the receiver accepts either).
 * Signatures are compared in constant time; unknown versions are skipped.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookVerifier {

  /** The tolerance the Standard Webhooks reference libraries use. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final InstantSource clock;

  private WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, InstantSource clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets must not be empty");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
    }
    this.secrets = List.copyOf(secrets);
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a verifier.
   *
   * @param secrets the secrets to accept, usually one, two during a rotation; never null or empty
   * @param tolerance how far the timestamp may be from the clock, either way; never null or negative
   * @param clock the receiver's clock; never null
   * @return the verifier; never null
   * @throws IllegalArgumentException if there are no secrets or the tolerance is negative
   */
  public static WebhookVerifier create(List<WebhookSecret> secrets, Duration tolerance, InstantSource clock) {
    return new WebhookVerifier(secrets, tolerance, clock);
  }

  /**
   * Verifies a request from its headers.
   *
   * @param headers the request headers, names in any case; never null
   * @param body the exact request body; never null
   * @return the verified message id; never null
   * @throws VerificationException if a header is missing or malformed, the timestamp is outside the tolerance, or
   *     no signature matches
   */
  public String verify(Map<String, List<String>> headers, byte[] body) {
    return verify(header(headers, WebhookSigner.ID_HEADER), header(headers, WebhookSigner.TIMESTAMP_HEADER),
        header(headers, WebhookSigner.SIGNATURE_HEADER), body);
  }

  /**
   * Verifies a request from the three header values.
   *
   * @param messageId the {@code webhook-id} value; null if absent
   * @param timestamp the {@code webhook-timestamp} value; null if absent
   * @param signatures the {@code webhook-signature} value; null if absent
   * @param body the exact request body; never null
   * @return the verified message id; never null
   * @throws VerificationException if a header is missing or malformed, the timestamp is outside the tolerance, or
   *     no signature matches
   */
  public String verify(@Nullable String messageId, @Nullable String timestamp, @Nullable String signatures,
      byte[] body) {
    Objects.requireNonNull(body, "body");
    if (messageId == null || messageId.isBlank()) {
      throw new VerificationException(VerificationException.Reason.MISSING_HEADER, "missing " + WebhookSigner.ID_HEADER);
    }
    if (timestamp == null || signatures == null) {
      throw new VerificationException(VerificationException.Reason.MISSING_HEADER, "missing "
          + (timestamp == null ? WebhookSigner.TIMESTAMP_HEADER : WebhookSigner.SIGNATURE_HEADER));
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new VerificationException(VerificationException.Reason.MALFORMED_HEADER,
          WebhookSigner.TIMESTAMP_HEADER + " must be Unix seconds, got '" + timestamp + "'");
    }
    Instant now = clock.instant();
    long skew = Math.abs(now.getEpochSecond() - seconds);
    if (skew > tolerance.getSeconds()) {
      throw new VerificationException(VerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
          WebhookSigner.TIMESTAMP_HEADER + " " + seconds + " is " + skew + " s from now (" + now.getEpochSecond()
              + "), tolerance " + tolerance.getSeconds() + " s");
    }
    boolean sawV1 = false;
    for (String part : signatures.trim().split(" +")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) {
        continue;
      }
      sawV1 = true;
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (WebhookSecret s : secrets) {
        if (MessageDigest.isEqual(given, WebhookSigner.sign(s.key(), messageId, seconds, body))) {
          return messageId;
        }
      }
    }
    throw new VerificationException(VerificationException.Reason.NO_MATCHING_SIGNATURE, sawV1
        ? "no v1 signature matches any of the " + secrets.size() + " secret(s)"
        : WebhookSigner.SIGNATURE_HEADER + " holds no v1 signature");
  }

  private static @Nullable String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * A request that failed verification; the receiver should answer 400 or 401 and not process it.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class VerificationException extends StratusException {
    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Reason {
      /** A required header is absent. */
      MISSING_HEADER,
      /** A header does not parse. */
      MALFORMED_HEADER,
      /** The timestamp is too old or too far in the future. */
      TIMESTAMP_OUT_OF_TOLERANCE,
      /** No signature matches. */
      NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    VerificationException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    /**
     * Why verification failed.
     *
     * @return the reason; never null
     */
    public Reason reason() {
      return reason;
    }
  }
}
