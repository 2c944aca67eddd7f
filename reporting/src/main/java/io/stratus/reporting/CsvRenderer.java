package io.stratus.reporting;

import java.io.IOException;

/**
 * Renders every data point of a report in long form, RFC 4180: {@code section,block,row,column,value}. Stateless.
 */
final class CsvRenderer {
  private CsvRenderer() {}

  static void report(Report r, Appendable out) throws IOException {
    out.append("section,block,row,column,value\r\n");
    for (Section s : r.sections()) {
      for (Block b : s.blocks()) {
        if (b instanceof Block.Kpis k) {
          for (Block.Kpi kpi : k.items()) {
            line(out, s.id(), "kpis", kpi.label(), "value", kpi.value());
            line(out, s.id(), "kpis", kpi.label(), "note", kpi.note());
          }
        } else if (b instanceof Block.Highlights h) {
          for (int i = 0; i < h.items().size(); i++) {
            line(out, s.id(), "highlights", Integer.toString(i + 1), "text", h.items().get(i));
          }
        } else if (b instanceof Chart c) {
          for (Chart.Series ser : c.series()) {
            for (int i = 0; i < c.categories().size(); i++) {
              line(out, s.id(), c.id(), c.categories().get(i), ser.name(), Fmt.cell(ser.values().get(i)));
            }
          }
        } else if (b instanceof Table t) {
          for (Table.Row row : t.rows()) {
            for (int i = 0; i < t.columns().size(); i++) {
              line(out, s.id(), t.id(), row.id(), t.columns().get(i).name(), row.cells().get(i));
            }
          }
        } else if (b instanceof Block.Paragraph p) {
          line(out, s.id(), "paragraph", "1", "text", p.text());
        }
      }
    }
  }

  private static void line(Appendable out, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    out.append("\r\n");
  }
}
