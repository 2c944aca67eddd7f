package io.stratus.simulation.scenario;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A scenario (or sweep) started by {@link ScenarioEngine#start} or {@link ScenarioEngine#startSweep}: its runs execute
 * on the host's executor; {@link #cancel()} stops them, {@link #join()} waits for the results.
 *
 * <p>A cancelled run stops at its next check: before it starts, between slices of one simulated hour, and before each
 * job placement. Interrupting the thread that executes a run stops that run the same way, which also covers
 * executors that run tasks on the calling thread ({@code Runnable::run}, where {@code start} itself runs everything).
 *
 * <p>Thread-safe.
 *
 * @param <T> the result type: the runs, or the sweep points
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioExecution<T> {
  private final String name;
  private final AtomicBoolean cancelled;
  private final List<CompletableFuture<RunResult>> runs;
  private final Supplier<T> collect;

  ScenarioExecution(String name, AtomicBoolean cancelled, List<CompletableFuture<RunResult>> runs,
      Supplier<T> collect) {
    this.name = name;
    this.cancelled = cancelled;
    this.runs = List.copyOf(runs);
    this.collect = collect;
  }

  /**
   * Asks every run to stop; runs not yet started will not start. Idempotent.
   *
   * @return true if this call cancelled the execution, false if it was already cancelled or finished
   */
  public boolean cancel() {
    return !isDone() && cancelled.compareAndSet(false, true);
  }

  /**
   * Whether {@link #cancel()} was called (or a waiting thread was interrupted) before the execution finished.
   *
   * @return true if cancelled
   */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Whether every run has ended (finished, failed or stopped after a cancellation).
   *
   * @return true if no run is pending or running
   */
  public boolean isDone() {
    return runs.stream().allMatch(CompletableFuture::isDone);
  }

  /**
   * Waits until every run has ended and returns the results. If the waiting thread is interrupted, the execution is
   * cancelled, the interrupt flag is restored, and the runs are still awaited (they stop at their next check).
   *
   * @return the results; never null
   * @throws ScenarioCancelledException if the execution was cancelled
   * @throws RuntimeException the first failure of a run (e.g. {@link io.stratus.InvalidConfigurationException})
   */
  public T join() {
    boolean interrupted = false;
    RuntimeException failure = null;
    for (CompletableFuture<RunResult> f : runs) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          cancelled.set(true);
        } catch (ExecutionException e) {
          if (failure == null || failure instanceof ScenarioCancelledException) {
            failure = e.getCause() instanceof RuntimeException r ? r
                : new IllegalStateException("a run of scenario '" + name + "' failed", e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (cancelled.get()) {
      throw new ScenarioCancelledException("scenario '" + name + "' was cancelled"
          + (interrupted ? " (the waiting thread was interrupted)" : ""));
    }
    if (failure != null) {
      throw failure;
    }
    return Objects.requireNonNull(collect.get(), "results");
  }
}
