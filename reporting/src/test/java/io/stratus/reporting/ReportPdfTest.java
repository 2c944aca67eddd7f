package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.reporting.query.AnalyticsEngine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF parses and carries the report's headline figures as text. */
class ReportPdfTest {
  static final SeededData DATA = SeededData.create(42);
  static final Reports REPORTS =
      Reports.create(AnalyticsEngine.create(DATA.costs, DATA.metrics, DATA.clock), DATA.clock);
  static final ReportInputs MARCH = ReportInputs.builder(SeededData.MAR, SeededData.APR)
      .budgets(List.of(new BudgetStatus("Platform <&> monthly", new java.math.BigDecimal("9000"),
          new java.math.BigDecimal("9500"), new java.math.BigDecimal("9800"))))
      .build();

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isPositive();
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void executiveSummary_pdfParses_andShowsTheHeadlineFigures() throws Exception {
    Report r = REPORTS.executiveSummary(MARCH);
    byte[] pdf = ReportPdf.render(r);
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = text(pdf);
    assertThat(text).contains("Executive summary", "Platform <&> monthly");
    Block.Kpis kpis = (Block.Kpis) r.sections().get(0).blocks().get(0);
    for (Block.Kpi k : kpis.items()) {
      assertThat(text).as(k.label()).contains(k.label()).contains(k.value());
    }
    Block.Highlights h = (Block.Highlights) r.sections().get(0).blocks().get(1);
    assertThat(text).contains(h.items().get(0).substring(0, 30));
  }

  @Test
  void technicalReport_pdfParses_andShowsTheDrillDownTotals() throws Exception {
    Report r = REPORTS.technicalReport(MARCH);
    String text = text(ReportPdf.render(r));
    assertThat(text).contains("Technical report", "Cost by service and resource", "AmazonEC2");
    Table drill = (Table) r.sections().get(0).blocks().get(1);
    assertThat(text).contains(Fmt.grouped(new java.math.BigDecimal(drill.rows().get(0).cells().get(1))));
  }

  @Test
  void xhtml_isWellFormedXml() throws Exception {
    for (Report r : List.of(REPORTS.executiveSummary(MARCH), REPORTS.technicalReport(MARCH))) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      assertThat(f.newDocumentBuilder().parse(new ByteArrayInputStream(
          ReportPdf.xhtml(r).getBytes(StandardCharsets.UTF_8))).getDocumentElement().getLocalName())
          .isEqualTo("html");
    }
  }
}
