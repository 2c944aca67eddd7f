package io.stratus.security.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.authz.Permission;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final ApiKeyStore store = ApiKeyStore.inMemory();
  private final ApiKeys keys = ApiKeys.create(store, clock);
  private final Set<Permission> readCost = Set.of(Permission.parse("cost:read"));

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void issue_tokenIsPrefixedHighEntropyAndOnlyItsHashIsStored() {
    IssuedApiKey k = keys.issue("svc", readCost, Duration.ofDays(90));
    assertThat(k.token()).matches("strk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    ApiKeyRecord stored = store.find(k.record().id()).orElseThrow();
    assertThat(stored.secretHash()).isEqualTo(Hashing.sha256Hex(k.token()));
    assertThat(stored.toString()).doesNotContain(k.token().substring(22));
    assertThat(k.toString()).doesNotContain(k.token().substring(22));
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      tokens.add(keys.issue("svc", readCost, Duration.ofDays(1)).token());
    }
    assertThat(tokens).hasSize(200);
  }

  @Test
  void authenticate_recordsLastUseAndScope() {
    IssuedApiKey k = keys.issue("svc", readCost, Duration.ofDays(90));
    assertThat(k.record().lastUsedAt()).isEmpty();
    advance(Duration.ofHours(1));
    ApiKeyRecord used = keys.authenticate(k.token());
    assertThat(used.lastUsedAt()).contains(now.get());
    assertThat(store.find(used.id()).orElseThrow().lastUsedAt()).contains(now.get());
    assertThat(used.permits(Permission.parse("cost:read:team-a"))).isTrue();
    assertThat(used.permits(Permission.parse("budget:change"))).isFalse();
  }

  @Test
  void authenticate_wrongMalformedUnknown_typedReasonsWithoutSecret() {
    IssuedApiKey k = keys.issue("svc", readCost, Duration.ofDays(1));
    String token = k.token();
    char last = token.charAt(token.length() - 1);
    String wrong = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> keys.authenticate(wrong))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.WRONG_SECRET))
        .hasMessageNotContaining(wrong.substring(22));
    assertThatThrownBy(() -> keys.authenticate("strk_nothex"))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.MALFORMED));
    String unknown = "strk_0000000000000000_" + token.substring(22);
    assertThatThrownBy(() -> keys.authenticate(unknown))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.UNKNOWN));
  }

  @Test
  void authenticate_afterExpiry_refused() {
    IssuedApiKey k = keys.issue("svc", readCost, Duration.ofDays(1));
    advance(Duration.ofDays(1));
    assertThatThrownBy(() -> keys.authenticate(k.token()))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.EXPIRED));
  }

  @Test
  void rotate_oldKeyWorksDuringOverlapOnly() {
    IssuedApiKey old = keys.issue("svc", readCost, Duration.ofDays(90));
    advance(Duration.ofDays(10));
    IssuedApiKey fresh = keys.rotate(old.record().id(), Duration.ofHours(24));
    assertThat(fresh.record().permissions()).isEqualTo(readCost);
    assertThat(fresh.record().expiresAt()).isEqualTo(now.get().plus(Duration.ofDays(90)));
    advance(Duration.ofHours(23));
    keys.authenticate(old.token());
    keys.authenticate(fresh.token());
    advance(Duration.ofHours(1));
    assertThatThrownBy(() -> keys.authenticate(old.token())).isInstanceOf(AuthenticationException.class);
    keys.authenticate(fresh.token());
  }

  @Test
  void revoke_takesEffectAtOnceAndIsIdempotent() {
    IssuedApiKey k = keys.issue("svc", readCost, Duration.ofDays(1));
    ApiKeyRecord r = keys.revoke(k.record().id());
    advance(Duration.ofMinutes(1));
    assertThat(keys.revoke(k.record().id()).revokedAt()).isEqualTo(r.revokedAt());
    assertThatThrownBy(() -> keys.authenticate(k.token()))
        .isInstanceOfSatisfying(AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.REVOKED));
    assertThatThrownBy(() -> keys.rotate(k.record().id(), Duration.ZERO)).hasMessageContaining("revoked");
    assertThat(store.findByPrincipal("svc")).hasSize(1);
  }

  @Test
  void issue_badArguments_named() {
    assertThatThrownBy(() -> keys.issue("svc", Set.of(), Duration.ofDays(1))).hasMessageContaining("svc");
    assertThatThrownBy(() -> keys.issue("svc", readCost, Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> keys.revoke("nope")).hasMessageContaining("'nope'");
  }

  @Test
  void serviceLoader_findsInMemoryStore() {
    assertThat(ServiceLoader.load(ApiKeyStore.class).stream().map(p -> p.get().id())).containsExactly("in-memory");
  }
}
