package io.stratus.security.compliance;

import org.apiguardian.api.API;

/**
 * A compliance framework whose controls the {@link ControlCatalog} knows. Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Framework {
  /** SOC 2: the AICPA 2017 Trust Services Criteria (with the 2022 revised points of focus). */
  SOC2("SOC 2", "AICPA, 2017 Trust Services Criteria for Security, Availability, Processing Integrity,"
      + " Confidentiality, and Privacy (revised points of focus, 2022)"),
  /** The EU General Data Protection Regulation. */
  GDPR("GDPR", "Regulation (EU) 2016/679 (General Data Protection Regulation), OJ L 119, 4.5.2016"),
  /** The HIPAA Security Rule. */
  HIPAA("HIPAA Security Rule", "45 CFR Part 164, Subpart C (Security Standards for the Protection of Electronic"
      + " Protected Health Information)");

  private final String title;
  private final String source;

  Framework(String title, String source) {
    this.title = title;
    this.source = source;
  }

  /** @return the framework's usual name, e.g. {@code SOC 2}; never null */
  public String title() {
    return title;
  }

  /** @return the published text the control ids and titles come from; never null */
  public String source() {
    return source;
  }
}
