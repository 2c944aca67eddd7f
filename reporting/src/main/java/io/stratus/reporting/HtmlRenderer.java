package io.stratus.reporting;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a report as one self-contained HTML page: inline CSS, inline SVG charts with HTML legends, and a small
 * vanilla script that sorts tables (click a header), filters them (the search box, or {@code
 * #filter=<tableId>:<text>} in the URL) and opens drill-down rows. Not thread-safe; one per rendering.
 */
final class HtmlRenderer {
  static final String CSS = ":root{--fg:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#fff;--accent:#4e79a7}"
      + "*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
      + "color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:16px}"
      + "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;border-bottom:1px solid var(--line);padding-bottom:.2em;"
      + "margin-top:1.6em}.subtitle,.meta{color:var(--muted);margin:.2em 0}nav{margin:.8em 0;display:flex;"
      + "flex-wrap:wrap;gap:.4em}nav a{color:var(--accent);text-decoration:none;border:1px solid var(--line);"
      + "border-radius:12px;padding:.1em .6em;font-size:.9em}"
      + ".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:.8em 0}"
      + ".kpi{border:1px solid var(--line);border-radius:8px;padding:10px}.kpi-label{color:var(--muted);"
      + "font-size:.85em}.kpi-value{font-size:1.35em;font-weight:600}.kpi-note{font-size:.8em;color:var(--muted)}"
      + ".kpi.good{border-left:4px solid #59a14f}.kpi.bad{border-left:4px solid #e15759}"
      + "figure.chart{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}"
      + ".chart-svg{width:100%;height:auto;max-width:760px;display:block}.chart-svg text{font-size:11px;"
      + "fill:var(--muted)}.chart-svg .axis-label{font-size:12px;fill:var(--fg)}.chart-svg .total{font-size:22px;"
      + "fill:var(--fg);font-weight:600}.chart-svg .grid{stroke:#eef2f6}.chart-svg .axis{stroke:#9aa5b1}"
      + ".legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.85em}"
      + ".legend .sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;"
      + "vertical-align:-1px}.heat-scale{display:inline-block;width:120px;height:.8em;vertical-align:-1px;"
      + "background:linear-gradient(90deg,#eff3ff,#08519c);margin:0 .4em}"
      + ".table-tools{display:flex;gap:.6em;align-items:center;flex-wrap:wrap;margin:.4em 0}"
      + ".table-filter{padding:.35em .5em;border:1px solid var(--line);border-radius:6px;min-width:12em}"
      + ".table-count{color:var(--muted);font-size:.85em}.table-wrap{overflow-x:auto}"
      + "table{border-collapse:collapse;width:100%;font-size:.9em}th,td{padding:.35em .5em;border-bottom:1px "
      + "solid var(--line);text-align:left;white-space:nowrap}th{cursor:pointer;user-select:none;background:#f5f7fa}"
      + "th[aria-sort=ascending]::after{content:' \\25B4'}th[aria-sort=descending]::after{content:' \\25BE'}"
      + "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
      + "button.toggle{border:0;background:none;cursor:pointer;padding:0 .3em;font-size:1em;color:var(--accent)}"
      + "tr[data-depth='1'] td:first-child{padding-left:1.8em}tr[data-depth='2'] td:first-child{padding-left:3.2em}"
      + "tr[data-depth='3'] td:first-child{padding-left:4.6em}"
      + "@media (max-width:600px){body{padding:10px;font-size:14px}h1{font-size:1.3em}.kpi-value{font-size:1.1em}"
      + "th,td{padding:.3em}}";

  static final String JS = "(function(){'use strict';"
      + "function rows(t){return Array.prototype.slice.call(t.tBodies[0].rows);}"
      + "function byId(t){var m={};rows(t).forEach(function(r){m[r.getAttribute('data-id')]=r;});return m;}"
      + "function kids(t,id){return rows(t).filter(function(r){return r.getAttribute('data-parent')===id;});}"
      + "function setOpen(t,r,open){var b=r.querySelector('button.toggle');if(b){b.textContent=open?'\\u25BE':"
      + "'\\u25B8';b.setAttribute('aria-expanded',open?'true':'false');}kids(t,r.getAttribute('data-id'))"
      + ".forEach(function(c){c.hidden=!open;if(!open){setOpen(t,c,false);}});}"
      + "function count(t){var n=rows(t).filter(function(r){return !r.hidden;}).length;t.setAttribute("
      + "'data-visible',String(n));var c=document.querySelector('.table-count[data-table=\"'+t.id+'\"]');"
      + "if(c){c.textContent=n+' of '+rows(t).length+' rows shown';}}"
      + "function filter(t,text){var q=text.trim().toLowerCase();var all=rows(t);var m=byId(t);"
      + "if(!q){all.forEach(function(r){if(r.getAttribute('data-parent')){r.hidden=true;}else{r.hidden=false;"
      + "setOpen(t,r,false);}});count(t);return;}"
      + "var show={};all.forEach(function(r){if(r.textContent.toLowerCase().indexOf(q)>=0){var x=r;"
      + "while(x){show[x.getAttribute('data-id')]=true;var p=x.getAttribute('data-parent');x=p?m[p]:null;}}});"
      + "all.forEach(function(r){r.hidden=!show[r.getAttribute('data-id')];var b=r.querySelector('button.toggle');"
      + "if(b){var open=kids(t,r.getAttribute('data-id')).some(function(c){return show[c.getAttribute('data-id')];});"
      + "b.textContent=open?'\\u25BE':'\\u25B8';b.setAttribute('aria-expanded',open?'true':'false');}});count(t);}"
      + "function sort(t,col,th){var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;"
      + "Array.prototype.forEach.call(th.parentNode.children,function(h){h.removeAttribute('aria-sort');});"
      + "th.setAttribute('aria-sort',dir>0?'ascending':'descending');var num=th.classList.contains('num');"
      + "function key(r){var c=r.cells[col];return num?parseFloat(c.getAttribute('data-v')||'NaN'):"
      + "c.textContent.toLowerCase();}"
      + "function cmp(a,b){var x=key(a),y=key(b);if(num){if(isNaN(x)){return 1;}if(isNaN(y)){return -1;}"
      + "return (x-y)*dir;}return x<y?-dir:x>y?dir:0;}"
      + "var body=t.tBodies[0];var out=[];function walk(parent){var sib=rows(t).filter(function(r){"
      + "return (r.getAttribute('data-parent')||'')===parent;});sib.sort(cmp);sib.forEach(function(r){out.push(r);"
      + "walk(r.getAttribute('data-id'));});}walk('');out.forEach(function(r){body.appendChild(r);});}"
      + "Array.prototype.forEach.call(document.querySelectorAll('table.data-table'),function(t){"
      + "Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){th.addEventListener('click',"
      + "function(){sort(t,i,th);});});"
      + "rows(t).forEach(function(r){var b=r.querySelector('button.toggle');if(b){b.addEventListener('click',"
      + "function(){setOpen(t,r,b.getAttribute('aria-expanded')!=='true');count(t);});}});count(t);});"
      + "Array.prototype.forEach.call(document.querySelectorAll('input.table-filter'),function(i){"
      + "i.addEventListener('input',function(){filter(document.getElementById(i.getAttribute('data-table')),"
      + "i.value);});});"
      + "var h=decodeURIComponent(location.hash.replace(/^#/,''));if(h.indexOf('filter=')===0){"
      + "var s=h.substring(7);var k=s.indexOf(':');var t=document.getElementById(s.substring(0,k));"
      + "if(t&&t.classList.contains('data-table')){var inp=document.querySelector("
      + "'input.table-filter[data-table=\"'+t.id+'\"]');if(inp){inp.value=s.substring(k+1);inp.setAttribute('value',inp.value);}"
      + "filter(t,s.substring(k+1));}}"
      + "var drawn=Array.prototype.filter.call(document.querySelectorAll('svg.chart-svg'),function(g){"
      + "var b=g.getBoundingClientRect();return b.width>0&&b.height>0;}).length;"
      + "document.body.setAttribute('data-charts-drawn',String(drawn));"
      + "document.body.setAttribute('data-ready','1');})();";

  static final String ERROR_HOOK = "window.__errors=0;window.addEventListener('error',function(){"
      + "window.__errors++;document.documentElement.setAttribute('data-js-errors',String(window.__errors));});";

  private final Appendable out;

  HtmlRenderer(Appendable out) {
    this.out = out;
  }

  void report(Report r) throws IOException {
    head(r.title(), "");
    out.append("<header><h1>").append(esc(r.title())).append("</h1>");
    if (!r.subtitle().isEmpty()) {
      out.append("<p class=\"subtitle\">").append(esc(r.subtitle())).append("</p>");
    }
    out.append("<p class=\"meta\">Period ").append(Fmt.day(r.from())).append(" to ")
        .append(Fmt.day(r.to().minusSeconds(1))).append(" (UTC) &middot; generated ")
        .append(Fmt.minute(r.generatedAt())).append(" UTC</p><nav>");
    for (Section s : r.sections()) {
      out.append("<a href=\"#").append(s.id()).append("\">").append(esc(s.title())).append("</a>");
    }
    out.append("</nav></header>\n<main>\n");
    for (Section s : r.sections()) {
      out.append("<section id=\"").append(s.id()).append("\"><h2>").append(esc(s.title())).append("</h2>\n");
      for (Block b : s.blocks()) {
        block(b);
      }
      out.append("</section>\n");
    }
    out.append("</main>\n");
    tail();
  }

  void head(String title, String extraHead) throws IOException {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(esc(title))
        .append("</title><script>").append(ERROR_HOOK).append("</script><style>").append(CSS).append("</style>")
        .append(extraHead).append("</head>\n<body data-ready=\"0\">\n");
  }

  void tail() throws IOException {
    out.append("<script>").append(JS).append("</script>\n</body></html>\n");
  }

  void block(Block b) throws IOException {
    if (b instanceof Block.Paragraph p) {
      out.append("<p>").append(esc(p.text())).append("</p>\n");
    } else if (b instanceof Block.Highlights h) {
      out.append("<ul class=\"highlights\">");
      for (String item : h.items()) {
        out.append("<li>").append(esc(item)).append("</li>");
      }
      out.append("</ul>\n");
    } else if (b instanceof Block.Kpis k) {
      out.append("<div class=\"kpis\">");
      for (Block.Kpi kpi : k.items()) {
        out.append("<div class=\"kpi ").append(kpi.tone().name().toLowerCase(Locale.ROOT))
            .append("\"><div class=\"kpi-label\">").append(esc(kpi.label())).append("</div><div class=\"kpi-value\">")
            .append(esc(kpi.value())).append("</div><div class=\"kpi-note\">").append(esc(kpi.note()))
            .append("</div></div>");
      }
      out.append("</div>\n");
    } else if (b instanceof Chart c) {
      chart(c);
    } else if (b instanceof Table t) {
      table(t);
    }
  }

  private void chart(Chart c) throws IOException {
    out.append("<figure class=\"chart\" id=\"").append(c.id()).append("\" data-chart=\"")
        .append(c.type().name().toLowerCase(Locale.ROOT)).append("\"><figcaption>").append(esc(c.title()))
        .append("</figcaption>").append(Svg.draw(c)).append("<ul class=\"legend\">");
    if (c.type() == ChartType.HEAT_MAP) {
      double[] range = Svg.heatRange(c);
      out.append("<li>").append(esc(Fmt.number(range[0]) + " " + c.unit())).append("<span class=\"heat-scale\">"
          + "</span>").append(esc(Fmt.number(range[1]) + " " + c.unit())).append("</li>");
    } else if (c.type() == ChartType.DONUT) {
      List<Double> v = c.series().isEmpty() ? List.of() : c.series().get(0).values();
      double total = v.stream().mapToDouble(Double::doubleValue).sum();
      for (int i = 0; i < c.categories().size(); i++) {
        legend(i, c.categories().get(i) + ": " + Fmt.number(v.get(i)) + " " + c.unit()
            + (total > 0 ? " (" + Fmt.number(100 * v.get(i) / total) + "%)" : ""));
      }
    } else {
      for (int i = 0; i < c.series().size(); i++) {
        legend(i, c.series().get(i).name());
      }
    }
    out.append("</ul></figure>\n");
  }

  private void legend(int i, String text) throws IOException {
    out.append("<li><span class=\"sw\" style=\"background:").append(Svg.PALETTE[i % Svg.PALETTE.length])
        .append("\"></span>").append(esc(text)).append("</li>");
  }

  private void table(Table t) throws IOException {
    Set<String> parents = new HashSet<>();
    for (Table.Row r : t.rows()) {
      if (!r.parent().isEmpty()) {
        parents.add(r.parent());
      }
    }
    java.util.Map<String, Integer> depth = new java.util.HashMap<>();
    out.append("<div class=\"table-block\"><h3>").append(esc(t.title())).append("</h3><div class=\"table-tools\">"
        + "<input type=\"search\" class=\"table-filter\" data-table=\"").append(t.id())
        .append("\" placeholder=\"Filter rows\" aria-label=\"Filter ").append(esc(t.title()))
        .append("\"><span class=\"table-count\" data-table=\"").append(t.id()).append("\"></span></div>"
            + "<div class=\"table-wrap\"><table class=\"data-table\" id=\"").append(t.id()).append("\"><thead><tr>");
    for (Table.Column c : t.columns()) {
      out.append("<th scope=\"col\"").append(c.numeric() ? " class=\"num\"" : "").append('>')
          .append(esc(c.name() + (c.unit().isEmpty() ? "" : " (" + c.unit() + ")"))).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (Table.Row r : t.rows()) {
      int d = r.parent().isEmpty() ? 0 : depth.get(r.parent()) + 1;
      depth.put(r.id(), d);
      out.append("<tr data-id=\"").append(esc(r.id())).append('"');
      if (!r.parent().isEmpty()) {
        out.append(" data-parent=\"").append(esc(r.parent())).append("\" hidden");
      }
      out.append(" data-depth=\"").append(Integer.toString(d)).append("\">");
      for (int i = 0; i < r.cells().size(); i++) {
        Table.Column c = t.columns().get(i);
        String v = r.cells().get(i);
        if (c.numeric()) {
          out.append("<td class=\"num\" data-v=\"").append(esc(v)).append("\">")
              .append(v.isEmpty() ? "" : esc(Fmt.grouped(new BigDecimal(v)))).append("</td>");
        } else {
          out.append("<td>");
          if (i == 0 && parents.contains(r.id())) {
            out.append("<button class=\"toggle\" type=\"button\" aria-expanded=\"false\" aria-label=\"Show the "
                + "rows under ").append(esc(v)).append("\">&#9656;</button>");
          }
          out.append(esc(v)).append("</td>");
        }
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></div></div>\n");
  }

  static String esc(String s) {
    return Svg.esc(s);
  }
}
