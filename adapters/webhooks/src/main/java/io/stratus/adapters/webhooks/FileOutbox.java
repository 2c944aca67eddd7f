package io.stratus.adapters.webhooks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Outbox}: an append-only journal file. Every state change is one framed record ({@code [int
 * length][int CRC32C][payload]}) after an 8-byte header; {@link #enqueue} forces the file to disk ({@link
 * FileChannel#force}) before it returns, so an acknowledged event survives a crash or power loss. Attempt and replay
 * records are written without forcing: losing them in a crash repeats a delivery with the same event id.
 *
 * <p>On open the journal is replayed. A torn final record (short, or failing its checksum at the very end of the file,
 * as a crash in mid-write leaves it) is truncated away with a warning; a damaged record followed by more data raises
 * {@link OutboxCorruptedException} naming the file and offset, and the file is left untouched. A failed write (disk
 * full, I/O error) rolls the file back to its last good length and throws {@link OutboxException}; the event was not
 * accepted. {@link #compact()} rewrites the journal with only the pending and dead deliveries (atomically, by
 * rename); it also runs on its own once the journal exceeds the compaction threshold and delivered entries outnumber
 * the rest. The file is locked while open, so a second process cannot write it.
 *
 * <p>Thread-safe: every operation holds the outbox's lock.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FileOutbox implements Outbox {

  /** The default size after which the journal is compacted once delivered entries dominate. */
  public static final long DEFAULT_COMPACTION_THRESHOLD = 64L << 20;

  static final byte[] MAGIC = "STRWHJ01".getBytes(StandardCharsets.US_ASCII);
  private static final int FRAME = 8;
  private static final int MAX_RECORD = 64 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

  /** Opens the journal's channel; tests substitute a failing one. */
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;
  }

  private final Path file;
  private final long compactionThreshold;
  private final ChannelOpener opener;
  private OutboxState state = new OutboxState();
  private FileChannel channel;
  private @Nullable FileLock lock;
  private long end;
  private boolean broken;
  private boolean closed;

  private FileOutbox(Path file, long compactionThreshold, ChannelOpener opener) {
    if (compactionThreshold < 1) {
      throw new IllegalArgumentException("compactionThreshold must be positive, got " + compactionThreshold);
    }
    this.file = file.toAbsolutePath();
    this.compactionThreshold = compactionThreshold;
    this.opener = opener;
    this.channel = openAndRecover();
  }

  /**
   * Opens (or creates) a journal with the default compaction threshold.
   *
   * @param file the journal file; its directory must exist; never null
   * @return the outbox, recovered from the journal; never null
   * @throws OutboxCorruptedException if the journal is damaged before its end
   * @throws OutboxException if the file cannot be opened, read or locked
   */
  public static FileOutbox open(Path file) {
    return open(file, DEFAULT_COMPACTION_THRESHOLD);
  }

  /**
   * Opens (or creates) a journal.
   *
   * @param file the journal file; its directory must exist; never null
   * @param compactionThreshold journal size in bytes above which it is compacted automatically; positive
   * @return the outbox, recovered from the journal; never null
   * @throws IllegalArgumentException if the threshold is not positive
   * @throws OutboxCorruptedException if the journal is damaged before its end
   * @throws OutboxException if the file cannot be opened, read or locked
   */
  public static FileOutbox open(Path file, long compactionThreshold) {
    return new FileOutbox(file, compactionThreshold, FileOutbox::defaultChannel);
  }

  static FileOutbox open(Path file, long compactionThreshold, ChannelOpener opener) {
    return new FileOutbox(file, compactionThreshold, opener);
  }

  private static FileChannel defaultChannel(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /**
   * The journal file.
   *
   * @return its absolute path; never null
   */
  public Path file() {
    return file;
  }

  /**
   * The journal's current length.
   *
   * @return bytes
   */
  public synchronized long size() {
    return end;
  }

  private FileChannel openAndRecover() {
    boolean created = !Files.exists(file);
    FileChannel ch;
    try {
      ch = opener.open(file);
    } catch (IOException e) {
      throw new OutboxException(file, "cannot open the journal: " + e, e);
    }
    try {
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new OutboxException(file, "the journal is open in another outbox or process");
      }
      recover(ch);
      if (created) {
        forceDirectory();
      }
      return ch;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new OutboxException(file, "cannot read the journal: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private void recover(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < MAGIC.length) {
      if (size > 0) {
        LOG.warn("{}: torn header ({} bytes), starting an empty journal", file, size);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(MAGIC), 0);
      ch.force(true);
      end = MAGIC.length;
      return;
    }
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length);
    readFully(ch, header, 0);
    if (!Arrays.equals(header.array(), MAGIC)) {
      throw new OutboxCorruptedException(file, 0, "not a Stratus webhook journal (header "
          + new String(header.array(), StandardCharsets.ISO_8859_1) + ")");
    }
    long pos = MAGIC.length;
    ByteBuffer frame = ByteBuffer.allocate(FRAME);
    while (pos < size) {
      long remaining = size - pos;
      if (remaining < FRAME) {
        truncateTorn(ch, pos, size, "a frame header of " + remaining + " bytes");
        return;
      }
      frame.clear();
      readFully(ch, frame, pos);
      int length = frame.getInt(0);
      int crc = frame.getInt(4);
      if (length <= 0 || length > MAX_RECORD) {
        if (allZero(ch, pos, size)) {
          truncateTorn(ch, pos, size, "a zero-filled tail");
          return;
        }
        throw new OutboxCorruptedException(file, pos, "record length " + length + " is outside 1.." + MAX_RECORD);
      }
      if (length > remaining - FRAME) {
        truncateTorn(ch, pos, size, "a record of " + length + " bytes with " + (remaining - FRAME) + " on disk");
        return;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(ch, payload, pos + FRAME);
      CRC32C check = new CRC32C();
      check.update(payload.array());
      boolean last = pos + FRAME + length == size;
      if ((int) check.getValue() != crc) {
        if (last) {
          truncateTorn(ch, pos, size, "a final record failing its CRC32C");
          return;
        }
        throw new OutboxCorruptedException(file, pos, "CRC32C mismatch (stored " + Integer.toHexString(crc)
            + ", computed " + Long.toHexString(check.getValue()) + ") with " + (size - pos - FRAME - length)
            + " bytes after it");
      }
      try {
        JournalRecords.apply(payload.array(), state);
      } catch (IOException | RuntimeException e) {
        throw new OutboxCorruptedException(file, pos, "record does not decode: " + e.getMessage());
      }
      pos += FRAME + length;
    }
    end = pos;
  }

  private boolean allZero(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long pos = from;
    while (pos < size) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) != 0) {
          return false;
        }
      }
      pos += n;
    }
    return true;
  }

  private void truncateTorn(FileChannel ch, long pos, long size, String what) throws IOException {
    LOG.warn("{}: truncating a torn tail at offset {} ({} bytes: {}); it held no acknowledged event", file, pos,
        size - pos, what);
    ch.truncate(pos);
    ch.force(true);
    end = pos;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long at = pos;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + at);
      }
      at += n;
    }
  }

  /** Appends framed records at the end; on failure rolls back to the last good length and throws. */
  private void append(List<byte[]> payloads, boolean force) {
    checkOpen();
    int total = 0;
    for (byte[] p : payloads) {
      total += FRAME + p.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    for (byte[] p : payloads) {
      CRC32C crc = new CRC32C();
      crc.update(p);
      buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
    }
    buf.flip();
    try {
      long at = end;
      while (buf.hasRemaining()) {
        at += channel.write(buf, at);
      }
      if (force) {
        channel.force(false);
      }
      end = at;
    } catch (IOException e) {
      try {
        channel.truncate(end);
        channel.force(false);
      } catch (IOException rollback) {
        e.addSuppressed(rollback);
        broken = true;
      }
      throw new OutboxException(file, "cannot append " + payloads.size() + " record(s) at offset " + end
          + " (nothing was accepted): " + e, e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("outbox " + file + " is closed");
    }
    if (broken) {
      throw new OutboxException(file, "a failed write could not be rolled back; reopen the journal to recover it");
    }
  }

  @Override
  public synchronized List<DeliveryKey> enqueue(List<OutboxEntry> entries) {
    List<byte[]> payloads = new ArrayList<>(entries.size());
    List<OutboxEntry> added = new ArrayList<>(entries.size());
    java.util.Set<DeliveryKey> seen = new java.util.HashSet<>();
    for (OutboxEntry e : entries) {
      if (e.state() != OutboxEntry.State.PENDING) {
        throw new IllegalArgumentException("only pending entries can be enqueued, got " + e);
      }
      if (!state.contains(e.key()) && seen.add(e.key())) {
        payloads.add(JournalRecords.entry(e));
        added.add(e);
      }
    }
    if (payloads.isEmpty()) {
      return List.of();
    }
    append(payloads, true);
    List<DeliveryKey> keys = new ArrayList<>(added.size());
    for (OutboxEntry e : added) {
      state.put(e);
      keys.add(e.key());
    }
    return keys;
  }

  @Override
  public synchronized void record(DeliveryAttempt attempt) {
    checkOpen();
    state.checkRecord(attempt);
    append(List.of(JournalRecords.attempt(attempt, false)), false);
    state.record(attempt);
    if (end > compactionThreshold && state.deliveredCount() * 2 > state.size()) {
      compact();
    }
  }

  @Override
  public synchronized void replay(DeliveryKey key, Instant at) {
    checkOpen();
    state.checkReplay(key);
    append(List.of(JournalRecords.replay(key, at)), true);
    state.replay(key, at);
  }

  @Override
  public synchronized void postpone(DeliveryKey key, Instant until) {
    checkOpen();
    state.checkPending(key);
    append(List.of(JournalRecords.postpone(key, until)), false);
    state.postpone(key, until);
  }

  @Override
  public synchronized List<OutboxEntry> due(Instant now, int limit) {
    return state.due(now, limit);
  }

  @Override
  public synchronized Optional<Instant> nextDue() {
    return state.nextDue();
  }

  @Override
  public synchronized List<OutboxEntry> entries(String eventId) {
    return state.entries(eventId);
  }

  @Override
  public synchronized List<OutboxEntry> deadLetters() {
    return state.withState(OutboxEntry.State.DEAD);
  }

  @Override
  public synchronized List<DeliveryAttempt> attempts(DeliveryKey key) {
    return state.attempts(key);
  }

  /**
   * Rewrites the journal with only the pending and dead deliveries and their delivery logs, then replaces the file
   * atomically. Delivered entries are forgotten: their confirmation and log are no longer available.
   *
   * @throws OutboxException if the new journal cannot be written; the old one stays in use
   */
  public synchronized void compact() {
    checkOpen();
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    OutboxState next = new OutboxState();
    List<byte[]> payloads = new ArrayList<>();
    for (OutboxEntry.State s : List.of(OutboxEntry.State.PENDING, OutboxEntry.State.DEAD)) {
      for (OutboxEntry e : state.withState(s)) {
        payloads.add(JournalRecords.entry(e));
        next.put(e);
        for (DeliveryAttempt a : state.attempts(e.key())) {
          payloads.add(JournalRecords.attempt(a, true));
          next.log(a);
        }
      }
    }
    long newEnd = MAGIC.length;
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.wrap(MAGIC);
      while (header.hasRemaining()) {
        out.write(header);
      }
      for (byte[] p : payloads) {
        CRC32C crc = new CRC32C();
        crc.update(p);
        ByteBuffer buf = ByteBuffer.allocate(FRAME + p.length).putInt(p.length).putInt((int) crc.getValue()).put(p);
        buf.flip();
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        newEnd += FRAME + p.length;
      }
      out.force(true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new OutboxException(file, "compaction failed; the journal is unchanged: " + e, e);
    }
    long before = end;
    try {
      releaseLock();
      channel.close();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (IOException e) {
      broken = true;
      throw new OutboxException(file, "compaction could not replace the journal; reopen it to recover: " + e, e);
    }
    state = new OutboxState();
    channel = openAndRecover();
    if (end != newEnd || state.size() != next.size()) {
      throw new IllegalStateException("compacted journal " + file + " reads back " + state.size() + " entries in "
          + end + " bytes, wrote " + next.size() + " in " + newEnd);
    }
    LOG.debug("{}: compacted {} -> {} bytes", file, before, end);
  }

  private void forceDirectory() {
    Path dir = file.getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("{}: cannot fsync the directory (not supported on this platform?): {}", file, e.toString());
    }
  }

  private void releaseLock() throws IOException {
    FileLock l = lock;
    if (l != null && l.isValid()) {
      l.release();
    }
    lock = null;
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.debug("closing a journal channel failed: {}", e.toString());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", p, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      releaseLock();
      channel.close();
    } catch (IOException e) {
      throw new OutboxException(file, "cannot close the journal: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "FileOutbox[" + file + "]";
  }
}
