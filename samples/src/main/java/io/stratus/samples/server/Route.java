package io.stratus.samples.server;

import io.stratus.security.authz.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation: HTTP method, a path template with {@code {name}} segments, the permission it needs (empty for the
 * open health endpoints) and its handler. Immutable.
 */
record Route(String method, String template, Optional<Permission> permission, Handler handler) {
  /** Handles a request that matched the route. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  static Route open(String method, String template, Handler handler) {
    return new Route(method, template, Optional.empty(), handler);
  }

  static Route guarded(String method, String template, String permission, Handler handler) {
    return new Route(method, template, Optional.of(Permission.parse(permission)), handler);
  }

  /** The path parameters when the path matches the template, empty otherwise. */
  Optional<Map<String, String>> match(String path) {
    List<String> want = List.of(template.substring(1).split("/", -1));
    List<String> got = List.of(path.substring(1).split("/", -1));
    if (want.size() != got.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < want.size(); i++) {
      String w = want.get(i);
      String g = got.get(i);
      if (w.startsWith("{") && w.endsWith("}")) {
        if (g.isEmpty()) {
          return Optional.empty();
        }
        params.put(w.substring(1, w.length() - 1), g);
      } else if (!w.equals(g)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
