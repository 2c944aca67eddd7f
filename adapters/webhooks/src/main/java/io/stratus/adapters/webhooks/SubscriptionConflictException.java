package io.stratus.adapters.webhooks;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A compare-and-set {@link SubscriptionStore#update} found another version than the caller expected: someone else
 * changed (or created, or deleted) the subscription since the caller read it. Nothing was written; re-read the
 * subscription, apply the change again and retry.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class SubscriptionConflictException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String subscriptionId;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * Creates the exception.
   *
   * @param subscriptionId the subscription; never null
   * @param expectedVersion the version the caller expected (0: absent)
   * @param actualVersion the stored version (0: absent)
   */
  public SubscriptionConflictException(String subscriptionId, long expectedVersion, long actualVersion) {
    super("subscription " + subscriptionId + " is at version " + actualVersion + (actualVersion == 0 ? " (absent)" : "")
        + ", not the expected " + expectedVersion + (expectedVersion == 0 ? " (absent)" : "")
        + "; re-read it, re-apply the change and retry");
    this.subscriptionId = subscriptionId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /**
   * The subscription concerned.
   *
   * @return the id; never null
   */
  public String subscriptionId() {
    return subscriptionId;
  }

  /**
   * The version the caller expected; 0 when it expected no subscription.
   *
   * @return the version
   */
  public long expectedVersion() {
    return expectedVersion;
  }

  /**
   * The version found; 0 when there is no subscription.
   *
   * @return the version
   */
  public long actualVersion() {
    return actualVersion;
  }
}
