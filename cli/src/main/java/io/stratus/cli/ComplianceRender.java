package io.stratus.cli;

import io.stratus.reporting.Block;
import io.stratus.reporting.Report;
import io.stratus.reporting.Section;
import io.stratus.reporting.Table;
import io.stratus.security.compliance.ComplianceReport;
import io.stratus.security.compliance.ComplianceStatus;
import io.stratus.security.compliance.ControlResult;
import io.stratus.security.compliance.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a security {@link ComplianceReport} into a reporting {@link Report} (the glue lives here because security and
 * reporting may not depend on each other). Stateless.
 */
final class ComplianceRender {
  private ComplianceRender() {}

  static Report toReport(ComplianceReport r, Duration period) {
    Map<ComplianceStatus, Integer> counts = r.counts();
    List<Section> sections = new ArrayList<>();

    List<String> highlights = new ArrayList<>();
    for (ControlResult c : r.controls()) {
      if (c.status() == ComplianceStatus.FAIL) {
        highlights.add(c.control().id() + " " + c.control().title() + " fails: " + String.join("; ", c.reasons()));
      }
    }
    if (highlights.isEmpty()) {
      highlights.add("No control fails on the evidence Stratus gathered.");
    }
    int manual = counts.get(ComplianceStatus.MANUAL);
    highlights.add(manual + (manual == 1 ? " control needs" : " controls need") + " a manual review: Stratus has no"
        + " or not enough evidence for " + (manual == 1 ? "it." : "them."));
    sections.add(new Section("summary", "Summary", List.of(
        new Block.Kpis(List.of(
            new Block.Kpi("Pass", counts.get(ComplianceStatus.PASS).toString(), "controls", Block.Tone.GOOD),
            new Block.Kpi("Fail", counts.get(ComplianceStatus.FAIL).toString(), "controls",
                counts.get(ComplianceStatus.FAIL) > 0 ? Block.Tone.BAD : Block.Tone.GOOD),
            new Block.Kpi("Manual", counts.get(ComplianceStatus.MANUAL).toString(), "controls",
                Block.Tone.NEUTRAL))),
        new Block.Highlights(highlights))));

    List<Table.Row> rows = new ArrayList<>();
    int i = 0;
    for (ControlResult c : r.controls()) {
      rows.add(new Table.Row("control-" + (++i), "", List.of(c.control().id(), c.control().title(),
          c.status().name().toLowerCase(Locale.ROOT),
          c.evidence().stream().map(Evidence::kind).collect(Collectors.joining(", ")),
          c.reasons().isEmpty() ? c.control().note() : String.join("; ", c.reasons()))));
    }
    sections.add(new Section("controls", "Controls", List.of(new Table("control-status",
        r.framework().title() + " controls", List.of(Table.Column.text("Control"), Table.Column.text("Title"),
            Table.Column.text("Status"), Table.Column.text("Evidence"), Table.Column.text("Notes and reasons")),
        rows))));

    List<Table.Row> evidence = new ArrayList<>();
    for (Evidence e : r.evidence()) {
      String parent = "ev-" + e.kind();
      evidence.add(new Table.Row(parent, "", List.of(e.kind(), e.status().name().toLowerCase(Locale.ROOT),
          e.summary())));
      int j = 0;
      for (Map.Entry<String, String> f : e.facts().entrySet()) {
        evidence.add(new Table.Row(parent + "-fact-" + (++j), parent, List.of(f.getKey(), "", f.getValue())));
      }
      for (String finding : e.findings()) {
        evidence.add(new Table.Row(parent + "-finding-" + (++j), parent, List.of("finding", "", finding)));
      }
    }
    sections.add(new Section("evidence", "Evidence", List.of(new Table("evidence-detail", "Evidence gathered",
        List.of(Table.Column.text("Evidence"), Table.Column.text("Status"), Table.Column.text("Detail")),
        evidence))));

    sections.add(new Section("sources", "Sources", List.of(new Block.Paragraph("Control ids and titles: "
        + r.framework().source() + ". The catalog covers the controls Stratus holds evidence for and a few it"
        + " does not (marked manual); it is not the whole framework."))));

    return new Report(r.framework().title() + " compliance report", "Evidence gathered by Stratus as of "
        + r.asOf(), r.asOf(), r.asOf().minus(period), r.asOf(), sections);
  }
}
