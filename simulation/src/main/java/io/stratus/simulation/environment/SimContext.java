package io.stratus.simulation.environment;

import io.stratus.simulation.engine.SimulationEngine;
import java.time.Instant;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What the parts of an {@link EnvironmentSimulator} share: the engine, the simulator's one lock and its listeners.
 * Engine events are registered through {@link #kind}, which runs each handler under the lock, so the parts ({@link
 * Fleet}, {@link Billing}, {@link Faults}, {@link Commitments}) never lock anything themselves.
 */
final class SimContext {
  static final long HOUR_NANOS = 3_600_000_000_000L;

  final SimulationEngine engine;
  private final Object lock;
  private final List<EnvironmentSimulator.Listener> listeners;

  SimContext(SimulationEngine engine, Object lock, List<EnvironmentSimulator.Listener> listeners) {
    this.engine = engine;
    this.lock = lock;
    this.listeners = List.copyOf(listeners);
  }

  /** Registers an engine event kind whose handler gets the event's int argument and runs under the lock. */
  int kind(IntConsumer handler) {
    return engine.register((e, arg, unused) -> {
      synchronized (lock) {
        handler.accept(arg);
      }
    });
  }

  /** Tells the listeners, on the calling (engine) thread, under the lock. */
  void emit(EnvironmentEvent.Type type, String vmId, String detail) {
    if (listeners.isEmpty()) {
      return;
    }
    EnvironmentEvent e = new EnvironmentEvent(type, engine.clock().instant(), vmId, detail);
    for (EnvironmentSimulator.Listener l : listeners) {
      l.onEvent(e);
    }
  }

  long now() {
    return engine.nowNanos();
  }

  /** The instant {@code nanos} after the engine's origin. */
  Instant at(long nanos) {
    return engine.origin().plusNanos(nanos);
  }
}
