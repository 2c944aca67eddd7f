package io.stratus.security.crypto;

/** Counts steps and throws {@link Crash} at a chosen one (never, when {@code crashAt} is negative). */
final class Faults {
  /** A simulated crash. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("injected crash " + where);
    }
  }

  private int steps;
  private int crashAt;

  Faults(int crashAt) {
    this.crashAt = crashAt;
  }

  synchronized void step(String where) {
    if (steps++ == crashAt) {
      throw new Crash("at step " + (steps - 1) + ", " + where);
    }
  }

  synchronized int steps() {
    return steps;
  }

  synchronized void disarm() {
    crashAt = -1;
  }
}
