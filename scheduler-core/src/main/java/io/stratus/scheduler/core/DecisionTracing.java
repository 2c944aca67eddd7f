package io.stratus.scheduler.core;

import org.apiguardian.api.API;

/**
 * How a scheduler traces single decisions ({@code schedule(workload)}) when the host installs OpenTelemetry. Batch
 * placement ({@code stratus.scheduler.place_all}) and price reads ({@code stratus.scheduler.prices.fetch}) are traced
 * as spans in either mode. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DecisionTracing {
  /**
   * A span {@code stratus.scheduler.schedule} per decision, a child of the caller's current span (or a root span),
   * with the scheduler, the workload id, the outcome, the chosen provider and region and the candidate counts as
   * attributes; a failure marks it {@code ERROR}. Opt-in, for debugging: with an always-sampling SDK it adds about a
   * fifth to the calling thread's CPU for a 10,000-candidate decision (docs/operations.md, "Tracing cost").
   */
  SPAN,
  /**
   * An event {@code stratus.scheduler.decision} with the same attributes on the caller's current span, when that span
   * is recording; nothing when the caller has no recording span. A failure is recorded as an exception event on that
   * span, whose status stays the caller's to set. An event needs no span ids, no span processor and no export of its
   * own, but its attributes cost about as much to build, so it is only somewhat cheaper than a span; it suits hosts
   * that want each decision inside their own request spans.
   */
  EVENT,
  /**
   * No trace of single decisions: no span, no event, no context switch; the latency timer and the outcome and
   * rejection counters are their record, and the {@code Decision} itself carries the explanation. OpenTelemetry's
   * advice for instrumentation that produces too many spans is to sample it or to turn it off; this turns it off for
   * hosts that install an always-sampling SDK and decide at rates where even one span per decision costs more than
   * they allow (docs/operations.md, "Tracing cost"). The default: it keeps an installed SDK within 5 % of the
   * untraced decision.
   */
  NONE
}
