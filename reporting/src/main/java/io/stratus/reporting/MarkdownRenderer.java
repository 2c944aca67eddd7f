package io.stratus.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders a report as Markdown. Not thread-safe; one per rendering. */
final class MarkdownRenderer {
  private final Appendable out;

  MarkdownRenderer(Appendable out) {
    this.out = out;
  }

  void report(Report r) throws IOException {
    out.append("# ").append(esc(r.title())).append("\n\n");
    if (!r.subtitle().isEmpty()) {
      out.append(esc(r.subtitle())).append("\n\n");
    }
    out.append("_Period ").append(Fmt.day(r.from())).append(" to ").append(Fmt.day(r.to().minusSeconds(1)))
        .append(" (UTC); generated ").append(Fmt.minute(r.generatedAt())).append(" UTC._\n\n");
    for (Section s : r.sections()) {
      out.append("## ").append(esc(s.title())).append("\n\n");
      for (Block b : s.blocks()) {
        block(b);
      }
    }
  }

  private void block(Block b) throws IOException {
    if (b instanceof Block.Paragraph p) {
      out.append(esc(p.text())).append("\n\n");
    } else if (b instanceof Block.Highlights h) {
      for (String item : h.items()) {
        out.append("- ").append(esc(item)).append('\n');
      }
      out.append('\n');
    } else if (b instanceof Block.Kpis k) {
      out.append("| Figure | Value | Note |\n|---|---:|---|\n");
      for (Block.Kpi kpi : k.items()) {
        out.append("| ").append(cell(kpi.label())).append(" | **").append(cell(kpi.value())).append("** | ")
            .append(cell(kpi.note())).append(" |\n");
      }
      out.append('\n');
    } else if (b instanceof Chart c) {
      chart(c);
    } else if (b instanceof Table t) {
      table(t);
    }
  }

  private void chart(Chart c) throws IOException {
    out.append("**").append(esc(c.title())).append("** (").append(c.type().name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', ' ')).append(" chart, ").append(esc(c.yLabel())).append(c.unit().isEmpty() ? "" : " in "
            + esc(c.unit())).append(")\n\n");
    out.append("| ").append(c.xLabel().isEmpty() ? "Category" : cell(c.xLabel()));
    for (Chart.Series s : c.series()) {
      out.append(" | ").append(cell(s.name()));
    }
    out.append(" |\n|---");
    for (int i = 0; i < c.series().size(); i++) {
      out.append("|---:");
    }
    out.append("|\n");
    for (int i = 0; i < c.categories().size(); i++) {
      out.append("| ").append(cell(c.categories().get(i)));
      for (Chart.Series s : c.series()) {
        out.append(" | ").append(Fmt.number(s.values().get(i)));
      }
      out.append(" |\n");
    }
    out.append('\n');
  }

  private void table(Table t) throws IOException {
    out.append("**").append(esc(t.title())).append("**\n\n|");
    for (Table.Column c : t.columns()) {
      out.append(' ').append(cell(c.name() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"))).append(" |");
    }
    out.append("\n|");
    for (Table.Column c : t.columns()) {
      out.append(c.numeric() ? "---:|" : "---|");
    }
    out.append('\n');
    Map<String, Integer> depth = new HashMap<>();
    for (Table.Row r : t.rows()) {
      int d = r.parent().isEmpty() ? 0 : depth.get(r.parent()) + 1;
      depth.put(r.id(), d);
      out.append('|');
      List<String> cells = r.cells();
      for (int i = 0; i < cells.size(); i++) {
        String v = cells.get(i);
        String shown = t.columns().get(i).numeric() && !v.isEmpty() ? Fmt.grouped(new BigDecimal(v)) : cell(v);
        if (i == 0 && d > 0) {
          shown = "&nbsp;".repeat(4 * d) + "↳ " + shown;
        }
        out.append(' ').append(shown).append(" |");
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private static String cell(String s) {
    return esc(s).replace("|", "\\|").replace("\n", " ");
  }

  private static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      if ("\\`*_[]<>#".indexOf(ch) >= 0) {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }
}
