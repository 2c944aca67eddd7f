package io.stratus.security.authn;

import com.google.common.io.BaseEncoding;
import io.stratus.security.spi.MfaEnrollment;
import io.stratus.security.spi.MfaOutcome;
import io.stratus.security.spi.MfaProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The default {@link MfaProvider}: TOTP per RFC 6238 with a 160-bit (SHA-1), 256-bit or 512-bit random secret,
 * accepting the current time step and one step either side, never the same or an earlier step twice (replay
 * protection), plus ten single-use recovery codes kept only as SHA-256 hashes. Enrollments live in memory.
 *
 * <p>Thread-safe: verification of one principal is serialized.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TotpMfaProvider implements MfaProvider {
  /** RFC 4648 Base32, upper case, unpadded: the secret's form in provisioning URIs. */
  static final BaseEncoding BASE32 = BaseEncoding.base32().omitPadding();
  private static final int RECOVERY_CODES = 10;

  private static final class Enrollment {
    final byte[] secret;
    final Set<String> recoveryHashes;
    long lastStep = Long.MIN_VALUE;

    Enrollment(byte[] secret, Set<String> recoveryHashes) {
      this.secret = secret;
      this.recoveryHashes = recoveryHashes;
    }
  }

  private final Totp totp;
  private final String issuer;
  private final SecureRandom random;
  private final Map<String, Enrollment> enrollments = new ConcurrentHashMap<>();

  /** The default provider (SHA-1, 6 digits, 30 s, issuer "Stratus"); for {@link java.util.ServiceLoader}. */
  public TotpMfaProvider() {
    this(Totp.defaults(), "Stratus", new SecureRandom());
  }

  private TotpMfaProvider(Totp totp, String issuer, SecureRandom random) {
    this.totp = Objects.requireNonNull(totp, "totp");
    if (Objects.requireNonNull(issuer, "issuer").isBlank() || issuer.contains(":")) {
      throw new IllegalArgumentException("issuer '" + issuer + "' must be non-blank and contain no ':'");
    }
    this.issuer = issuer;
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * A provider with its own TOTP configuration and issuer name (shown by authenticator apps).
   *
   * @param totp algorithm, digits and step; never null
   * @param issuer the issuer label, no {@code ':'}; never null
   * @return the provider; never null
   */
  public static TotpMfaProvider create(Totp totp, String issuer) {
    return new TotpMfaProvider(totp, issuer, new SecureRandom());
  }

  @Override
  public String id() {
    return "totp";
  }

  /**
   * Enrolls a principal; the set-up URI is an {@code otpauth://totp/} provisioning URI carrying the Base32 secret.
   *
   * @param principalId the principal's id, used as account name; never null
   * @return the URI and the recovery codes; never null
   */
  @Override
  public MfaEnrollment enroll(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    int bytes = switch (totp.algorithm()) {
      case SHA1 -> 20;
      case SHA256 -> 32;
      case SHA512 -> 64;
    };
    byte[] secret = new byte[bytes];
    random.nextBytes(secret);
    List<String> codes = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] r = new byte[10];
      random.nextBytes(r);
      String code = BASE32.encode(r).toLowerCase(Locale.ROOT);
      code = code.substring(0, 8) + "-" + code.substring(8);
      codes.add(code);
      hashes.add(Hashing.sha256Hex(normalize(code)));
    }
    enrollments.put(principalId, new Enrollment(secret, hashes));
    String label = encode(issuer) + ":" + encode(principalId);
    String uri = "otpauth://totp/" + label + "?secret=" + BASE32.encode(secret) + "&issuer=" + encode(issuer)
        + "&algorithm=" + totp.algorithm().name() + "&digits=" + totp.digits() + "&period="
        + totp.step().getSeconds();
    return new MfaEnrollment(principalId, id(), uri, codes);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String normalize(String code) {
    return code.strip().replace("-", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public MfaOutcome verify(String principalId, String response, Instant at) {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(at, "at");
    Enrollment e = enrollments.get(Objects.requireNonNull(principalId, "principalId"));
    if (e == null) {
      return MfaOutcome.NOT_ENROLLED;
    }
    synchronized (e) {
      String code = response.strip();
      if (code.length() == totp.digits() && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
        long now = totp.counter(at);
        for (long step = now - 1; step <= now + 1; step++) {
          if (java.security.MessageDigest.isEqual(totp.hotp(e.secret, step).getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII))) {
            if (step <= e.lastStep) {
              return MfaOutcome.REPLAYED;
            }
            e.lastStep = step;
            return MfaOutcome.ACCEPTED;
          }
        }
        return MfaOutcome.REJECTED;
      }
      return e.recoveryHashes.remove(Hashing.sha256Hex(normalize(code))) ? MfaOutcome.ACCEPTED_RECOVERY_CODE
          : MfaOutcome.REJECTED;
    }
  }

  @Override
  public boolean unenroll(String principalId) {
    return enrollments.remove(Objects.requireNonNull(principalId, "principalId")) != null;
  }
}
