package io.stratus.monitoring.provider;

import io.stratus.ProviderException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The end test of a paged listing (a next-page token or link per answer), shared by the providers that page: it says
 * whether to read another page, and stops a listing whose server hands out a token it already gave, which would
 * otherwise be read forever (providers must bound the time they spend in a call):
 *
 * <pre>{@code
 * PageTokens pages = PageTokens.of("aws", "GetMetricData us-east-1");
 * String token = null;
 * do {
 *   Response r = client.call(token);
 *   ...
 *   token = r.nextToken();
 * } while (pages.more(token));
 * }</pre>
 *
 * <p>Not thread-safe: one instance follows one listing.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PageTokens {
  private final String providerId;
  private final String listing;
  private final Set<String> seen = new HashSet<>();

  private PageTokens(String providerId, String listing) {
    this.providerId = providerId;
    this.listing = listing;
  }

  /**
   * Follows one listing.
   *
   * @param providerId the provider, for the error; never null
   * @param listing what is listed, for the error (e.g. {@code DescribeInstances eu-west-1}); never null
   * @return a new instance; never null
   */
  public static PageTokens of(String providerId, String listing) {
    return new PageTokens(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(listing,
        "listing"));
  }

  /**
   * Whether to read the page that {@code token} points at.
   *
   * @param token the next-page token or link of the answer just read; null or empty when it was the last page
   * @return true to read another page, false at the end
   * @throws ProviderException if the token was handed out before in this listing (the listing would never end)
   */
  @SuppressWarnings("NullAway") // ProviderException documents a null cause as allowed
  public boolean more(@Nullable String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    if (!seen.add(token)) {
      throw new ProviderException(providerId, listing + ": the next-page token repeats after " + (seen.size() + 1)
          + " pages; the listing would never end, nothing of it is returned", null);
    }
    return true;
  }
}
