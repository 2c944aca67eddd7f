package io.stratus.reporting;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A titled part of a {@link Report}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a stable id, used as an HTML anchor: letters, digits and dashes
 * @param title the heading; not blank
 * @param blocks the content, in order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Section(String id, String title, List<Block> blocks) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the id is not a valid anchor or the title is blank
   */
  public Section {
    Ids.check(id, "section.id");
    Objects.requireNonNull(title, "section.title");
    if (title.isBlank()) {
      throw new IllegalArgumentException("section.title must not be blank (section '" + id + "')");
    }
    blocks = List.copyOf(Objects.requireNonNull(blocks, "section.blocks"));
  }
}
