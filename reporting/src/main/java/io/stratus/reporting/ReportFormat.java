package io.stratus.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The formats a {@link Report} renders to. HTML is one self-contained page (inline CSS, inline SVG charts, a small
 * vanilla script for sorting, filtering and drill-down; no external assets; readable on a phone); Markdown renders
 * charts as their data tables; JSON is the report model; CSV is the long form {@code
 * section,block,row,column,value} of every table, chart and KPI. PDF is binary and is rendered by {@link ReportPdf}.
 *
 * <p>Immutable and thread-safe; rendering holds no shared state.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ReportFormat {
  /** Self-contained HTML. */
  HTML("html", "text/html; charset=utf-8"),
  /** CommonMark with GitHub-style tables. */
  MARKDOWN("md", "text/markdown; charset=utf-8"),
  /** The report model as JSON. */
  JSON("json", "application/json"),
  /** Every data point in long form. */
  CSV("csv", "text/csv; charset=utf-8");

  private final String extension;
  private final String mediaType;

  ReportFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /**
   * The usual file extension, without the dot.
   *
   * @return the extension; never null
   */
  public String extension() {
    return extension;
  }

  /**
   * The media type.
   *
   * @return the media type; never null
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Renders a report to a host-supplied sink.
   *
   * @param report the report; never null
   * @param out where to write; never null
   * @throws UncheckedIOException if the sink fails
   */
  public void render(Report report, Appendable out) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(out, "out");
    try {
      switch (this) {
        case HTML:
          new HtmlRenderer(out).report(report);
          break;
        case MARKDOWN:
          new MarkdownRenderer(out).report(report);
          break;
        case JSON:
          JsonRenderer.report(report, out);
          break;
        default:
          CsvRenderer.report(report, out);
          break;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rendering report '" + report.title() + "' as " + this + " failed", e);
    }
  }

  /**
   * Renders a report to a string.
   *
   * @param report the report; never null
   * @return the rendered text; never null
   */
  public String render(Report report) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    render(report, sb);
    return sb.toString();
  }
}
