package io.stratus.monitoring.alerting;

import java.time.Instant;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Something outside monitoring that may share a cause with an incident, such as a cost anomaly from FinOps. The host
 * adapts its own event to this interface and offers it with {@link AlertEngine#offerSignal(ExternalSignal)}; it joins
 * an open incident when it happened inside the incident's time window and shares a correlation label value (by default
 * region or deployment).
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ExternalSignal {
  /**
   * Where it comes from, e.g. {@code finops}.
   *
   * @return the source; never null
   */
  String source();

  /**
   * One line for people.
   *
   * @return the summary; never null
   */
  String summary();

  /**
   * When it happened.
   *
   * @return the instant; never null
   */
  Instant at();

  /**
   * Labels such as region, provider and deployment.
   *
   * @return the labels; never null
   */
  Map<String, String> labels();
}
