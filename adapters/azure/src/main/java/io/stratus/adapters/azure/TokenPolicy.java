package io.stratus.adapters.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Adds {@code Authorization: Bearer <token>} from a {@link TokenCredential}, caching the token until five minutes
 * before it expires. Refuses to send a token over plain HTTP except to a loopback address (local test stubs).
 * Thread-safe. The token never appears in a message or log.
 */
final class TokenPolicy extends HttpPipelineSyncPolicy {
  private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final Supplier<TokenCredential> credential;
  private final TokenRequestContext request;
  private final InstantSource clock;
  private @Nullable AccessToken cached;

  TokenPolicy(Supplier<TokenCredential> credential, String scope, InstantSource clock) {
    this.credential = credential;
    this.request = new TokenRequestContext().addScopes(scope);
    this.clock = clock;
  }

  @Override
  protected void beforeSendingRequest(HttpPipelineCallContext context) {
    URL url = context.getHttpRequest().getUrl();
    if (!"https".equals(url.getProtocol()) && !isLoopback(url.getHost())) {
      throw new IllegalStateException("refusing to send an Azure token over plain HTTP to " + url.getHost()
          + "; use an https endpoint");
    }
    context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token().getToken());
  }

  private synchronized AccessToken token() {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    AccessToken t = cached;
    if (t == null || t.getExpiresAt().minus(REFRESH_MARGIN).isBefore(now)) {
      t = credential.get().getTokenSync(request);
      if (t == null) {
        throw new IllegalStateException("the Azure credential returned no token for scope " + request.getScopes());
      }
      cached = t;
    }
    return t;
  }

  static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    try {
      return (host.startsWith("127.") || host.startsWith("[::1]") || "::1".equals(host))
          && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
