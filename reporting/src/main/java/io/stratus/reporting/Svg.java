package io.stratus.reporting;

import java.util.List;
import java.util.Locale;

/**
 * Draws {@link Chart}s as inline SVG with axes, tick labels, axis titles and units; the legend is HTML beside the
 * SVG (see {@link HtmlRenderer}). Stateless.
 */
final class Svg {
  static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
      "#ff9da7", "#9c755f", "#bab0ac"};
  private static final int W = 640;
  private static final int H = 300;
  private static final int LEFT = 72;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 58;

  private Svg() {}

  static String draw(Chart c) {
    switch (c.type()) {
      case DONUT:
        return donut(c);
      case HEAT_MAP:
        return heatMap(c);
      default:
        return xy(c);
    }
  }

  private static String xy(Chart c) {
    int n = c.categories().size();
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    boolean stacked = c.type() == ChartType.STACKED_AREA || c.type() == ChartType.STACKED_BAR;
    double[] base = new double[n];
    double max = 0;
    double min = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (Chart.Series s : c.series()) {
        double v = s.values().get(i);
        sum += v;
        max = Math.max(max, stacked ? sum : v);
        min = Math.min(min, v);
      }
    }
    double[] axis = niceAxis(min, max);
    double lo = axis[0];
    double hi = axis[1];
    StringBuilder sb = open(c, H);
    // grid and y ticks
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      double y = TOP + ph - ph * (v - lo) / (hi - lo);
      sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
          LEFT, y, LEFT + pw, y));
      sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 4, esc(compact(v))));
    }
    sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT,
        TOP + ph, LEFT + pw, TOP + ph));
    sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP,
        LEFT, TOP + ph));
    boolean bars = c.type() == ChartType.BAR || c.type() == ChartType.STACKED_BAR;
    double band = n == 0 ? pw : (double) pw / n;
    int step = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int i = 0; i < n; i += step) {
      double x = bars ? LEFT + band * (i + 0.5) : xAt(i, n, pw);
      sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
          + "</text>", x, TOP + ph + 16, esc(shortLabel(c.categories().get(i)))));
    }
    int k = 0;
    for (Chart.Series s : c.series()) {
      String color = PALETTE[k % PALETTE.length];
      if (bars) {
        double bw = stacked ? band * 0.8 : band * 0.8 / Math.max(1, c.series().size());
        for (int i = 0; i < n; i++) {
          double v = s.values().get(i);
          double b0 = stacked ? base[i] : Math.max(0, lo);
          double y0 = yAt(b0, lo, hi, ph);
          double y1 = yAt(stacked ? base[i] + v : v, lo, hi, ph);
          double x = LEFT + band * i + band * 0.1 + (stacked ? 0 : bw * k);
          if (stacked) {
            base[i] += v;
          }
          sb.append(String.format(Locale.ROOT, "<rect class=\"bar s%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
              + "height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s %s</title></rect>", k, x, Math.min(y0, y1), bw,
              Math.abs(y0 - y1), color, esc(s.name()), esc(c.categories().get(i)), esc(Fmt.number(v)),
              esc(c.unit())));
        }
      } else if (stacked) {
        StringBuilder top = new StringBuilder();
        StringBuilder bottom = new StringBuilder();
        for (int i = 0; i < n; i++) {
          top.append(String.format(Locale.ROOT, "%.1f,%.1f ", xAt(i, n, pw), yAt(base[i] + s.values().get(i), lo,
              hi, ph)));
        }
        for (int i = n - 1; i >= 0; i--) {
          bottom.append(String.format(Locale.ROOT, "%.1f,%.1f ", xAt(i, n, pw), yAt(base[i], lo, hi, ph)));
          base[i] += s.values().get(i);
        }
        sb.append("<polygon class=\"area s").append(k).append("\" fill=\"").append(color)
            .append("\" fill-opacity=\"0.8\" points=\"").append(top).append(bottom.toString().strip())
            .append("\"><title>").append(esc(s.name())).append("</title></polygon>");
      } else {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", xAt(i, n, pw), yAt(s.values().get(i), lo, hi, ph)));
        }
        sb.append("<polyline class=\"line s").append(k).append("\" fill=\"none\" stroke-width=\"2\" stroke=\"")
            .append(color).append("\" points=\"").append(pts.toString().strip()).append("\"><title>")
            .append(esc(s.name())).append("</title></polyline>");
      }
      k++;
    }
    axisTitles(sb, c, LEFT + pw / 2.0, H - 8, TOP + ph / 2.0);
    return sb.append("</svg>").toString();
  }

  private static String donut(Chart c) {
    int size = 260;
    StringBuilder sb = open(c, size);
    double cx = W / 2.0;
    double cy = size / 2.0;
    double r = 110;
    double inner = 64;
    List<Double> values = c.series().isEmpty() ? List.of() : c.series().get(0).values();
    double total = values.stream().mapToDouble(Double::doubleValue).sum();
    double angle = -Math.PI / 2;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (v <= 0 || total <= 0) {
        continue;
      }
      String color = PALETTE[i % PALETTE.length];
      String tip = "<title>" + esc(c.categories().get(i)) + ": " + esc(Fmt.number(v)) + " " + esc(c.unit()) + " ("
          + esc(Fmt.number(100 * v / total)) + "%)</title>";
      if (v >= total) {
        sb.append(String.format(Locale.ROOT, "<circle class=\"slice s%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
            + "fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\">%s</circle>", i, cx, cy, (r + inner) / 2, color,
            r - inner, tip));
        continue;
      }
      double end = angle + 2 * Math.PI * v / total;
      int large = end - angle > Math.PI ? 1 : 0;
      sb.append(String.format(Locale.ROOT, "<path class=\"slice s%d\" fill=\"%s\" d=\"M%.2f,%.2f A%.1f,%.1f 0 %d 1 "
          + "%.2f,%.2f L%.2f,%.2f A%.1f,%.1f 0 %d 0 %.2f,%.2f Z\">%s</path>", i, color,
          cx + r * Math.cos(angle), cy + r * Math.sin(angle), r, r, large, cx + r * Math.cos(end),
          cy + r * Math.sin(end), cx + inner * Math.cos(end), cy + inner * Math.sin(end), inner, inner, large,
          cx + inner * Math.cos(angle), cy + inner * Math.sin(angle), tip));
      angle = end;
    }
    sb.append(String.format(Locale.ROOT, "<text class=\"total\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s"
        + "</text><text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", cx, cy + 2,
        esc(compact(total)), cx, cy + 20, esc("total, " + c.unit())));
    return sb.append("</svg>").toString();
  }

  private static String heatMap(Chart c) {
    int rows = c.series().size();
    int cols = c.categories().size();
    int left = 110;
    int cell = 18;
    int h = TOP + rows * cell + BOTTOM;
    int pw = W - left - RIGHT;
    double cw = cols == 0 ? pw : (double) pw / cols;
    double[] range = heatRange(c);
    double min = range[0];
    double max = range[1];
    StringBuilder sb = open(c, h);
    for (int r = 0; r < rows; r++) {
      Chart.Series s = c.series().get(r);
      double y = TOP + r * cell;
      sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          left - 6, y + cell * 0.7, esc(shortLabel(s.name()))));
      for (int i = 0; i < cols; i++) {
        double v = s.values().get(i);
        sb.append(String.format(Locale.ROOT, "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
            + "height=\"%d\" fill=\"%s\"><title>%s, %s: %s %s</title></rect>", left + cw * i, y, cw, cell - 1,
            heat(v, min, max), esc(s.name()), esc(c.categories().get(i)), esc(Fmt.number(v)), esc(c.unit())));
      }
    }
    int step = Math.max(1, (int) Math.ceil(cols / 8.0));
    for (int i = 0; i < cols; i += step) {
      sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
          + "</text>", left + cw * (i + 0.5), TOP + rows * cell + 16, esc(shortLabel(c.categories().get(i)))));
    }
    axisTitles(sb, c, left + pw / 2.0, h - 8, TOP + rows * cell / 2.0);
    return sb.append("</svg>").toString();
  }

  static String heat(double v, double min, double max) {
    double f = max > min ? (v - min) / (max - min) : 0.5;
    int r = (int) Math.round(239 + (8 - 239) * f);
    int g = (int) Math.round(243 + (81 - 243) * f);
    int b = (int) Math.round(255 + (156 - 255) * f);
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  static double[] heatRange(Chart c) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Chart.Series s : c.series()) {
      for (double v : s.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return min > max ? new double[] {0, 0} : new double[] {min, max};
  }

  private static StringBuilder open(Chart c, int height) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg ").append(c.type().name()
        .toLowerCase(Locale.ROOT).replace('_', '-')).append("\" viewBox=\"0 0 ").append(W).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(c.title())).append("\">");
    return sb;
  }

  private static void axisTitles(StringBuilder sb, Chart c, double xMid, double xY, double yMid) {
    if (!c.xLabel().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "<text class=\"axis-label x\" x=\"%.1f\" y=\"%.1f\" "
          + "text-anchor=\"middle\">%s</text>", xMid, xY, esc(c.xLabel())));
    }
    String y = c.yLabel() + (c.unit().isEmpty() || c.type() == ChartType.HEAT_MAP ? "" : " (" + c.unit() + ")");
    if (!y.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "<text class=\"axis-label y\" x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" "
          + "transform=\"rotate(-90 %d %.1f)\">%s</text>", 14, yMid, 14, yMid, esc(y)));
    }
  }

  private static double xAt(int i, int n, int pw) {
    return n <= 1 ? LEFT + pw / 2.0 : LEFT + pw * (double) i / (n - 1);
  }

  private static double yAt(double v, double lo, double hi, int ph) {
    return TOP + ph - ph * (v - lo) / (hi - lo);
  }

  static double[] niceAxis(double min, double max) {
    if (max <= min) {
      max = min + 1;
    }
    double span = (max - min) / 4;
    double mag = Math.pow(10, Math.floor(Math.log10(span)));
    double norm = span / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
    double step = nice * mag;
    double lo = Math.floor(min / step) * step;
    return new double[] {lo, lo + step * Math.max(4, Math.ceil((max - lo) / step - 1e-9))};
  }

  static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return Fmt.number(v / 1e6) + "M";
    }
    if (a >= 1e4) {
      return Fmt.number(v / 1e3) + "k";
    }
    return Fmt.number(v);
  }

  private static String shortLabel(String s) {
    if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return s.substring(5);
    }
    return s.length() > 16 ? s.substring(0, 15) + "…" : s;
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append("&quot;");
          break;
        case '\'':
          sb.append("&#39;");
          break;
        default:
          sb.append(ch);
      }
    }
    return sb.toString();
  }
}
