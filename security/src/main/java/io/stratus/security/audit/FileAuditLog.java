package io.stratus.security.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The file-backed {@link AuditLog}: one JSON line per entry plus a signed checkpoint line after every
 * {@code checkpointEvery} entries, written in the same write and forced to disk before {@link #append} returns.
 * Thread-safe: every operation holds this object's lock. Opened read-only, it holds no channel and never writes.
 */
final class FileAuditLog implements AuditLog {
  private static final Pattern LOWER_HEX_256 = Pattern.compile("[0-9a-f]{64}");
  private final Path file;
  private final byte[] key;
  private final int checkpointEvery;
  private FileChannel channel;
  /** Opened by {@link #openReadOnly}: there is no channel, and appending is refused. */
  private final boolean readOnly;
  private long lastSequence;
  private String lastHash;

  private FileAuditLog(Path file, byte[] key, int checkpointEvery, boolean readOnly) {
    this.file = file;
    this.readOnly = readOnly;
    this.key = key;
    this.checkpointEvery = checkpointEvery;
  }

  static AuditLog open(Path file, byte[] checkpointKey, int checkpointEvery) {
    FileAuditLog log = checked(file, checkpointKey, checkpointEvery, false);
    log.recover();
    return log;
  }

  static AuditLog openReadOnly(Path file, byte[] checkpointKey, int checkpointEvery) {
    FileAuditLog log = checked(file, checkpointKey, checkpointEvery, true);
    if (!Files.isRegularFile(file)) {
      throw new AuditLogException("cannot open audit log " + file + " read-only: no such file");
    }
    return log;
  }

  static AuditVerification verifyFile(Path file, byte[] checkpointKey, int checkpointEvery) {
    return checked(file, checkpointKey, checkpointEvery, true).verify();
  }

  private static FileAuditLog checked(Path file, byte[] checkpointKey, int checkpointEvery, boolean readOnly) {
    Objects.requireNonNull(file, "file");
    if (checkpointKey.length < 32) {
      throw new IllegalArgumentException("checkpointKey has " + checkpointKey.length
          + " bytes; an HMAC-SHA256 key must have at least 32");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery " + checkpointEvery + " must be positive");
    }
    return new FileAuditLog(file, checkpointKey.clone(), checkpointEvery, readOnly);
  }

  private void recover() {
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      if (end > 0 && bytes[end - 1] != '\n') {
        int cut = lastIndexOf(bytes, end) + 1;
        channel.truncate(cut);
        channel.force(true);
        bytes = Arrays.copyOf(bytes, cut);
      }
      Scan scan = scan(bytes, true);
      if (scan.problem != null) {
        channel.close();
        throw new AuditLogException("audit log " + file + " does not verify at line " + scan.line + ": "
            + scan.problem + "; refusing to append to it");
      }
      lastSequence = scan.entries;
      lastHash = scan.lastHash;
      if (scan.missingTailCheckpoint) {
        write(checkpoint(), true);
      }
      channel.position(channel.size());
    } catch (IOException e) {
      throw new AuditLogException("cannot open audit log " + file + ": " + e.getMessage(), e);
    }
  }

  private static int lastIndexOf(byte[] bytes, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private byte[] checkpoint() {
    String mac = HexFormat.of().formatHex(Crypto.hmacSha256(key, Lines.macInput(lastSequence, lastHash)));
    return Lines.checkpointLine(lastSequence, lastHash, mac);
  }

  private void write(byte[] line, boolean newline) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line);
    if (newline) {
      buf.put((byte) '\n');
    }
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf, channel.size());
    }
  }

  @Override
  public synchronized AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (readOnly) {
      throw new AuditLogException("audit log " + file + " was opened read-only; appending is refused");
    }
    if (channel == null || !channel.isOpen()) {
      throw new AuditLogException("audit log " + file + " is closed");
    }
    long seq = lastSequence + 1;
    AuditEntry entry = new AuditEntry(seq, event, lastHash, Lines.hash(lastHash, Lines.canonical(seq, event)));
    byte[] line = Lines.entryLine(entry);
    try {
      long size = channel.size();
      ByteBuffer buf = ByteBuffer.allocate(line.length + 300);
      buf.put(line).put((byte) '\n');
      String previous = lastHash;
      lastSequence = seq;
      lastHash = entry.hash();
      if (seq % checkpointEvery == 0) {
        buf.put(checkpoint()).put((byte) '\n');
      }
      buf.flip();
      try {
        while (buf.hasRemaining()) {
          channel.write(buf, size + buf.position());
        }
        channel.force(true);
      } catch (IOException e) {
        lastSequence = seq - 1;
        lastHash = previous;
        channel.truncate(size);
        throw e;
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot append to audit log " + file + ": " + e.getMessage(), e);
    }
    return entry;
  }

  @Override
  public synchronized AuditVerification verify() {
    Scan scan = scan(read(), false);
    return scan.problem == null ? AuditVerification.intact(scan.entries)
        : AuditVerification.broken(scan.entries, scan.line, scan.problem);
  }

  @Override
  public synchronized long exportJsonLines(Appendable out) {
    Objects.requireNonNull(out, "out");
    byte[] bytes = read();
    long n = 0;
    int start = 0;
    try {
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          byte[] line = Arrays.copyOfRange(bytes, start, i);
          start = i + 1;
          if (Lines.parse(line).entry() != null) {
            out.append(new String(line, StandardCharsets.UTF_8)).append('\n');
            n++;
          }
        }
      }
    } catch (IOException e) {
      throw new AuditLogException("cannot export audit log " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new AuditLogException("audit log " + file + " is corrupted; run verify(): " + e.getMessage(), e);
    }
    return n;
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AuditLogException("cannot read audit log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (channel != null && channel.isOpen()) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new AuditLogException("cannot close audit log " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** The outcome of scanning a whole file. */
  private static final class Scan {
    long entries;
    long line;
    String lastHash = Lines.GENESIS;
    String problem;
    boolean missingTailCheckpoint;
    boolean checkpointDue;
  }

  private Scan scan(byte[] bytes, boolean tolerateMissingTailCheckpoint) {
    Scan s = new Scan();
    int start = 0;
    while (start < bytes.length) {
      s.line++;
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      if (nl == bytes.length) {
        s.problem = "last line is incomplete (no line end)";
        return s;
      }
      String problem = check(Arrays.copyOfRange(bytes, start, nl), s);
      if (problem != null) {
        s.problem = problem;
        return s;
      }
      start = nl + 1;
    }
    if (s.checkpointDue) {
      if (tolerateMissingTailCheckpoint) {
        s.missingTailCheckpoint = true;
      } else {
        s.line++;
        s.problem = "signed checkpoint after entry " + s.entries + " is missing (end of file)";
      }
    }
    return s;
  }

  /** Checks one line against the scan so far and advances it; returns the problem, or null if the line is good. */
  private String check(byte[] line, Scan s) {
    Lines.Parsed p;
    try {
      p = Lines.parse(line);
    } catch (IllegalArgumentException e) {
      return "record is unreadable: " + e.getMessage();
    }
    if (p.entry() == null) {
      if (!s.checkpointDue) {
        return "unexpected checkpoint for entry " + p.checkpoint();
      }
      if (p.checkpoint() != s.entries || !p.checkpointHash().equals(s.lastHash)) {
        return "checkpoint for entry " + p.checkpoint() + " does not match entry " + s.entries;
      }
      if (!LOWER_HEX_256.matcher(p.mac()).matches()) {
        return "checkpoint signature for entry " + p.checkpoint() + " is not 64 lower-case hex digits";
      }
      byte[] mac = HexFormat.of().parseHex(p.mac());
      if (!Crypto.hmacSha256Matches(key, Lines.macInput(p.checkpoint(), p.checkpointHash()), mac)) {
        return "checkpoint signature for entry " + p.checkpoint() + " is invalid";
      }
      s.checkpointDue = false;
      return null;
    }
    if (s.checkpointDue) {
      return "signed checkpoint after entry " + s.entries + " is missing";
    }
    AuditEntry e = p.entry();
    if (e.sequence() != s.entries + 1) {
      return "entry " + (s.entries + 1) + " is missing (found entry " + e.sequence() + ")";
    }
    if (!e.previousHash().equals(s.lastHash)) {
      return "entry " + e.sequence() + " does not link to the previous entry's hash";
    }
    String expected = Lines.hash(s.lastHash, Lines.canonical(e.sequence(), e.event()));
    if (!expected.equals(e.hash())) {
      return "entry " + e.sequence() + " was altered (hash mismatch)";
    }
    s.entries = e.sequence();
    s.lastHash = e.hash();
    s.checkpointDue = e.sequence() % checkpointEvery == 0;
    return null;
  }
}
