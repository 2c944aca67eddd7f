package io.stratus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.adapters.iac.Estimate;
import io.stratus.adapters.iac.MonthlyCost;
import io.stratus.adapters.iac.ResourceEstimate;
import io.stratus.adapters.iac.UnpricedResource;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an estimate as text, JSON, Markdown or a pull/merge-request comment. Stateless. */
final class Render {
  /** GitHub's limit on a comment body, in characters. */
  static final int GITHUB_LIMIT = 65_536;
  /** GitLab's limit on a note (1,000,000 characters); kept the same shape as GitHub's. */
  static final int GITLAB_LIMIT = 1_000_000;
  static final String SPLIT_MARKER = "<!-- stratus:split -->";
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  enum Format { text, json, markdown, github, gitlab }

  private Render() {}

  static String money(Money m) {
    return m.currency().getCurrencyCode() + " " + m.amount().setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String signed(Money m) {
    BigDecimal a = m.amount().setScale(2, RoundingMode.HALF_EVEN);
    return (a.signum() > 0 ? "+" : "") + a.toPlainString();
  }

  static List<String> render(Estimate e, Format format, String project, List<String> breaches) {
    return switch (format) {
      case text -> List.of(text(e, project, breaches));
      case json -> List.of(json(e, project, breaches));
      case markdown -> List.of(String.join("", markdown(e, project, breaches)));
      case github -> split(markdown(e, project, breaches), GITHUB_LIMIT, project);
      case gitlab -> split(markdown(e, project, breaches), GITLAB_LIMIT, project);
    };
  }

  private static String json(Estimate e, String project, List<String> breaches) {
    ObjectNode root = JSON.valueToTree(e);
    if (project != null) {
      root.put("project", project);
    }
    root.putPOJO("policyBreaches", breaches);
    try {
      return JSON.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write the estimate as JSON", ex);
    }
  }

  private static String text(Estimate e, String project, List<String> breaches) {
    StringBuilder b = new StringBuilder();
    b.append(project == null ? "" : project + ": ").append(e.source()).append(" (").append(e.format()).append(")\n");
    b.append(String.format("Monthly cost: %s -> %s (%s%s)%n", money(e.monthlyBefore()), money(e.monthlyAfter()),
        signed(e.monthlyDelta()), e.percentChange().map(p -> ", " + p.toPlainString() + "%").orElse("")));
    b.append('\n');
    for (ResourceEstimate r : e.resources()) {
      b.append(String.format("  %-8s %-60s %12s -> %12s  %s%n", r.action(), r.address(), side(r.before()),
          side(r.after()), describe(r)));
      for (String n : r.notes()) {
        b.append("           note: ").append(n).append('\n');
      }
    }
    if (!e.unpriced().isEmpty()) {
      b.append("\nNot priced (").append(e.unpriced().size()).append("; totals are a lower bound):\n");
      for (UnpricedResource u : e.unpriced()) {
        b.append("  ").append(u.address()).append(" (").append(u.type()).append("): ").append(u.reason()).append('\n');
      }
    }
    if (!e.unsupported().isEmpty()) {
      b.append("\nResource types not estimated: ").append(types(e.unsupported())).append('\n');
    }
    for (String breach : breaches) {
      b.append("\nPOLICY BREACHED: ").append(breach).append('\n');
    }
    return b.toString();
  }

  private static String side(MonthlyCost c) {
    return c == null ? "-" : c.monthly().amount().setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String describe(ResourceEstimate r) {
    MonthlyCost c = r.after() != null ? r.after() : r.before();
    String count = BigDecimal.valueOf(c.instances()).stripTrailingZeros().toPlainString();
    return count + " x " + c.instanceType() + " @ " + c.hourlyPrice().toPlainString() + "/h, " + c.cloud() + " "
        + c.region();
  }

  private static String types(Map<String, Integer> types) {
    List<String> parts = new ArrayList<>();
    types.forEach((t, n) -> parts.add(t + " x" + n));
    return String.join(", ", parts);
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /** Markdown blocks: each is a unit that the splitter never cuts. */
  private static List<String> markdown(Estimate e, String project, List<String> breaches) {
    List<String> blocks = new ArrayList<>();
    StringBuilder head = new StringBuilder();
    if (project != null) {
      head.append("<!-- stratus:project=").append(project.replace("--", "")).append(" -->\n");
    }
    head.append("### Stratus cost estimate").append(project == null ? "" : ": " + cell(project)).append("\n\n");
    head.append("`").append(cell(e.source())).append("` (").append(e.format()).append(")\n\n");
    head.append("| | Monthly |\n|---|---:|\n");
    head.append("| Before | ").append(money(e.monthlyBefore())).append(" |\n");
    head.append("| After | ").append(money(e.monthlyAfter())).append(" |\n");
    head.append("| Change | ").append(signed(e.monthlyDelta()))
        .append(e.percentChange().map(p -> " (" + p.toPlainString() + "%)").orElse("")).append(" |\n\n");
    for (String breach : breaches) {
      head.append("> **Policy breached:** ").append(cell(breach)).append("\n\n");
    }
    if (!e.unpriced().isEmpty()) {
      head.append("> ").append(e.unpriced().size()).append(" resource(s) or part(s) could not be priced; the totals"
          + " are a lower bound.\n\n");
    }
    blocks.add(head.toString());
    if (!e.resources().isEmpty()) {
      blocks.add("| Resource | Action | Before | After | Change | Sizing |\n|---|---|---:|---:|---:|---|\n");
      for (ResourceEstimate r : e.resources()) {
        blocks.add("| `" + cell(r.address()) + "` | " + r.action() + " | " + side(r.before()) + " | "
            + side(r.after()) + " | " + signed(r.monthlyDelta()) + " | " + cell(describe(r))
            + (r.notes().isEmpty() ? "" : "<br>" + cell(String.join("; ", r.notes()))) + " |\n");
      }
      blocks.add("\n");
    }
    if (!e.unpriced().isEmpty()) {
      blocks.add("<details><summary>Not priced (" + e.unpriced().size() + ")</summary>\n\n| Resource | Type | Reason |"
          + "\n|---|---|---|\n");
      for (UnpricedResource u : e.unpriced()) {
        blocks.add("| `" + cell(u.address()) + "` | " + cell(u.type()) + " | " + cell(u.reason()) + " |\n");
      }
      blocks.add("\n</details>\n\n");
    }
    if (!e.unsupported().isEmpty()) {
      blocks.add("Resource types not estimated: " + cell(types(e.unsupported())) + "\n");
    }
    return blocks;
  }

  /**
   * Joins blocks into comments of at most {@code limit} characters: a table is closed and reopened around a cut, and
   * each part after the first says which part it is.
   */
  static List<String> split(List<String> blocks, int limit, String project) {
    String total = String.join("", blocks);
    if (total.length() <= limit) {
      return List.of(total);
    }
    int reserve = 300;
    List<StringBuilder> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String tableHeader = null;
    for (String block : blocks) {
      if (block.startsWith("| Resource |") || block.startsWith("<details>")) {
        tableHeader = block;
      } else if (!block.startsWith("| ")) {
        tableHeader = null;
      }
      if (current.length() + block.length() > limit - reserve && current.length() > 0) {
        if (tableHeader != null && block.startsWith("| ") && tableHeader.startsWith("<details>")) {
          current.append("\n</details>\n");
        }
        parts.add(current);
        current = new StringBuilder();
        if (tableHeader != null && block.startsWith("| ") && block != tableHeader) {
          current.append(tableHeader);
        }
      }
      String piece = block.length() > limit - reserve ? block.substring(0, limit - reserve - 20) + " (cut) |\n" : block;
      current.append(piece);
    }
    parts.add(current);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String prefix = i == 0 ? "" : (project == null ? "" : "<!-- stratus:project=" + project.replace("--", "")
          + " -->\n") + "### Stratus cost estimate" + (project == null ? "" : ": " + cell(project)) + " (part "
          + (i + 1) + " of " + parts.size() + ")\n\n";
      out.add(prefix + parts.get(i));
    }
    return out;
  }
}
