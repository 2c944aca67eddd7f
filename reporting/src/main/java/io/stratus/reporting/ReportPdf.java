package io.stratus.reporting;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Renders a {@link Report} as PDF (A4 landscape) with openhtmltopdf over Apache PDFBox: the same headline figures,
 * highlights and tables as the HTML report, page headers repeated on long tables; charts are printed as their data
 * tables (the axis labels and unit in the caption), since the PDF engine draws no inline SVG. Text uses the PDF
 * standard fonts, which cover Latin-1: characters outside it do not print faithfully.
 *
 * <p>Thread-safe; each call renders on its own.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportPdf {
  private static final String CSS = "@page{size:A4 landscape;margin:12mm;@bottom-right{content:counter(page) ' / '"
      + " counter(pages);font-size:8pt;color:#616e7c}}body{font-family:Helvetica,sans-serif;font-size:9pt;"
      + "color:#1f2933}h1{font-size:16pt;margin:0 0 2pt 0}h2{font-size:12pt;border-bottom:1px solid #d9e2ec;"
      + "margin:12pt 0 4pt 0;page-break-after:avoid}.meta{color:#616e7c;margin:0 0 6pt 0}"
      + "table{border-collapse:collapse;margin:4pt 0 8pt 0;-fs-table-paginate:paginate}"
      + "caption{text-align:left;font-weight:bold;padding:2pt 0}th,td{border-bottom:1px solid #d9e2ec;"
      + "padding:2pt 5pt;text-align:left;vertical-align:top}th{background:#f0f4f8}td.n,th.n{text-align:right}"
      + "table.wide{font-size:6.5pt}table.wide td,table.wide th{padding:1pt 2pt}"
      + ".kpi td.v{font-size:12pt;font-weight:bold}.good{color:#1a7f37}.bad{color:#b42318}";
  private static final int WIDE = 12;

  private ReportPdf() {}

  /**
   * Renders a report as PDF to a host-supplied stream (not closed).
   *
   * @param report the report; never null
   * @param out where the PDF goes; never null
   * @throws UncheckedIOException if the stream fails or the PDF cannot be produced
   */
  public static void write(Report report, OutputStream out) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(out, "out");
    try {
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.useFastMode();
      b.withHtmlContent(xhtml(report), null);
      b.toStream(out);
      b.run();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering report '" + report.title() + "' as PDF failed", e);
    }
  }

  /**
   * Renders a report as PDF.
   *
   * @param report the report; never null
   * @return the PDF document; never null
   * @throws UncheckedIOException if the PDF cannot be produced
   */
  public static byte[] render(Report report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    write(report, out);
    return out.toByteArray();
  }

  /** The report as well-formed XHTML that the PDF engine lays out. */
  static String xhtml(Report r) {
    StringBuilder o = new StringBuilder(32 * 1024);
    o.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"
        + "<head><meta charset=\"utf-8\"/><title>").append(esc(r.title())).append("</title><style>").append(CSS)
        .append("</style></head><body><h1>").append(esc(r.title())).append("</h1>");
    if (!r.subtitle().isEmpty()) {
      o.append("<p class=\"meta\">").append(esc(r.subtitle())).append("</p>");
    }
    o.append("<p class=\"meta\">Period ").append(Fmt.day(r.from())).append(" to ")
        .append(Fmt.day(r.to().minusSeconds(1))).append(" (UTC); generated ").append(Fmt.minute(r.generatedAt()))
        .append(" UTC</p>");
    for (Section s : r.sections()) {
      o.append("<h2>").append(esc(s.title())).append("</h2>");
      for (Block b : s.blocks()) {
        block(b, o);
      }
    }
    return o.append("</body></html>\n").toString();
  }

  private static void block(Block b, StringBuilder o) {
    if (b instanceof Block.Paragraph p) {
      o.append("<p>").append(esc(p.text())).append("</p>");
    } else if (b instanceof Block.Highlights h) {
      o.append("<ul>");
      h.items().forEach(i -> o.append("<li>").append(esc(i)).append("</li>"));
      o.append("</ul>");
    } else if (b instanceof Block.Kpis k) {
      o.append("<table class=\"kpi\"><thead><tr><th>Figure</th><th class=\"n\">Value</th><th>Note</th></tr></thead>"
          + "<tbody>");
      for (Block.Kpi kpi : k.items()) {
        String tone = kpi.tone() == Block.Tone.GOOD ? " good" : kpi.tone() == Block.Tone.BAD ? " bad" : "";
        o.append("<tr><td>").append(esc(kpi.label())).append("</td><td class=\"n v").append(tone).append("\">")
            .append(esc(kpi.value())).append("</td><td>").append(esc(kpi.note())).append("</td></tr>");
      }
      o.append("</tbody></table>");
    } else if (b instanceof Chart c) {
      chart(c, o);
    } else if (b instanceof Table t) {
      table(t, o);
    }
  }

  private static void chart(Chart c, StringBuilder o) {
    o.append("<table").append(c.series().size() + 1 > WIDE ? " class=\"wide\"" : "").append("><caption>")
        .append(esc(c.title())).append(" (").append(c.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .append(" chart; ").append(esc(c.yLabel())).append(c.unit().isEmpty() ? "" : " in " + esc(c.unit()))
        .append(")</caption><thead><tr><th>").append(esc(c.xLabel().isEmpty() ? "Category" : c.xLabel()))
        .append("</th>");
    c.series().forEach(s -> o.append("<th class=\"n\">").append(esc(s.name())).append("</th>"));
    o.append("</tr></thead><tbody>");
    for (int i = 0; i < c.categories().size(); i++) {
      o.append("<tr><td>").append(esc(c.categories().get(i))).append("</td>");
      for (Chart.Series s : c.series()) {
        o.append("<td class=\"n\">").append(Fmt.number(s.values().get(i))).append("</td>");
      }
      o.append("</tr>");
    }
    o.append("</tbody></table>");
  }

  private static void table(Table t, StringBuilder o) {
    o.append("<table").append(t.columns().size() > WIDE ? " class=\"wide\"" : "").append("><caption>")
        .append(esc(t.title())).append("</caption><thead><tr>");
    for (Table.Column c : t.columns()) {
      o.append("<th").append(c.numeric() ? " class=\"n\"" : "").append('>')
          .append(esc(c.name() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"))).append("</th>");
    }
    o.append("</tr></thead><tbody>");
    Map<String, Integer> depth = new HashMap<>();
    for (Table.Row r : t.rows()) {
      int d = r.parent().isEmpty() ? 0 : depth.getOrDefault(r.parent(), 0) + 1;
      depth.put(r.id(), d);
      o.append("<tr>");
      for (int i = 0; i < r.cells().size(); i++) {
        String v = r.cells().get(i);
        boolean numeric = t.columns().get(i).numeric();
        o.append("<td").append(numeric ? " class=\"n\"" : "")
            .append(i == 0 && d > 0 ? " style=\"padding-left:" + (5 + 10 * d) + "pt\"" : "").append('>')
            .append(numeric && !v.isEmpty() ? Fmt.grouped(new BigDecimal(v)) : esc(v)).append("</td>");
      }
      o.append("</tr>");
    }
    o.append("</tbody></table>");
  }

  private static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> {
          if (ch < 0x20 && ch != '\n' && ch != '\t') {
            sb.append(' ');
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
