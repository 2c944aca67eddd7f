package io.stratus.timeseries;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Thrown when a method's internal state (smoothing states, likelihood, forecast or its standard deviation) stops
 * being a finite number, for example because the values are so large that their squares overflow {@code double}, or
 * because the model's recursions diverge on the series. Immutable.
 *
 * <p>It is an {@link IllegalArgumentException}, like {@link SeriesTooShortException}: the series is finite and long
 * enough, but this method cannot represent a model of it. {@link #method()} names the method and {@link #quantity()} the value that became
 * non-finite. The automatic forecaster catches it and falls back to a simpler method.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NonFiniteStateException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String quantity;

  /**
   * Creates the exception.
   *
   * @param method the method whose state became non-finite, e.g. {@code "ETS(A,A,N)"}; never null
   * @param quantity what became non-finite, with its value, e.g. {@code "forecast step 3 = Infinity"}; never null
   * @param hint what the caller can do, appended to the message; never null (may be empty)
   * @throws NullPointerException if an argument is null
   */
  public NonFiniteStateException(String method, String quantity, String hint) {
    super(Objects.requireNonNull(method, "method") + ": internal state is not finite ("
        + Objects.requireNonNull(quantity, "quantity") + ")" + (Objects.requireNonNull(hint, "hint").isEmpty() ? ""
            : "; " + hint));
    this.method = method;
    this.quantity = quantity;
  }

  /**
   * Returns the method whose state became non-finite.
   *
   * @return the method name; never null
   */
  public String method() {
    return method;
  }

  /**
   * Returns what became non-finite, with its value.
   *
   * @return the description; never null
   */
  public String quantity() {
    return quantity;
  }
}
