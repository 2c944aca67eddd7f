package io.stratus.samples.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Offset pagination behind opaque cursors: {@code limit} (1 to {@value #MAX}, default {@value #DEFAULT}) and the
 * {@code cursor} of the previous page. Lists are in a stable order (by id or by creation), so a cursor stays valid
 * while items are only added at the end. Stateless.
 */
final class Pages {
  static final int DEFAULT = 50;
  static final int MAX = 200;
  private static final String PREFIX = "o:";

  private Pages() {}

  /** One page of a list and the cursor of the next page, absent on the last. */
  record Page<T>(List<T> items, Optional<String> nextCursor) {}

  static <T> Page<T> page(List<T> all, Request request) {
    int limit = limit(request);
    int offset = offset(request);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    Optional<String> next = to < all.size() ? Optional.of(encode(to)) : Optional.empty();
    return new Page<>(List.copyOf(all.subList(from, to)), next);
  }

  private static int limit(Request request) {
    Optional<String> text = request.query("limit");
    if (text.isEmpty()) {
      return DEFAULT;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit >= 1 && limit <= MAX) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("limit", text.get(), "must be an integer from 1 to " + MAX);
  }

  private static int offset(Request request) {
    Optional<String> cursor = request.query("cursor");
    if (cursor.isEmpty()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is an IllegalArgumentException)
    }
    throw ApiException.invalid("cursor", cursor.get(), "must be the nextCursor of a previous page");
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }
}
