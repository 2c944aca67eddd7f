package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authz.Decision;
import io.stratus.security.authz.InvalidPolicyException;
import io.stratus.security.authz.Permission;
import io.stratus.security.authz.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Builds the audit events the threat detectors read, and documents their conventions. The actor is always the
 * principal who acted and the origin the source address (empty when unknown):
 *
 * <ul>
 *   <li>{@code authn.<method>} (e.g. {@code authn.password}, {@code authn.mfa}): an authentication; resource {@code
 *       principal:<id>}; outcome {@code SUCCESS}, {@code FAILURE} or {@code DENIED}.
 *   <li>{@code authn.apikey}: an API-key authentication; resource {@code apikey:<key id>}.
 *   <li>{@code apikey.request}: a request made with an API key; resource {@code apikey:<key id>:<permission>}.
 *   <li>{@code authz.check}: an access decision; resource the requested permission; outcome {@code SUCCESS}
 *       (allowed) or {@code DENIED}.
 *   <li>{@code authz.grant}: a role or permission granted; resource {@code grant:<grantee>:<role or permission>}.
 *   <li>{@code authz.policy}: any other policy change (a role redefined, a rule added); resource what changed.
 * </ul>
 *
 * Events with these actions that break their convention make the detectors throw {@link MalformedEventException};
 * every other action is ignored by the built-in detectors. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SecurityEvents {
  static final String AUTHN = "authn.";
  static final String APIKEY_AUTHN = "authn.apikey";
  static final String APIKEY_REQUEST = "apikey.request";
  static final String ACCESS_CHECK = "authz.check";
  static final String GRANT = "authz.grant";
  static final String POLICY = "authz.policy";
  static final String MFA = "authn.mfa";
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private SecurityEvents() {}

  /** What a convention-following event says, parsed. */
  enum Type {
    AUTHENTICATION, API_KEY_REQUEST, ACCESS_DECISION, GRANT, POLICY_CHANGE, OTHER
  }

  /**
   * A parsed event: {@code keyId} for API-key events (else empty), {@code permission} for requests and decisions,
   * {@code grantee} and {@code granted} for grants.
   */
  record Parsed(AuditEvent event, Type type, String keyId, Permission permission, String grantee, String granted) {
    boolean success() {
      return event.outcome() == AuditEvent.Outcome.SUCCESS;
    }
  }

  /**
   * An authentication attempt.
   *
   * @param at when; never null
   * @param principal who tried; never null, a valid principal id
   * @param method e.g. {@code password}, {@code mfa}, {@code sso}; never null, {@code [a-z][a-z0-9-]*}
   * @param source the source address; never null (empty when unknown)
   * @param outcome how it ended; never null
   * @return the event; never null
   * @throws IllegalArgumentException if the method is malformed
   * @throws io.stratus.security.authz.InvalidPolicyException if the principal id is malformed
   */
  public static AuditEvent authentication(Instant at, String principal, String method, String source,
      AuditEvent.Outcome outcome) {
    if (!METHOD.matcher(Objects.requireNonNull(method, "method")).matches() || method.equals("apikey")) {
      throw new IllegalArgumentException("authentication method '" + method + "' must match [a-z][a-z0-9-]* and"
          + " not be 'apikey' (use apiKeyAuthentication)");
    }
    return AuditEvent.builder().at(at).actor(principal(principal)).action(AUTHN + method)
        .resource("principal:" + principal).origin(source).outcome(outcome).build();
  }

  /**
   * An API-key authentication (a key presented).
   *
   * @param at when; never null
   * @param keyId the key's public id (16 hex digits); never null
   * @param principal the key's owner (or who presented it); never null
   * @param source the source address; never null (empty when unknown)
   * @param outcome how it ended; never null
   * @return the event; never null
   * @throws IllegalArgumentException if the key id is malformed
   * @throws io.stratus.security.authz.InvalidPolicyException if the principal id is malformed
   */
  public static AuditEvent apiKeyAuthentication(Instant at, String keyId, String principal, String source,
      AuditEvent.Outcome outcome) {
    return AuditEvent.builder().at(at).actor(principal(principal)).action(APIKEY_AUTHN)
        .resource("apikey:" + keyId(keyId)).origin(source).outcome(outcome).build();
  }

  /**
   * A request made with an API key.
   *
   * @param at when; never null
   * @param keyId the key's public id; never null
   * @param principal the key's owner; never null
   * @param source the source address; never null (empty when unknown)
   * @param permission the concrete permission the request used (its endpoint); never null
   * @param outcome how it ended; never null
   * @return the event; never null
   * @throws IllegalArgumentException if the key id is malformed
   * @throws io.stratus.security.authz.InvalidPolicyException if the principal id is malformed
   */
  public static AuditEvent apiKeyRequest(Instant at, String keyId, String principal, String source,
      Permission permission, AuditEvent.Outcome outcome) {
    return AuditEvent.builder().at(at).actor(principal(principal)).action(APIKEY_REQUEST)
        .resource("apikey:" + keyId(keyId) + ":" + Objects.requireNonNull(permission, "permission")).origin(source)
        .outcome(outcome).build();
  }

  /**
   * An access decision of {@link io.stratus.security.authz.AccessPolicy#check}.
   *
   * @param at when; never null
   * @param principal who asked; never null
   * @param source the source address; never null (empty when unknown)
   * @param decision the decision; never null
   * @return the event, outcome {@code SUCCESS} if allowed else {@code DENIED}; never null
   */
  public static AuditEvent accessDecision(Instant at, String principal, String source, Decision decision) {
    return AuditEvent.builder().at(at).actor(principal(principal)).action(ACCESS_CHECK)
        .resource(decision.requested().toString()).origin(source)
        .outcome(decision.allowed() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.DENIED).build();
  }

  /**
   * A role or permission granted to a principal.
   *
   * @param at when; never null
   * @param grantor who granted it; never null
   * @param grantee who received it; never null
   * @param granted a role name or a permission text ({@code resource:action[:instance]}); never null
   * @param source the grantor's source address; never null (empty when unknown)
   * @return the event; never null
   * @throws io.stratus.security.authz.InvalidPolicyException if a principal id is malformed
   * @throws MalformedEventException if the role or permission is malformed
   */
  public static AuditEvent grant(Instant at, String grantor, String grantee, String granted, String source) {
    String resource = "grant:" + principal(grantee) + ":" + granted;
    parseGranted(GRANT, resource, Objects.requireNonNull(granted, "granted"));
    return AuditEvent.builder().at(at).actor(principal(grantor)).action(GRANT).resource(resource).origin(source)
        .outcome(AuditEvent.Outcome.SUCCESS).build();
  }

  /**
   * Any other change of the access policy.
   *
   * @param at when; never null
   * @param actor who changed it; never null
   * @param what what changed, e.g. {@code role:operator}; never null, not blank
   * @param source the source address; never null (empty when unknown)
   * @return the event; never null
   */
  public static AuditEvent policyChange(Instant at, String actor, String what, String source) {
    return AuditEvent.builder().at(at).actor(principal(actor)).action(POLICY).resource(what).origin(source)
        .outcome(AuditEvent.Outcome.SUCCESS).build();
  }

  private static String principal(String id) {
    return Principal.user(id).id();
  }

  private static String keyId(String id) {
    if (!KEY_ID.matcher(Objects.requireNonNull(id, "keyId")).matches()) {
      throw new IllegalArgumentException("API key id '" + id + "' must be 16 lower-case hex digits");
    }
    return id;
  }

  /**
   * Reads an event by the conventions above.
   *
   * @throws MalformedEventException if an action the detectors read breaks its convention
   */
  static Parsed parse(AuditEvent e) {
    String action = e.action();
    String r = e.resource();
    switch (action) {
      case APIKEY_AUTHN -> {
        if (!r.startsWith("apikey:") || !KEY_ID.matcher(r.substring(7)).matches()) {
          throw new MalformedEventException(action, "resource", r, "must be apikey:<16 lower-case hex digits>");
        }
        return new Parsed(e, Type.AUTHENTICATION, r.substring(7), null, "", "");
      }
      case APIKEY_REQUEST -> {
        if (!r.startsWith("apikey:") || r.length() < 24 || !KEY_ID.matcher(r.substring(7, 23)).matches()
            || r.charAt(23) != ':') {
          throw new MalformedEventException(action, "resource", r,
              "must be apikey:<16 lower-case hex digits>:<resource:action[:instance]>");
        }
        return new Parsed(e, Type.API_KEY_REQUEST, r.substring(7, 23), permission(action, r, r.substring(24)), "",
            "");
      }
      case ACCESS_CHECK -> {
        if (e.outcome() == AuditEvent.Outcome.FAILURE) {
          throw new MalformedEventException(action, "outcome", "FAILURE", "must be SUCCESS (allowed) or DENIED");
        }
        return new Parsed(e, Type.ACCESS_DECISION, "", permission(action, r, r), "", "");
      }
      case GRANT -> {
        String[] parts = r.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("grant")) {
          throw new MalformedEventException(action, "resource", r, "must be grant:<grantee>:<role or permission>");
        }
        try {
          Principal.user(parts[1]);
        } catch (InvalidPolicyException ex) {
          throw new MalformedEventException(action, "resource", r, "grantee: " + ex.getMessage());
        }
        return new Parsed(e, Type.GRANT, "", null, parts[1], parseGranted(action, r, parts[2]));
      }
      case POLICY -> {
        return new Parsed(e, Type.POLICY_CHANGE, "", null, "", "");
      }
      default -> {
        return new Parsed(e, action.startsWith(AUTHN) ? Type.AUTHENTICATION : Type.OTHER, "", null, "", "");
      }
    }
  }

  private static Permission permission(String action, String resource, String text) {
    try {
      return Permission.parse(text);
    } catch (InvalidPolicyException ex) {
      throw new MalformedEventException(action, "resource", resource, ex.getMessage());
    }
  }

  /** A role name, or a permission in its canonical text form. */
  private static String parseGranted(String action, String resource, String granted) {
    if (granted.contains(":")) {
      return permission(action, resource, granted).toString();
    }
    if (!ROLE.matcher(granted).matches()) {
      throw new MalformedEventException(action, "resource", resource,
          "granted role '" + granted + "' must match [a-z][a-z0-9-]* (or be a permission resource:action[:instance])");
    }
    return granted;
  }
}
