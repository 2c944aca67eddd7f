package io.stratus.simulation.scenario;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A scenario run stopped before its end because it was cancelled ({@link ScenarioExecution#cancel()}) or the thread
 * running or awaiting it was interrupted (the interrupt flag is left set). No partial results are returned.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ScenarioCancelledException extends StratusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which scenario stopped and why; never null
   */
  public ScenarioCancelledException(String message) {
    super(message);
  }
}
