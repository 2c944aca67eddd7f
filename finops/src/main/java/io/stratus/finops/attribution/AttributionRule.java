package io.stratus.finops.attribution;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.Dimension;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;

/**
 * One ordered attribution rule: when a record's value of a dimension (a tag, the billing or sub account, the resource
 * name or id, the service, ...) equals a value or matches a regular expression, the record belongs to an owner. The
 * owner's parts are templates: null parts take the attributor's defaults, and in a regex rule {@code $1},
 * {@code ${name}} refer to the pattern's groups (e.g. tag {@code team} matching {@code (.+)} with team {@code $1}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AttributionRule {
  private final String name;
  private final Dimension dimension;
  private final String exact;
  private final Pattern pattern;
  private final String team;
  private final String project;
  private final String costCenter;

  private AttributionRule(
      String name, Dimension dimension, String exact, Pattern pattern, String team, String project, String costCenter) {
    this.name = Objects.requireNonNull(name, "rule.name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("rule.name must not be blank");
    }
    this.dimension = Objects.requireNonNull(dimension, "rule.dimension must not be null");
    this.exact = exact;
    this.pattern = pattern;
    this.team = team;
    this.project = project;
    this.costCenter = costCenter;
    if (team == null && project == null && costCenter == null) {
      throw new IllegalArgumentException("rule '" + name + "' must set at least one of team, project, cost centre");
    }
  }

  /**
   * A rule that matches one value exactly.
   *
   * @param name the rule's name, shown in explanations; never blank
   * @param dimension what is compared; never null
   * @param value the value; never null
   * @param team the team, or null for the default
   * @param project the project, or null for the default
   * @param costCenter the cost centre, or null for the default
   * @return the rule; never null
   * @throws IllegalArgumentException if the name is blank or no owner part is given
   */
  public static AttributionRule exact(
      String name, Dimension dimension, String value, String team, String project, String costCenter) {
    return new AttributionRule(
        name, dimension, Objects.requireNonNull(value, "rule.value must not be null"), null, team, project, costCenter);
  }

  /**
   * A rule that matches a whole value against a regular expression; owner parts may use its groups.
   *
   * @param name the rule's name; never blank
   * @param dimension what is matched; never null
   * @param regex the expression, matched against the whole value; never null
   * @param team the team template, or null for the default
   * @param project the project template, or null for the default
   * @param costCenter the cost centre template, or null for the default
   * @return the rule; never null
   * @throws IllegalArgumentException if the expression does not compile, the name is blank or no owner part is given
   */
  public static AttributionRule regex(
      String name, Dimension dimension, String regex, String team, String project, String costCenter) {
    Pattern p;
    try {
      p = Pattern.compile(Objects.requireNonNull(regex, "rule.regex must not be null"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("rule '" + name + "': regex '" + regex + "' does not compile", e);
    }
    return new AttributionRule(name, dimension, null, p, team, project, costCenter);
  }

  /**
   * The name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The dimension compared.
   *
   * @return the dimension; never null
   */
  public Dimension dimension() {
    return dimension;
  }

  /**
   * The owner this rule gives a record, or null when it does not match.
   *
   * @param record the record; never null
   * @param sourceId the record's source id; may be null
   * @param defaults the owner whose parts fill the parts this rule leaves null; never null
   * @return the owner, or null
   */
  Owner apply(CostRecord record, String sourceId, Owner defaults) {
    String v = dimension.valueOf(record, sourceId);
    if (v == null) {
      return null;
    }
    if (exact != null) {
      if (!exact.equals(v)) {
        return null;
      }
      return new Owner(
          team != null ? team : defaults.team(),
          project != null ? project : defaults.project(),
          costCenter != null ? costCenter : defaults.costCenter());
    }
    Matcher m = pattern.matcher(v);
    if (!m.matches()) {
      return null;
    }
    return new Owner(
        expand(m, v, team, defaults.team()),
        expand(m, v, project, defaults.project()),
        expand(m, v, costCenter, defaults.costCenter()));
  }

  private static String expand(Matcher m, String value, String template, String fallback) {
    if (template == null) {
      return fallback;
    }
    if (template.indexOf('$') < 0) {
      return template;
    }
    String out = m.pattern().matcher(value).replaceFirst(template);
    return out.isBlank() ? fallback : out;
  }

  @Override
  public String toString() {
    return name + " (" + dimension + (exact != null ? " = '" + exact + "'" : " ~ /" + pattern + "/") + ")";
  }
}
