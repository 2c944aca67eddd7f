package io.stratus.cli;

import io.stratus.StratusException;
import io.stratus.adapters.iac.IacException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Maps failures to one line and an exit code. Stateless. */
final class Errors {
  private Errors() {}

  static int exitCode(Throwable e) {
    if (e instanceof IacException || e instanceof UncheckedIOException || e instanceof IOException
        || e instanceof StratusException || e instanceof IllegalArgumentException) {
      return Stratus.BAD_INPUT;
    }
    return Stratus.FAILURE;
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }
}
