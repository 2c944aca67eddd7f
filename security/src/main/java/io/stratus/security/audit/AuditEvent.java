package io.stratus.security.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One user action or system decision to audit: who ({@code actor}), what ({@code action} on {@code resource}), when,
 * where ({@code origin}: an address, host or region), the outcome, and for changes the state before and after.
 * Immutable value; build with {@link #builder()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuditEvent {

  /** How the audited action ended. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** It was done. */
    SUCCESS,
    /** It was attempted and failed. */
    FAILURE,
    /** It was refused by access control or policy. */
    DENIED
  }

  private final Instant at;
  private final String actor;
  private final String action;
  private final String resource;
  private final String origin;
  private final Outcome outcome;
  private final String before;
  private final String after;

  private AuditEvent(Builder b) {
    this.at = require(b.at, "at");
    this.actor = require(b.actor, "actor");
    this.action = require(b.action, "action");
    this.resource = require(b.resource, "resource");
    this.origin = b.origin;
    this.outcome = require(b.outcome, "outcome");
    this.before = b.before;
    this.after = b.after;
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalStateException("audit event field " + field + " is required but was not set");
    }
    return value;
  }

  /**
   * A builder; {@code at}, {@code actor}, {@code action}, {@code resource} and {@code outcome} are required.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return when it happened; never null */
  public Instant at() {
    return at;
  }

  /** @return who acted (principal id or system component); never null */
  public String actor() {
    return actor;
  }

  /** @return what was done, e.g. {@code budget.change}; never null */
  public String action() {
    return action;
  }

  /** @return what it was done to; never null */
  public String resource() {
    return resource;
  }

  /** @return where it came from; empty string when unknown; never null */
  public String origin() {
    return origin;
  }

  /** @return how it ended; never null */
  public Outcome outcome() {
    return outcome;
  }

  /** @return the state before a change, or empty */
  public Optional<String> before() {
    return Optional.ofNullable(before);
  }

  /** @return the state after a change, or empty */
  public Optional<String> after() {
    return Optional.ofNullable(after);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e && at.equals(e.at) && actor.equals(e.actor) && action.equals(e.action)
        && resource.equals(e.resource) && origin.equals(e.origin) && outcome == e.outcome
        && Objects.equals(before, e.before) && Objects.equals(after, e.after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(at, actor, action, resource, origin, outcome, before, after);
  }

  @Override
  public String toString() {
    return "AuditEvent[" + at + " " + actor + " " + action + " " + resource + " " + outcome + "]";
  }

  /**
   * Builds {@link AuditEvent}s. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private Instant at;
    private String actor;
    private String action;
    private String resource;
    private String origin = "";
    private Outcome outcome;
    private String before;
    private String after;

    private Builder() {}

    /**
     * Sets when it happened.
     *
     * @param at the instant, from the host's clock; never null
     * @return this builder
     */
    public Builder at(Instant at) {
      this.at = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Sets who acted.
     *
     * @param actor the principal id or component name; never null, not blank
     * @return this builder
     */
    public Builder actor(String actor) {
      this.actor = nonBlank(actor, "actor");
      return this;
    }

    /**
     * Sets what was done.
     *
     * @param action the action name; never null, not blank
     * @return this builder
     */
    public Builder action(String action) {
      this.action = nonBlank(action, "action");
      return this;
    }

    /**
     * Sets what it was done to.
     *
     * @param resource the resource, e.g. {@code budget:acme/team-a/monthly}; never null, not blank
     * @return this builder
     */
    public Builder resource(String resource) {
      this.resource = nonBlank(resource, "resource");
      return this;
    }

    /**
     * Sets where it came from.
     *
     * @param origin an address, host or region; never null (empty when unknown)
     * @return this builder
     */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * Sets how it ended.
     *
     * @param outcome the outcome; never null
     * @return this builder
     */
    public Builder outcome(Outcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /**
     * Records a change.
     *
     * @param before the state before (e.g. JSON); never null
     * @param after the state after; never null
     * @return this builder
     */
    public Builder change(String before, String after) {
      this.before = Objects.requireNonNull(before, "before");
      this.after = Objects.requireNonNull(after, "after");
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event; never null
     * @throws IllegalStateException naming the first required field not set
     */
    public AuditEvent build() {
      return new AuditEvent(this);
    }

    private static String nonBlank(String value, String field) {
      if (Objects.requireNonNull(value, field).isBlank()) {
        throw new IllegalArgumentException("audit event " + field + " '" + value + "' must not be blank");
      }
      return value;
    }
  }
}
