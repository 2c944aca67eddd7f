/**
 * The discrete-event core: a {@link io.stratus.simulation.engine.SimulationEngine} with a virtual clock exposed as a
 * {@link java.time.InstantSource}, an indexed event heap over primitive arrays with cancellable events and a
 * deterministic order for equal timestamps, and seeded random streams per component ({@link
 * io.stratus.simulation.engine.RandomStreams}, {@link io.stratus.simulation.engine.CounterRandom}) so that the same
 * seed gives the same run whatever the number of threads the host uses for replications.
 */
package io.stratus.simulation.engine;
