package io.stratus.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;

/** Renders the report model as JSON (format marker {@code stratus.report/1}). Stateless and thread-safe. */
final class JsonRenderer {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonRenderer() {}

  static void report(Report r, Appendable out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", "stratus.report/1");
    root.put("title", r.title());
    root.put("subtitle", r.subtitle());
    root.put("generatedAt", r.generatedAt().toString());
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    ArrayNode sections = root.putArray("sections");
    for (Section s : r.sections()) {
      ObjectNode sn = sections.addObject();
      sn.put("id", s.id());
      sn.put("title", s.title());
      ArrayNode blocks = sn.putArray("blocks");
      for (Block b : s.blocks()) {
        block(b, blocks.addObject());
      }
    }
    out.append(MAPPER.writeValueAsString(root)).append('\n');
  }

  private static void block(Block b, ObjectNode n) {
    if (b instanceof Block.Paragraph p) {
      n.put("type", "paragraph");
      n.put("text", p.text());
    } else if (b instanceof Block.Highlights h) {
      n.put("type", "highlights");
      h.items().forEach(n.putArray("items")::add);
    } else if (b instanceof Block.Kpis k) {
      n.put("type", "kpis");
      ArrayNode items = n.putArray("items");
      for (Block.Kpi kpi : k.items()) {
        ObjectNode o = items.addObject();
        o.put("label", kpi.label());
        o.put("value", kpi.value());
        o.put("note", kpi.note());
        o.put("tone", kpi.tone().name().toLowerCase(Locale.ROOT));
      }
    } else if (b instanceof Chart c) {
      n.put("type", "chart");
      n.put("id", c.id());
      n.put("title", c.title());
      n.put("chart", c.type().name().toLowerCase(Locale.ROOT));
      n.put("xLabel", c.xLabel());
      n.put("yLabel", c.yLabel());
      n.put("unit", c.unit());
      c.categories().forEach(n.putArray("categories")::add);
      ArrayNode series = n.putArray("series");
      for (Chart.Series s : c.series()) {
        ObjectNode o = series.addObject();
        o.put("name", s.name());
        ArrayNode values = o.putArray("values");
        s.values().forEach(v -> values.add(new BigDecimal(Fmt.cell(v))));
      }
    } else if (b instanceof Table t) {
      n.put("type", "table");
      n.put("id", t.id());
      n.put("title", t.title());
      ArrayNode cols = n.putArray("columns");
      for (Table.Column c : t.columns()) {
        ObjectNode o = cols.addObject();
        o.put("name", c.name());
        o.put("numeric", c.numeric());
        o.put("unit", c.unit());
      }
      ArrayNode rows = n.putArray("rows");
      for (Table.Row r : t.rows()) {
        ObjectNode o = rows.addObject();
        o.put("id", r.id());
        o.put("parent", r.parent());
        ArrayNode cells = o.putArray("cells");
        for (int i = 0; i < r.cells().size(); i++) {
          String v = r.cells().get(i);
          if (t.columns().get(i).numeric() && !v.isEmpty()) {
            cells.add(new BigDecimal(v));
          } else {
            cells.add(v);
          }
        }
      }
    }
  }
}
