package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.authn.IssuedApiKey;
import io.stratus.security.authz.AccessDeniedException;
import io.stratus.security.authz.AccessGuard;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.Principal;
import io.stratus.security.authz.Role;
import io.stratus.security.authz.Scope;
import io.stratus.security.authz.SdkPermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/security.md, run. */
class SecurityTutorialTest {

  @Test
  void rolesKeysAndTheGuard() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-06-01T09:00:00Z"));
    // tag::policy[]
    AccessPolicy policy = AccessPolicy.create();
    policy.addTenant("acme");
    policy.defineRole(Role.of("cost-viewer", Set.of(), "cost:read"));
    policy.defineRole(Role.of("finops-bot", Set.of("cost-viewer"), "budget:*", "!spend:approve"));
    Scope platform = Scope.parse("acme/platform");
    policy.bind("billing-bot", "finops-bot", platform);
    AccessGuard guard = AccessGuard.of(policy);
    // end::policy[]

    // tag::keys[]
    ApiKeys keys = ApiKeys.create(ApiKeyStore.inMemory(), clock);
    IssuedApiKey issued = keys.issue("billing-bot", Set.of(SdkPermissions.READ_COST_DATA), Duration.ofDays(30));
    String token = issued.token();            // show once; only its SHA-256 hash is stored
    ApiKeyRecord caller = keys.authenticate(token);
    Principal bot = Principal.serviceAccount(caller.principalId());
    boolean mayRead = caller.permits(SdkPermissions.READ_COST_DATA)
        && guard.require(bot, SdkPermissions.READ_COST_DATA, platform).allowed();
    // end::keys[]
    assertThat(mayRead).isTrue();
    assertThatThrownBy(() -> guard.require(bot, SdkPermissions.APPROVE_SPEND, platform))
        .isInstanceOf(AccessDeniedException.class);
  }
}
