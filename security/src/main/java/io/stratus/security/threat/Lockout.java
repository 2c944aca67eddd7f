package io.stratus.security.threat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Locked principals, blocked sources and principals that must pass an MFA step-up, which the host's authentication
 * checks before verifying credentials. Each lasts until {@link #unlockPrincipal(String)}, {@link
 * #unblockSource(String)} or {@link #clearMfaStepUp(String)}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Lockout {
  private final Set<String> principals = ConcurrentHashMap.newKeySet();
  private final Set<String> sources = ConcurrentHashMap.newKeySet();
  private final Set<String> stepUp = ConcurrentHashMap.newKeySet();

  /** Creates an empty lockout. */
  public Lockout() {}

  /**
   * Locks a principal.
   *
   * @param principalId the principal; never null
   * @return true if it was not locked before
   */
  public boolean lockPrincipal(String principalId) {
    return principals.add(principalId);
  }

  /**
   * Blocks a source.
   *
   * @param source an address or host; never null
   * @return true if it was not blocked before
   */
  public boolean blockSource(String source) {
    return sources.add(source);
  }

  /**
   * Unlocks a principal.
   *
   * @param principalId the principal; never null
   * @return true if it was locked
   */
  public boolean unlockPrincipal(String principalId) {
    return principals.remove(principalId);
  }

  /**
   * Unblocks a source.
   *
   * @param source the source; never null
   * @return true if it was blocked
   */
  public boolean unblockSource(String source) {
    return sources.remove(source);
  }

  /**
   * Whether a principal is locked.
   *
   * @param principalId the principal; never null
   * @return true if locked
   */
  public boolean isPrincipalLocked(String principalId) {
    return principals.contains(principalId);
  }

  /**
   * Whether a source is blocked.
   *
   * @param source the source; never null
   * @return true if blocked
   */
  public boolean isSourceBlocked(String source) {
    return sources.contains(source);
  }

  /**
   * Requires a principal to pass a second factor on its next authentication (even where its policy does not ask for
   * one).
   *
   * @param principalId the principal; never null
   * @return true if it was not required before
   */
  public boolean requireMfaStepUp(String principalId) {
    return stepUp.add(principalId);
  }

  /**
   * Clears a step-up requirement, e.g. once the principal passed MFA.
   *
   * @param principalId the principal; never null
   * @return true if it was required
   */
  public boolean clearMfaStepUp(String principalId) {
    return stepUp.remove(principalId);
  }

  /**
   * Whether a principal must pass an MFA step-up.
   *
   * @param principalId the principal; never null
   * @return true if required
   */
  public boolean isMfaStepUpRequired(String principalId) {
    return stepUp.contains(principalId);
  }
}
