package io.stratus.finops.spi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How far a {@link BillingSource} has delivered one billing period: an opaque token the source issues with each batch
 * (an export time, a manifest id, a sequence number) and receives back on the next pull.
 *
 * <p>Immutable and thread-safe.
 *
 * @param token the source's token; {@link #INITIAL} means "nothing delivered yet"
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Watermark(String token) {
  /** Nothing delivered yet: the source returns everything it has for the period. */
  public static final Watermark INITIAL = new Watermark("");

  /**
   * Validates.
   *
   * @throws NullPointerException if the token is null
   */
  public Watermark {
    Objects.requireNonNull(token, "watermark.token must not be null (use Watermark.INITIAL)");
  }

  /**
   * A watermark from a token.
   *
   * @param token the token; never null
   * @return the watermark; never null
   */
  public static Watermark of(String token) {
    return token.isEmpty() ? INITIAL : new Watermark(token);
  }

  /**
   * Whether this is the initial watermark.
   *
   * @return true if nothing was delivered yet
   */
  public boolean isInitial() {
    return token.isEmpty();
  }
}
