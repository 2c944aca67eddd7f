package io.stratus.samples.server;

import java.util.List;
import java.util.Map;

/**
 * A request the server refuses, rendered as RFC 9457 problem details: the HTTP status, a problem type (a relative
 * URI under {@code /problems/}), a title, a detail line, and for validation errors every field with its value and
 * rule. Immutable.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One rejected field: its path in the request, the value as sent (null when missing) and the rule it breaks. */
  record FieldError(String field, Object value, String rule) {}

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  ApiException(int status, String type, String title, String detail, List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  static ApiException invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String detail = errors.size() == 1
        ? first.field() + ": " + first.rule()
        : errors.size() + " fields break their rules; the first: " + first.field() + ": " + first.rule();
    return new ApiException(400, "validation", "The request breaks a rule", detail, errors, Map.of());
  }

  static ApiException invalid(String field, Object value, String rule) {
    return invalid(List.of(new FieldError(field, value, rule)));
  }

  static ApiException badRequest(String type, String title, String detail) {
    return new ApiException(400, type, title, detail, List.of(), Map.of());
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "No valid API key", detail, List.of(),
        Map.of("WWW-Authenticate", "Bearer realm=\"stratus\""));
  }

  static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Not permitted", detail, List.of(), Map.of());
  }

  static ApiException notFound(String what, String id) {
    return new ApiException(404, "not-found", "No such resource", what + " '" + id + "' does not exist", List.of(),
        Map.of());
  }

  static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict with the resource's state", detail, List.of(), Map.of());
  }

  static ApiException unsupportedMediaType(String got, List<String> accepted) {
    return new ApiException(415, "unsupported-media-type", "Unsupported media type",
        "Content-Type '" + got + "' is not one of " + accepted, List.of(),
        Map.of("Accept-Post", String.join(", ", accepted)));
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }

  List<FieldError> errors() {
    return errors;
  }

  Map<String, String> headers() {
    return headers;
  }
}
