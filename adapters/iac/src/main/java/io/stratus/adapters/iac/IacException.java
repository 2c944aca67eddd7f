package io.stratus.adapters.iac;

import io.stratus.StratusException;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An infrastructure-as-code file (plan, template, parameter or usage file) could not be read: it is not valid JSON or
 * YAML, or a value breaks a rule. The message and the fields name the file, the path inside it and the rule.
 *
 * <p>Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class IacException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String path;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param file the file's name as given; never null
   * @param path where in the file, e.g. {@code resource_changes[3].change.after.instance_type} or {@code line 4,
   *     column 7}; never null
   * @param rule the rule the value breaks, with the value; never null
   * @param cause the underlying failure; may be null
   */
  public IacException(String file, String path, String rule, @Nullable Throwable cause) {
    super(file + ": " + path + ": " + rule);
    if (cause != null) {
      initCause(cause);
    }
    this.file = Objects.requireNonNull(file, "file");
    this.path = Objects.requireNonNull(path, "path");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /**
   * Creates the exception without a cause.
   *
   * @param file the file's name as given; never null
   * @param path where in the file; never null
   * @param rule the rule the value breaks, with the value; never null
   */
  public IacException(String file, String path, String rule) {
    this(file, path, rule, null);
  }

  /**
   * The file that could not be read.
   *
   * @return the file name; never null
   */
  public String file() {
    return file;
  }

  /**
   * Where in the file.
   *
   * @return the path; never null
   */
  public String path() {
    return path;
  }

  /**
   * The rule that was broken.
   *
   * @return the rule, with the offending value; never null
   */
  public String rule() {
    return rule;
  }
}
