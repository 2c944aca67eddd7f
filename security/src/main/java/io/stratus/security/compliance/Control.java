package io.stratus.security.compliance;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One control of a framework, and the kinds of evidence that show it operating. Immutable value.
 *
 * @param framework the framework; never null
 * @param id the framework's own id, e.g. {@code CC6.1}, {@code Art. 32(1)(a)}, {@code 164.312(b)}; never null
 * @param title the framework's short title of the control; never null
 * @param evidence the evidence kinds that, all passing, show the control operating; empty when Stratus has no
 *     evidence for it (the control is then always {@link ComplianceStatus#MANUAL}); never null
 * @param note what the evidence covers and what is left to a person; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Control(Framework framework, String id, String title, List<String> evidence, String note) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id or title is blank
   */
  public Control {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(note, "note");
    evidence = List.copyOf(evidence);
    if (id.isBlank() || title.isBlank()) {
      throw new IllegalArgumentException("control id '" + id + "' and title '" + title + "' must not be blank");
    }
  }
}
