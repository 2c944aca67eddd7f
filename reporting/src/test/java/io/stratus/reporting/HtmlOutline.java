package io.stratus.reporting;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The structure of a rendered HTML report as text, for golden files: headings, KPIs, charts and tables. */
final class HtmlOutline {
  private HtmlOutline() {}

  static String of(Document doc) {
    StringBuilder sb = new StringBuilder();
    sb.append("title: ").append(doc.title()).append('\n');
    for (Element e : doc.select("h1, h2, h3, .kpi, figure.chart, table.data-table, ul.highlights li, main > section > p")) {
      switch (e.tagName()) {
        case "figure":
          sb.append("  chart #").append(e.id()).append(' ').append(e.attr("data-chart")).append(": ")
              .append(e.select("svg *").size()).append(" svg elements, legend ").append(e.select("ul.legend li")
                  .eachText()).append('\n');
          break;
        case "table":
          sb.append("  table #").append(e.id()).append(": columns ").append(e.select("thead th").eachText())
              .append(", ").append(e.select("tbody tr").size()).append(" rows (")
              .append(e.select("tbody tr[data-parent]").size()).append(" drill-down)\n");
          for (Element r : e.select("tbody tr")) {
            sb.append("    ").append("  ".repeat(Integer.parseInt(r.attr("data-depth")))).append(r.select("td")
                .eachText()).append('\n');
          }
          break;
        case "li":
          sb.append("  * ").append(e.text()).append('\n');
          break;
        case "p":
          sb.append("  p: ").append(e.text()).append('\n');
          break;
        case "div":
          sb.append("  kpi ").append(e.className()).append(": ").append(e.text()).append('\n');
          break;
        default:
          sb.append(e.tagName()).append(": ").append(e.text()).append('\n');
      }
    }
    return sb.toString();
  }
}
