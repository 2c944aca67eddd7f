package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authn.ApiKeys;
import io.stratus.security.threat.ResponsePlaybook.Action;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs threat detectors over the audit and access stream and responds to what they find. For each event it runs
 * every detector; for each incident it appends a {@code threat.incident} audit event (resource {@link
 * Incident#subject()}, the summary and evidence as the state after), then applies the {@link ResponsePlaybook}'s
 * actions, each audited as {@code threat.response.<action>} with the state before and after (outcome {@code
 * FAILURE} when it could not be applied). Actions are idempotent: revoking a revoked key, locking a locked principal
 * or alerting an incident already sent changes nothing (and is audited as such). An action that needs a target the
 * incident lacks (a key, a principal, a source) is not applicable and skipped.
 *
 * <p>Events whose action starts with {@code threat.} (what the monitor itself appends) are ignored, so a host may
 * feed its whole audit stream, including the monitor's own entries. Audit timestamps are the incidents' event times.
 *
 * <p>Thread-safe ({@link #observe}, {@link #tick} and {@link #respond} are synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ThreatMonitor {
  static final String ACTOR = "threat-monitor";
  /** How many sent alert keys are remembered to keep alerts idempotent. */
  static final int MAX_SENT = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ThreatMonitor.class);

  private final List<ThreatDetector> detectors;
  private final ResponsePlaybook playbook;
  private final Lockout lockout;
  private final AuditLog audit;
  private final ApiKeys apiKeys;
  private final ApiKeyStore keyStore;
  private final List<NotificationChannel> channels;
  private final LinkedHashSet<String> sent = new LinkedHashSet<>();

  /**
   * One applied (or attempted) response action.
   *
   * @param action the action; never null
   * @param target what it acted on, e.g. {@code apikey:<id>}, {@code principal:<id>}, {@code channel:<id>}; never
   *     null
   * @param before the state before; never null
   * @param after the state after; never null
   * @param outcome {@code SUCCESS}, or {@code FAILURE} when it could not be applied; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Response(Action action, String target, String before, String after, AuditEvent.Outcome outcome) {
    /** Checks the components. */
    public Response {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private ThreatMonitor(Builder b) {
    this.detectors = List.copyOf(b.detectors);
    this.playbook = b.playbook;
    this.lockout = b.lockout;
    this.audit = b.audit;
    this.apiKeys = b.apiKeys;
    this.keyStore = b.keyStore;
    this.channels = List.copyOf(b.channels);
  }

  /**
   * A builder; detectors, a lockout and an audit log are required, the playbook defaults to {@link
   * ResponsePlaybook#defaults()}.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every detector on an event and responds to the incidents.
   *
   * @param event the event, in event-time order; never null
   * @return the incidents raised; never null
   * @throws MalformedEventException if the event breaks the convention of its action (no detector has seen it)
   * @throws io.stratus.security.audit.AuditLogException if an incident or response cannot be audited
   */
  public synchronized List<Incident> observe(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.action().startsWith("threat.")) {
      return List.of();
    }
    SecurityEvents.parse(event);
    List<Incident> found = new ArrayList<>();
    for (ThreatDetector d : detectors) {
      found.addAll(d.observe(event));
    }
    found.forEach(this::handle);
    return List.copyOf(found);
  }

  /**
   * Lets detectors close time-based state at {@code now} (e.g. an API key's rate bucket) and responds to what that
   * raises; call it periodically with the host's clock.
   *
   * @param now the current event time; never null
   * @return the incidents raised; never null
   */
  public synchronized List<Incident> tick(Instant now) {
    Objects.requireNonNull(now, "now");
    List<Incident> found = new ArrayList<>();
    for (ThreatDetector d : detectors) {
      found.addAll(d.flush(now));
    }
    found.forEach(this::handle);
    return List.copyOf(found);
  }

  private void handle(Incident i) {
    audit.append(AuditEvent.builder().at(i.at()).actor(ACTOR).action("threat.incident").resource(i.subject())
        .origin(i.source()).outcome(AuditEvent.Outcome.SUCCESS)
        .change("", i.kind() + " " + i.severity() + ": " + i.summary() + " " + i.evidence()).build());
    respond(i);
  }

  /**
   * Applies the playbook's actions to an incident (e.g. one found by the host) without auditing the incident itself.
   *
   * @param incident the incident; never null
   * @return what was done, in action order; never null
   * @throws io.stratus.security.audit.AuditLogException if a response cannot be audited
   */
  public synchronized List<Response> respond(Incident incident) {
    List<Response> out = new ArrayList<>();
    for (Action a : playbook.actionsFor(Objects.requireNonNull(incident, "incident"))) {
      switch (a) {
        case REVOKE_API_KEY -> {
          if (!incident.apiKeyId().isEmpty()) {
            out.add(revoke(incident));
          }
        }
        case LOCK_PRINCIPAL -> {
          if (!incident.principal().isEmpty()) {
            boolean changed = lockout.lockPrincipal(incident.principal());
            out.add(record(incident, a, "principal:" + incident.principal(), changed ? "unlocked" : "locked",
                "locked", AuditEvent.Outcome.SUCCESS));
          }
        }
        case BLOCK_SOURCE -> {
          if (!incident.source().isEmpty()) {
            boolean changed = lockout.blockSource(incident.source());
            out.add(record(incident, a, "source:" + incident.source(), changed ? "open" : "blocked", "blocked",
                AuditEvent.Outcome.SUCCESS));
          }
        }
        case REQUIRE_MFA -> {
          if (!incident.principal().isEmpty()) {
            boolean changed = lockout.requireMfaStepUp(incident.principal());
            out.add(record(incident, a, "principal:" + incident.principal(),
                changed ? "mfa-as-configured" : "mfa-step-up-required", "mfa-step-up-required",
                AuditEvent.Outcome.SUCCESS));
          }
        }
        default -> channels.forEach(c -> out.add(alert(incident, c)));
      }
    }
    return List.copyOf(out);
  }

  private Response revoke(Incident incident) {
    String id = incident.apiKeyId();
    String target = "apikey:" + id;
    Optional<ApiKeyRecord> before = keyStore.find(id);
    if (before.isEmpty()) {
      return record(incident, Action.REVOKE_API_KEY, target, "unknown", "unknown", AuditEvent.Outcome.FAILURE);
    }
    String was = before.get().revokedAt().map(at -> "revoked at " + at).orElse("active");
    ApiKeyRecord after = apiKeys.revoke(id);
    return record(incident, Action.REVOKE_API_KEY, target, was,
        "revoked at " + after.revokedAt().map(Instant::toString).orElse("?"), AuditEvent.Outcome.SUCCESS);
  }

  private Response alert(Incident i, NotificationChannel channel) {
    String target = "channel:" + channel.id();
    String key = "threat:" + i.kind() + ":" + i.subject() + ":" + i.at();
    if (sent.contains(channel.id() + "|" + key)) {
      return record(i, Action.ALERT, target, "sent " + key, "sent " + key, AuditEvent.Outcome.SUCCESS);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kind", i.kind().name());
    labels.put("severity", i.severity().name());
    labels.put("principal", i.principal());
    labels.put("apiKey", i.apiKeyId());
    labels.put("source", i.source());
    Notification n = new Notification(key, severity(i.severity()), i.kind() + ": " + i.summary(),
        i.summary() + "\nevidence: " + i.evidence(), labels, i.at());
    try {
      channel.send(n);
    } catch (RuntimeException e) {
      LOG.warn("threat alert {} through channel {} failed: {}", key, channel.id(), e.toString());
      return record(i, Action.ALERT, target, "not sent " + key, "failed: " + e.getMessage(),
          AuditEvent.Outcome.FAILURE);
    }
    sent.add(channel.id() + "|" + key);
    if (sent.size() > MAX_SENT) {
      Iterator<String> it = sent.iterator();
      it.next();
      it.remove();
    }
    return record(i, Action.ALERT, target, "not sent " + key, "sent " + key, AuditEvent.Outcome.SUCCESS);
  }

  private static Notification.Severity severity(Incident.Severity s) {
    return switch (s) {
      case LOW -> Notification.Severity.INFO;
      case MEDIUM -> Notification.Severity.WARNING;
      default -> Notification.Severity.CRITICAL;
    };
  }

  private Response record(Incident i, Action action, String target, String before, String after,
      AuditEvent.Outcome outcome) {
    audit.append(AuditEvent.builder().at(i.at()).actor(ACTOR).action("threat.response." + action.textName())
        .resource(target).origin(i.source()).outcome(outcome).change(before, after).build());
    return new Response(action, target, before, after, outcome);
  }

  /**
   * Configures a {@link ThreatMonitor}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<ThreatDetector> detectors = new ArrayList<>();
    private final List<NotificationChannel> channels = new ArrayList<>();
    private ResponsePlaybook playbook = ResponsePlaybook.defaults();
    private Lockout lockout;
    private AuditLog audit;
    private ApiKeys apiKeys;
    private ApiKeyStore keyStore;

    private Builder() {}

    /**
     * Adds a detector; detectors run in the order added.
     *
     * @param detector the detector; never null
     * @return this builder
     */
    public Builder detector(ThreatDetector detector) {
      detectors.add(Objects.requireNonNull(detector, "detector"));
      return this;
    }

    /**
     * Sets the playbook.
     *
     * @param playbook the playbook; never null
     * @return this builder
     */
    public Builder playbook(ResponsePlaybook playbook) {
      this.playbook = Objects.requireNonNull(playbook, "playbook");
      return this;
    }

    /**
     * Sets where principals are locked, sources blocked and MFA step-ups required.
     *
     * @param lockout the lockout; never null
     * @return this builder
     */
    public Builder lockout(Lockout lockout) {
      this.lockout = Objects.requireNonNull(lockout, "lockout");
      return this;
    }

    /**
     * Sets where incidents and responses are audited.
     *
     * @param audit the audit log; never null
     * @return this builder
     */
    public Builder audit(AuditLog audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Lets the monitor revoke API keys; required when the playbook uses {@link Action#REVOKE_API_KEY}.
     *
     * @param keys the key service that revokes; never null
     * @param store the store it uses, read for the state before; never null
     * @return this builder
     */
    public Builder apiKeys(ApiKeys keys, ApiKeyStore store) {
      this.apiKeys = Objects.requireNonNull(keys, "keys");
      this.keyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Adds a channel alerts are sent through.
     *
     * @param channel the channel; never null
     * @return this builder
     */
    public Builder notificationChannel(NotificationChannel channel) {
      channels.add(Objects.requireNonNull(channel, "channel"));
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor; never null
     * @throws IllegalStateException naming what is missing: no detector, no lockout, no audit log, API keys for a
     *     playbook that revokes, or a channel for a playbook that alerts
     */
    public ThreatMonitor build() {
      if (detectors.isEmpty()) {
        throw new IllegalStateException("threat monitor needs at least one detector");
      }
      if (lockout == null || audit == null) {
        throw new IllegalStateException("threat monitor needs a lockout and an audit log");
      }
      if (apiKeys == null && playbook.uses(Action.REVOKE_API_KEY)) {
        throw new IllegalStateException("the playbook revokes API keys: set apiKeys(keys, store)");
      }
      if (channels.isEmpty() && playbook.uses(Action.ALERT)) {
        throw new IllegalStateException("the playbook alerts: add a notificationChannel");
      }
      Set<String> ids = new LinkedHashSet<>();
      for (NotificationChannel c : channels) {
        if (!ids.add(c.id())) {
          throw new IllegalStateException("notification channel id '" + c.id() + "' is used twice");
        }
      }
      return new ThreatMonitor(this);
    }
  }
}
