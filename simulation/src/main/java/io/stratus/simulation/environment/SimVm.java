package io.stratus.simulation.environment;

import io.stratus.model.Offer;
import java.util.Map;

/** One machine of the simulated fleet: what it is, and when it launched, ran and ended (nanos since the origin). */
final class SimVm {
  final int index;
  final String id;
  final Offer offer;
  final String zone;
  final Map<String, String> labels;
  final long launchNanos;
  long runningNanos = -1;
  long endNanos = -1;
  String endReason = "";
  EnvironmentEvent.Type endType;
  long pending = -1;
  long failHandle = -1;
  long noticeHandle = -1;
  long reclaimHandle = -1;
  double perfFactor;

  SimVm(int index, String id, Offer offer, String zone, Map<String, String> labels, long launchNanos) {
    this.index = index;
    this.id = id;
    this.offer = offer;
    this.zone = zone;
    this.labels = labels;
    this.launchNanos = launchNanos;
  }
}
