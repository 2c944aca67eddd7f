package io.stratus.reporting;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A rendered-format-neutral report: a title, the period it covers, and sections of blocks. Renderers
 * ({@link ReportFormat}) turn it into HTML, Markdown, JSON or CSV.
 *
 * <p>Immutable and thread-safe.
 *
 * @param title the report's title; not blank
 * @param subtitle one line under the title, may be empty
 * @param generatedAt when the report was made (from the injected clock)
 * @param from the inclusive start of the period covered
 * @param to the exclusive end of the period covered
 * @param sections the sections, in order; their ids are unique, and so are the ids of charts and tables
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Report(String title, String subtitle, Instant generatedAt, Instant from, Instant to,
    List<Section> sections) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the title is blank, the period is empty, or an id repeats
   */
  public Report {
    Objects.requireNonNull(title, "report.title");
    Objects.requireNonNull(subtitle, "report.subtitle");
    Objects.requireNonNull(generatedAt, "report.generatedAt");
    Objects.requireNonNull(from, "report.from");
    Objects.requireNonNull(to, "report.to");
    sections = List.copyOf(Objects.requireNonNull(sections, "report.sections"));
    if (title.isBlank()) {
      throw new IllegalArgumentException("report.title must not be blank");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("report.to must be after from " + from + ", got " + to);
    }
    Set<String> ids = new HashSet<>();
    for (Section s : sections) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("report section id '" + s.id() + "' repeats");
      }
      for (Block b : s.blocks()) {
        String id = b instanceof Chart c ? c.id() : b instanceof Table t ? t.id() : null;
        if (id != null && !ids.add(id)) {
          throw new IllegalArgumentException("report id '" + id + "' (in section '" + s.id() + "') repeats");
        }
      }
    }
  }
}
