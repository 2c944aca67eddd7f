/**
 * Authorization: {@link io.stratus.security.authz.Principal}s are bound to {@link io.stratus.security.authz.Role}s at
 * a {@link io.stratus.security.authz.Scope} (organization, team, project); roles carry allow and deny
 * {@link io.stratus.security.authz.Rule}s over {@link io.stratus.security.authz.Permission}s
 * ({@code resource:action[:instance]}, with {@code *} wildcards) and inherit from parent roles; the
 * {@link io.stratus.security.authz.AccessPolicy} answers "may P do A on R?" with the rule that decided, deny
 * overriding allow; {@link io.stratus.security.authz.AccessGuard} enforces the SDK's operations.
 */
package io.stratus.security.authz;
