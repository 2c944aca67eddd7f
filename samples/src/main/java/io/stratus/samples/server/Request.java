package io.stratus.samples.server;

import io.stratus.security.authz.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed HTTP request as the resources see it: path parameters from the route template, decoded query
 * parameters, the body's content type (without parameters, lower case) and bytes, and the authenticated principal.
 * Immutable.
 */
record Request(String method, String path, Map<String, String> pathParams, Map<String, List<String>> queryParams,
    String contentType, byte[] body, Optional<Principal> principal) {

  Request {
    pathParams = Map.copyOf(pathParams);
    queryParams = Map.copyOf(queryParams);
  }

  String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    return value;
  }

  Optional<String> query(String name) {
    List<String> values = queryParams.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw ApiException.invalid(name, values, "must be given at most once");
    }
    return values.stream().findFirst();
  }

  List<String> queryAll(String name) {
    return queryParams.getOrDefault(name, List.of());
  }

  String principalId() {
    return principal.map(Principal::id).orElse("anonymous");
  }

  /** Checks the body's media type against those the operation reads. */
  void requireContentType(List<String> accepted) {
    if (!accepted.contains(contentType)) {
      throw ApiException.unsupportedMediaType(contentType, accepted);
    }
  }
}
