package io.stratus.monitoring.internal;

import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/** Alert fingerprints, shared by the alert engine and its store SPI. Not API. Stateless and thread-safe. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * The stable fingerprint of a label set: 16 hex digits of a 64-bit FNV-1a hash over the sorted labels.
   *
   * @param labels the labels; never null
   * @return the fingerprint; never null
   */
  public static String of(Map<String, String> labels) {
    long h = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      for (String part : new String[] {e.getKey(), "\u0000", e.getValue(), "\u0001"}) {
        for (int i = 0; i < part.length(); i++) {
          h ^= part.charAt(i);
          h *= 0x100000001b3L;
        }
      }
    }
    return String.format("%016x", h);
  }
}
