package io.stratus.simulation.engine;

import org.apiguardian.api.API;

/**
 * Reacts to one kind of event. A handler is registered once with {@link SimulationEngine#register} and receives the
 * primitive arguments the event was scheduled with, so that scheduling allocates nothing per event.
 *
 * <p>Implementations are called on the thread that runs the engine; they need not be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface EventHandler {
  /**
   * Handles an event at the engine's current time ({@link SimulationEngine#nowNanos()}).
   *
   * @param engine the engine that fired the event; never null. The handler may schedule or cancel events on it.
   * @param arg the integer argument given when the event was scheduled (typically an entity index)
   * @param arg2 the long argument given when the event was scheduled (0 when none was given)
   */
  void onEvent(SimulationEngine engine, int arg, long arg2);
}
