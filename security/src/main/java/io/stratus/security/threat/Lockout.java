package io.stratus.security.threat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Locked principals and blocked sources, which the host's authentication checks before verifying credentials. Locks
 * last until {@link #unlockPrincipal(String)} or {@link #unblockSource(String)}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Lockout {
  private final Set<String> principals = ConcurrentHashMap.newKeySet();
  private final Set<String> sources = ConcurrentHashMap.newKeySet();

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
}
