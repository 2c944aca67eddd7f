package io.stratus.simulation.scenario;

/** A rule broken at a field of a scenario document (a path such as {@code workloads[0].arrivals.perHour}). */
final class FieldError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String path;

  FieldError(String path, String message) {
    super(message, null, false, false);
    this.path = path;
  }
}
