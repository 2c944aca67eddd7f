package io.stratus.security.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file's line format. Entry: {@code {"seq":n,"at":…,"actor":…,"action":…,"resource":…,"origin":…,
 * "outcome":…[,"before":…,"after":…],"prev":…,"hash":…}}; the canonical bytes hashed are the same object without
 * {@code prev} and {@code hash}. Checkpoint: {@code {"checkpoint":n,"hash":…,"mac":…}}. Fields in that order, no
 * whitespace, Jackson's escaping: one byte sequence per value, which {@link #parse} checks. Stateless.
 */
final class Lines {
  static final String GENESIS = "0".repeat(64);
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** A parsed line: an entry, or a checkpoint (then {@code entry} is null). */
  record Parsed(AuditEntry entry, long checkpoint, String checkpointHash, String mac) {}

  private Lines() {}

  static byte[] canonical(long seq, AuditEvent e) {
    return write(seq, e, null, null);
  }

  static byte[] entryLine(AuditEntry entry) {
    return write(entry.sequence(), entry.event(), entry.previousHash(), entry.hash());
  }

  static String hash(String previousHash, byte[] canonical) {
    return HexFormat.of().formatHex(Crypto.sha256(HexFormat.of().parseHex(previousHash), canonical));
  }

  static byte[] macInput(long seq, String hash) {
    return ("stratus-audit-checkpoint\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] write(long seq, AuditEvent e, String prev, String hash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("at", e.at().toString());
      g.writeStringField("actor", e.actor());
      g.writeStringField("action", e.action());
      g.writeStringField("resource", e.resource());
      g.writeStringField("origin", e.origin());
      g.writeStringField("outcome", e.outcome().name());
      if (e.before().isPresent()) {
        g.writeStringField("before", e.before().get());
        g.writeStringField("after", e.after().orElseThrow());
      }
      if (prev != null) {
        g.writeStringField("prev", prev);
        g.writeStringField("hash", hash);
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("writing JSON to memory failed", ex);
    }
    return out.toByteArray();
  }

  static byte[] checkpointLine(long seq, String hash, String mac) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(200);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("checkpoint", seq);
      g.writeStringField("hash", hash);
      g.writeStringField("mac", mac);
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("writing JSON to memory failed", ex);
    }
    return out.toByteArray();
  }

  /**
   * Parses one line and checks that it is in canonical form.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static Parsed parse(byte[] line) {
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_STRING) {
          fields.put(name, p.getText());
        } else if (v == JsonToken.VALUE_NUMBER_INT) {
          fields.put(name, p.getLongValue());
        } else {
          throw new IllegalArgumentException("field " + name + " has a " + v + " value");
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("not a single JSON object");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalArgumentException("not valid JSON (" + ex.getOriginalMessage() + ")", ex);
    } catch (IOException ex) {
      throw new UncheckedIOException("reading JSON from memory failed", ex);
    }
    Parsed parsed;
    byte[] again;
    if (fields.containsKey("checkpoint")) {
      parsed = new Parsed(null, number(fields, "checkpoint"), text(fields, "hash"), text(fields, "mac"));
      again = checkpointLine(parsed.checkpoint, parsed.checkpointHash, parsed.mac);
    } else {
      AuditEvent.Builder b = AuditEvent.builder();
      try {
        b.at(Instant.parse(text(fields, "at"))).actor(text(fields, "actor")).action(text(fields, "action"))
            .resource(text(fields, "resource")).origin(text(fields, "origin"))
            .outcome(AuditEvent.Outcome.valueOf(text(fields, "outcome")));
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException("field at is not an ISO-8601 instant", ex);
      }
      if (fields.containsKey("before")) {
        b.change(text(fields, "before"), text(fields, "after"));
      }
      long seq = number(fields, "seq");
      if (seq < 1) {
        throw new IllegalArgumentException("field seq " + seq + " is not positive");
      }
      parsed = new Parsed(new AuditEntry(seq, b.build(), text(fields, "prev"), text(fields, "hash")), 0, null, null);
      again = entryLine(parsed.entry);
    }
    if (!java.util.Arrays.equals(line, again)) {
      throw new IllegalArgumentException("not in canonical form (altered bytes, reordered or extra fields)");
    }
    return parsed;
  }

  private static String text(Map<String, Object> fields, String name) {
    if (!(fields.get(name) instanceof String s)) {
      throw new IllegalArgumentException("field " + name + " is missing or not a string");
    }
    return s;
  }

  private static long number(Map<String, Object> fields, String name) {
    if (!(fields.get(name) instanceof Long n)) {
      throw new IllegalArgumentException("field " + name + " is missing or not an integer");
    }
    return n;
  }
}
