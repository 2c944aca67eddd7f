package io.stratus.adapters.webhooks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The payloads of journal records. Each record is framed on disk by {@link FileOutbox} as
 * {@code [int length][int CRC32C of payload][payload]}; the payload starts with a one-byte kind.
 *
 * <ul>
 *   <li>{@code ENTRY}: an outbox entry in full (a new pending delivery, or a snapshot written by compaction);
 *   <li>{@code ATTEMPT}: an attempt and its outcome, applied to the entry;
 *   <li>{@code LOG}: an attempt kept for the delivery log only (compaction's copy; not applied again);
 *   <li>{@code REPLAY}: a dead letter moved back to pending;
 *   <li>{@code POSTPONE}: a pending delivery's next attempt moved (circuit open), no attempt counted.
 * </ul>
 */
final class JournalRecords {

  static final byte ENTRY = 1;
  static final byte ATTEMPT = 2;
  static final byte LOG = 3;
  static final byte REPLAY = 4;
  static final byte POSTPONE = 5;

  private JournalRecords() {}

  static byte[] entry(OutboxEntry e) {
    return write(out -> {
      out.writeByte(ENTRY);
      key(out, e.key());
      byte[] body = e.body();
      out.writeInt(body.length);
      out.write(body);
      instant(out, e.enqueuedAt());
      out.writeByte(e.state().ordinal());
      out.writeInt(e.attempts());
      instant(out, e.nextAttemptAt());
      out.writeUTF(e.lastError());
    });
  }

  static byte[] attempt(DeliveryAttempt a, boolean logOnly) {
    return write(out -> {
      out.writeByte(logOnly ? LOG : ATTEMPT);
      key(out, a.key());
      out.writeInt(a.attempt());
      instant(out, a.at());
      out.writeByte(a.outcome().ordinal());
      out.writeShort(a.statusCode());
      out.writeUTF(a.detail());
      instant(out, a.nextAttemptAt());
    });
  }

  static byte[] replay(DeliveryKey key, Instant at) {
    return write(out -> {
      out.writeByte(REPLAY);
      key(out, key);
      instant(out, at);
    });
  }

  static byte[] postpone(DeliveryKey key, Instant until) {
    return write(out -> {
      out.writeByte(POSTPONE);
      key(out, key);
      instant(out, until);
    });
  }

  /** Applies one payload to the state; an IllegalArgumentException or IOException means it does not decode. */
  static void apply(byte[] payload, OutboxState state) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    byte kind = in.readByte();
    switch (kind) {
      case ENTRY: {
        DeliveryKey key = key(in);
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        Instant enqueuedAt = instant(in);
        OutboxEntry.State st = OutboxEntry.State.values()[in.readUnsignedByte()];
        state.put(new OutboxEntry(key, body, enqueuedAt, st, in.readInt(), instant(in), in.readUTF()));
        break;
      }
      case ATTEMPT:
      case LOG: {
        DeliveryAttempt a = new DeliveryAttempt(key(in), in.readInt(), instant(in),
            DeliveryAttempt.Outcome.values()[in.readUnsignedByte()], in.readShort(), in.readUTF(), instant(in));
        if (kind == ATTEMPT) {
          state.record(a);
        } else {
          state.log(a);
        }
        break;
      }
      case REPLAY:
        state.replay(key(in), instant(in));
        break;
      case POSTPONE:
        state.postpone(key(in), instant(in));
        break;
      default:
        throw new IOException("unknown record kind " + kind);
    }
    if (in.available() != 0) {
      throw new IOException(in.available() + " trailing bytes after a record of kind " + kind);
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory write", e);
    }
    return bytes.toByteArray();
  }

  private static void key(DataOutputStream out, DeliveryKey key) throws IOException {
    out.writeUTF(key.eventId());
    out.writeUTF(key.subscriptionId());
  }

  private static DeliveryKey key(DataInputStream in) throws IOException {
    return new DeliveryKey(in.readUTF(), in.readUTF());
  }

  private static void instant(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
