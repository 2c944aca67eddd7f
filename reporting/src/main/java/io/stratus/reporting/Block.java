package io.stratus.reporting;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One piece of a {@link Section}: a paragraph, plain-language highlights, a row of KPIs, a {@link Chart} or a
 * {@link Table}.
 *
 * <p>All implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Block permits Block.Paragraph, Block.Highlights, Block.Kpis, Chart, Table {

  /**
   * A paragraph of plain text.
   *
   * @param text the text; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Paragraph(String text) implements Block {
    /** Validates. */
    public Paragraph {
      Objects.requireNonNull(text, "paragraph.text");
    }
  }

  /**
   * Plain-language findings, most important first.
   *
   * @param items one sentence each; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Highlights(List<String> items) implements Block {
    /** Validates and copies. */
    public Highlights {
      items = List.copyOf(Objects.requireNonNull(items, "highlights.items"));
    }
  }

  /**
   * A row of key figures.
   *
   * @param items the figures; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Kpis(List<Kpi> items) implements Block {
    /** Validates and copies. */
    public Kpis {
      items = List.copyOf(Objects.requireNonNull(items, "kpis.items"));
    }
  }

  /**
   * One key figure.
   *
   * @param label what it is, e.g. "Spend"
   * @param value the formatted value with its unit, e.g. "$12,345.67"
   * @param note context, e.g. "+4.2% vs previous period"; may be empty
   * @param tone how to read it: good, bad or neutral
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Kpi(String label, String value, String note, Tone tone) {
    /** Validates. */
    public Kpi {
      Objects.requireNonNull(label, "kpi.label");
      Objects.requireNonNull(value, "kpi.value");
      Objects.requireNonNull(note, "kpi.note");
      Objects.requireNonNull(tone, "kpi.tone");
    }
  }

  /** How a figure reads. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  enum Tone {
    /** Good news. */
    GOOD,
    /** Needs attention. */
    BAD,
    /** Neither. */
    NEUTRAL
  }
}
