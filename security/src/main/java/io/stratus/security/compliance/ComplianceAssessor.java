package io.stratus.security.compliance;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers evidence from its sources and decides each control's status. A control fails if any of its evidence
 * fails; it needs a manual review if it has no evidence kinds, if no source supplies one of its kinds, or if a
 * source could not decide; otherwise it passes. Each source is asked once per report; a source that throws is
 * logged and its kind reported as failed with the error, never silently left out.
 *
 * <p>Immutable and thread-safe (when its sources are).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ComplianceAssessor {
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceAssessor.class);

  private final ControlCatalog catalog;
  private final Map<String, EvidenceSource> sources;
  private final InstantSource clock;

  private ComplianceAssessor(ControlCatalog catalog, Map<String, EvidenceSource> sources, InstantSource clock) {
    this.catalog = catalog;
    this.sources = sources;
    this.clock = clock;
  }

  /**
   * An assessor over a catalog and evidence sources.
   *
   * @param catalog the controls; never null
   * @param sources one source per evidence kind; never null
   * @param clock stamps each report's as-of time; never null
   * @return the assessor; never null
   * @throws IllegalArgumentException if two sources gather the same kind
   */
  public static ComplianceAssessor of(ControlCatalog catalog, List<? extends EvidenceSource> sources,
      InstantSource clock) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(clock, "clock");
    Map<String, EvidenceSource> byKind = new LinkedHashMap<>();
    for (EvidenceSource s : sources) {
      EvidenceSource before = byKind.putIfAbsent(Objects.requireNonNull(s.kind(), "source kind"), s);
      if (before != null) {
        throw new IllegalArgumentException("two evidence sources gather '" + s.kind() + "': " + before + " and "
            + s);
      }
    }
    return new ComplianceAssessor(catalog, Map.copyOf(byKind), clock);
  }

  /**
   * Assesses every control of a framework as of the clock's current instant.
   *
   * @param framework the framework; never null
   * @return the report; never null
   */
  public ComplianceReport assess(Framework framework) {
    Instant asOf = clock.instant();
    Map<String, Evidence> gathered = new LinkedHashMap<>();
    List<ControlResult> results = new ArrayList<>();
    for (Control control : catalog.controls(framework)) {
      List<Evidence> evidence = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      boolean failed = false;
      boolean manual = control.evidence().isEmpty();
      if (manual) {
        reasons.add("Stratus has no evidence for this control: " + control.note());
      }
      for (String kind : control.evidence()) {
        EvidenceSource source = sources.get(kind);
        if (source == null) {
          manual = true;
          reasons.add("no " + kind + " evidence was supplied");
          continue;
        }
        Evidence e = gathered.computeIfAbsent(kind, k -> collect(source, k, asOf));
        evidence.add(e);
        if (e.status() == ComplianceStatus.FAIL) {
          failed = true;
        } else if (e.status() == ComplianceStatus.MANUAL) {
          manual = true;
        }
        if (e.status() != ComplianceStatus.PASS) {
          e.findings().forEach(f -> reasons.add(kind + ": " + f));
        }
      }
      ComplianceStatus status = failed ? ComplianceStatus.FAIL
          : manual ? ComplianceStatus.MANUAL : ComplianceStatus.PASS;
      results.add(new ControlResult(control, status, evidence, reasons));
    }
    return new ComplianceReport(framework, asOf, results, List.copyOf(gathered.values()));
  }

  private static Evidence collect(EvidenceSource source, String kind, Instant asOf) {
    try {
      Evidence e = Objects.requireNonNull(source.collect(asOf), "evidence from source " + kind);
      if (!e.kind().equals(kind)) {
        throw new IllegalStateException("source of '" + kind + "' returned evidence of kind '" + e.kind() + "'");
      }
      return e;
    } catch (RuntimeException ex) {
      LOG.warn("evidence source {} failed", kind, ex);
      return new Evidence(kind, ComplianceStatus.FAIL, "could not be gathered", Map.of(),
          List.of("the evidence source failed: " + ex));
    }
  }
}
