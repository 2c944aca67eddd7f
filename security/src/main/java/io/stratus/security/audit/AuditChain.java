package io.stratus.security.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The hash chain and checkpoint signatures of the audit log, for {@link AuditLog} implementations that keep the log
 * somewhere other than a file (a database): the same canonical form, links and HMAC checkpoints as {@link
 * AuditLog#openFile}, so every implementation's export verifies the same way. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuditChain {
  /** The previous hash of the first entry: 64 zeros. */
  public static final String GENESIS = Lines.GENESIS;

  private AuditChain() {}

  /**
   * Links an event into the chain: its hash is SHA-256 of the previous hash's bytes followed by the entry's canonical
   * JSON.
   *
   * @param sequence the entry's position, from 1
   * @param event the event; never null
   * @param previousHash the previous entry's hash, or {@link #GENESIS}; never null
   * @return the entry; never null
   * @throws IllegalArgumentException if the sequence is not positive or the previous hash is not 64 hex digits
   */
  public static AuditEntry link(long sequence, AuditEvent event, String previousHash) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(previousHash, "previousHash");
    if (previousHash.length() != 64) {
      throw new IllegalArgumentException("previousHash must be 64 hex digits, got '" + previousHash + "'");
    }
    return new AuditEntry(sequence, event, previousHash, Lines.hash(previousHash, Lines.canonical(sequence, event)));
  }

  /**
   * The entry as one canonical JSON line (the export format, without the newline).
   *
   * @param entry the entry; never null
   * @return the line; never null
   */
  public static String jsonLine(AuditEntry entry) {
    return new String(Lines.entryLine(Objects.requireNonNull(entry, "entry")), StandardCharsets.UTF_8);
  }

  /**
   * Parses a line written by {@link #jsonLine}, checking that it is in canonical form and that its hash is the one
   * its previous hash and content give.
   *
   * @param line the line; never null
   * @return the entry; never null
   * @throws IllegalArgumentException saying what is wrong (altered bytes, a broken hash, not an entry)
   */
  public static AuditEntry parse(String line) {
    Lines.Parsed p = Lines.parse(Objects.requireNonNull(line, "line").getBytes(StandardCharsets.UTF_8));
    AuditEntry e = p.entry();
    if (e == null) {
      throw new IllegalArgumentException("a checkpoint line, not an entry");
    }
    String expected = Lines.hash(e.previousHash(), Lines.canonical(e.sequence(), e.event()));
    if (!expected.equals(e.hash())) {
      throw new IllegalArgumentException("hash of entry " + e.sequence() + " does not match its content");
    }
    return e;
  }

  /**
   * The HMAC-SHA256 checkpoint signature over an entry's sequence and hash.
   *
   * @param key the checkpoint key, at least 32 bytes; never null
   * @param sequence the entry's sequence
   * @param hash the entry's hash; never null
   * @return 64 lower-case hex digits; never null
   * @throws IllegalArgumentException if the key is shorter than 32 bytes
   */
  public static String checkpoint(byte[] key, long sequence, String hash) {
    if (key.length < 32) {
      throw new IllegalArgumentException("checkpointKey has " + key.length + " bytes, needs at least 32");
    }
    return HexFormat.of().formatHex(Crypto.hmacSha256(key, Lines.macInput(sequence, hash)));
  }

  /**
   * Whether a checkpoint signature is the key's over that sequence and hash (constant-time comparison).
   *
   * @param key the checkpoint key; never null
   * @param sequence the entry's sequence
   * @param hash the entry's hash; never null
   * @param mac the stored signature; never null
   * @return true if it matches
   */
  public static boolean checkpointMatches(byte[] key, long sequence, String hash, String mac) {
    if (!mac.matches("[0-9a-f]{64}")) {
      return false;
    }
    return Crypto.hmacSha256Matches(key, Lines.macInput(sequence, hash), HexFormat.of().parseHex(mac));
  }

  /**
   * A verification result: every one of {@code entries} entries checks out.
   *
   * @param entries how many were verified
   * @return the result; never null
   */
  public static AuditVerification intact(long entries) {
    return AuditVerification.intact(entries);
  }

  /**
   * A verification result: the chain breaks at a position.
   *
   * @param entriesVerified how many entries checked out before the problem
   * @param position the 1-based line or sequence of the first bad record
   * @param problem what is wrong; never null
   * @return the result; never null
   */
  public static AuditVerification broken(long entriesVerified, long position, String problem) {
    return AuditVerification.broken(entriesVerified, position, Objects.requireNonNull(problem, "problem"));
  }
}
