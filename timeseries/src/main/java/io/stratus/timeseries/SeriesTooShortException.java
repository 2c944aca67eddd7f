package io.stratus.timeseries;

import org.apiguardian.api.API;

/**
 * Thrown when a series has fewer observations than a method needs (for example a seasonal model that needs two full
 * cycles). Immutable.
 *
 * <p>It is an {@link IllegalArgumentException}: the caller passed too little data. {@link #required()} and
 * {@link #actual()} say by how much.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesTooShortException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int required;
  private final int actual;

  /**
   * Creates the exception.
   *
   * @param what what needs the data, e.g. {@code "ETS(A,A,A) with season period 24"}; never null
   * @param required the minimum number of observations
   * @param actual the number of observations given
   */
  public SeriesTooShortException(String what, int required, int actual) {
    super(what + " needs at least " + required + " observations, got " + actual);
    this.required = required;
    this.actual = actual;
  }

  /**
   * Returns the minimum number of observations.
   *
   * @return the minimum length the method needs
   */
  public int required() {
    return required;
  }

  /**
   * Returns the number of observations given.
   *
   * @return the length of the rejected series
   */
  public int actual() {
    return actual;
  }
}
