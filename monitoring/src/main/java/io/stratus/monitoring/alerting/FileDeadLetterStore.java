package io.stratus.monitoring.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal-backed {@link DeadLetterStore}: one JSON object a line, {@code {"op":"add",...}} or {@code
 * {"op":"remove","id":...}}, appended and forced to disk before a call returns; compacted (rewritten without removed
 * letters, atomically) when opened and emptied when nothing is left. Thread-safe: every method holds {@code this}.
 */
final class FileDeadLetterStore implements DeadLetterStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileDeadLetterStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path journal;
  private final Map<String, DeadLetter> letters = new LinkedHashMap<>();
  private FileChannel out;

  private FileDeadLetterStore(Path journal) {
    this.journal = journal;
  }

  static FileDeadLetterStore open(Path journal) {
    Checks.nonNull(journal, "journal");
    FileDeadLetterStore store = new FileDeadLetterStore(journal.toAbsolutePath());
    try {
      store.load();
      store.rewrite();
      store.out = FileChannel.open(store.journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("dead-letter journal " + store.journal + " could not be opened", e);
    }
    return store;
  }

  private void load() throws IOException {
    if (!Files.exists(journal)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(journal);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      lineNo++;
      if (nl < 0) {
        // no newline: the write of this record never finished, so its add() never returned; nothing acknowledged
        LOG.warn("dead-letter journal {} line {}: incomplete last record ({} chars) cut off", journal, lineNo,
            text.length() - start);
        break;
      }
      String line = text.substring(start, nl);
      start = nl + 1;
      if (line.isBlank()) {
        continue;
      }
      apply(line, lineNo);
    }
  }

  private void apply(String line, int lineNo) {
    try {
      JsonNode node = JSON.readTree(line);
      String op = text(node, "op");
      String id = text(node, "id");
      if ("remove".equals(op)) {
        letters.remove(id);
      } else if ("add".equals(op)) {
        letters.put(id, fromJson(node));
      } else {
        throw new IllegalArgumentException("op must be add or remove, got '" + op + "'");
      }
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("dead-letter journal " + journal + " line " + lineNo
          + " is not a dead-letter record: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static DeadLetter fromJson(JsonNode node) {
    JsonNode n = node.get("notification");
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("field 'notification' must be an object");
    }
    Map<String, String> labels = new TreeMap<>();
    JsonNode l = n.get("labels");
    if (l != null) {
      for (Map.Entry<String, JsonNode> e : l.properties()) {
        labels.put(e.getKey(), e.getValue().asText());
      }
    }
    Notification notification = new Notification(text(n, "key"), Notification.Severity.valueOf(text(n, "severity")),
        text(n, "title"), text(n, "body"), labels, Instant.parse(text(n, "at")),
        Notification.Status.valueOf(text(n, "status")));
    JsonNode attempts = node.get("attempts");
    if (attempts == null || !attempts.canConvertToInt()) {
      throw new IllegalArgumentException("field 'attempts' must be an integer");
    }
    return new DeadLetter(text(node, "id"), text(node, "channelId"), notification,
        DeadLetter.Reason.valueOf(text(node, "reason")), attempts.asInt(), text(node, "lastError"),
        Instant.parse(text(node, "at")));
  }

  private static String toJson(DeadLetter d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("op", "add").put("id", d.id()).put("channelId", d.channelId()).put("reason", d.reason().name())
        .put("attempts", d.attempts()).put("lastError", d.lastError()).put("at", d.at().toString());
    Notification n = d.notification();
    ObjectNode nn = node.putObject("notification");
    nn.put("key", n.key()).put("severity", n.severity().name()).put("title", n.title()).put("body", n.body())
        .put("at", n.at().toString()).put("status", n.status().name());
    ObjectNode labels = nn.putObject("labels");
    new TreeMap<>(n.labels()).forEach(labels::put);
    return node.toString();
  }

  /** Writes the live letters to a new file, forces it, and moves it over the journal. */
  private void rewrite() throws IOException {
    Path tmp = journal.resolveSibling(journal.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      StringBuilder sb = new StringBuilder();
      for (DeadLetter d : letters.values()) {
        sb.append(toJson(d)).append('\n');
      }
      write(ch, sb.toString());
      ch.force(true);
    }
    Files.move(tmp, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceFolder();
  }

  private void forceFolder() {
    Path dir = journal.getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some platforms cannot open a folder for syncing; the rename is then as durable as the platform makes it
      LOG.debug("could not force folder {}", dir, e);
    }
  }

  private static void write(FileChannel ch, String s) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private void append(String lines) {
    try {
      write(out, lines);
      out.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("dead-letter journal " + journal + " could not be written", e);
    }
  }

  @Override
  public synchronized void add(DeadLetter letter) {
    Checks.nonNull(letter, "letter");
    append(toJson(letter) + "\n");
    letters.put(letter.id(), letter);
  }

  @Override
  public synchronized List<DeadLetter> list() {
    return List.copyOf(letters.values());
  }

  @Override
  public synchronized void remove(Collection<String> ids) {
    List<String> present = new ArrayList<>();
    for (String id : ids) {
      if (letters.containsKey(id)) {
        present.add(id);
      }
    }
    if (present.isEmpty()) {
      return;
    }
    if (present.size() == letters.size()) {
      try {
        out.truncate(0);
        out.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException("dead-letter journal " + journal + " could not be emptied", e);
      }
    } else {
      StringBuilder sb = new StringBuilder();
      for (String id : present) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", "remove").put("id", id);
        sb.append(node).append('\n');
      }
      append(sb.toString());
    }
    present.forEach(letters::remove);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("dead-letter journal " + journal + " could not be closed", e);
    }
  }

  @Override
  public long dropped() {
    return 0;
  }

  @Override
  public String toString() {
    return "DeadLetterStore.file(" + journal + ")";
  }
}
