package io.stratus.security.crypto;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.spi.EnvelopeStore;
import io.stratus.security.spi.EnvelopeStore.StoredEnvelope;
import io.stratus.security.spi.RotatableKeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider.KeyVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates a key-encryption key when it reaches its maximum age and then re-encrypts the host's stored envelopes to
 * the new key in the background, a page at a time, with a persisted checkpoint.
 *
 * <p>Each {@link #runDue()} (called by the host's scheduler, or through {@link #schedule}) does, in order:
 * <ol>
 *   <li>if the current key is at least {@code maxKeyAge} old (or its age is unknown), {@link
 *       RotatableKeyManagementProvider#rotate() rotates} it and appends a {@code key.rotate} audit entry;</li>
 *   <li>if no pass to the current key has been started, starts one (checkpoint saved);</li>
 *   <li>visits up to {@code maxRecordsPerRun} records after the checkpoint's cursor: a record not under the target
 *       key is decrypted and encrypted again under a fresh data key ({@link EnvelopeCipher#reEncrypt}) and replaced
 *       with a compare-and-set; the checkpoint is saved after each page; when no record is left the pass is complete
 *       and a {@code key.reencrypt} audit entry records its counts.</li>
 * </ol>
 *
 * <p>Crash safety: a record is replaced only by a complete new envelope, before the checkpoint moves past it, and no
 * key version is ever deleted (neither this class nor the providers delete one), so at every instant each record
 * decrypts under the key its own header names. A run resumed after a crash continues after the last saved cursor;
 * records rewritten after that checkpoint are found already under the target key and skipped. Records that do not
 * decrypt (damaged) are left untouched, counted and listed, never dropped.
 *
 * <p>Thread-safe: runs are serialized on this object.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KeyRotationScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotationScheduler.class);

  private final RotatableKeyManagementProvider keys;
  private final EnvelopeCipher cipher;
  private final EnvelopeStore store;
  private final AuditLog audit;
  private final InstantSource clock;
  private final Duration maxKeyAge;
  private final int batchSize;
  private final long maxRecordsPerRun;
  private final RotationProgressStore checkpoints;
  private final String actor;

  private KeyRotationScheduler(Builder b) {
    this.keys = b.keys;
    this.cipher = EnvelopeCipher.of(b.keys);
    this.store = b.store;
    this.audit = b.audit;
    this.clock = b.clock;
    this.maxKeyAge = b.maxKeyAge;
    this.batchSize = b.batchSize;
    this.maxRecordsPerRun = b.maxRecordsPerRun;
    this.checkpoints = b.checkpoints;
    this.actor = b.actor;
  }

  /**
   * Starts a builder.
   *
   * @param keys the provider whose key is rotated; never null
   * @param store the host's stored envelopes, re-encrypted after each rotation; never null
   * @param audit where rotations and completed passes are recorded; never null
   * @param clock the time source for key ages, checkpoints and audit entries; never null
   * @return the builder; never null
   */
  public static Builder builder(RotatableKeyManagementProvider keys, EnvelopeStore store, AuditLog audit,
      InstantSource clock) {
    return new Builder(keys, store, audit, clock);
  }

  /**
   * Whether the current key is due for rotation at an instant: it is at least the maximum age old, or its creation
   * time is unknown.
   *
   * @param now the instant; never null
   * @return true if {@link #runDue()} at {@code now} would rotate
   */
  public boolean rotationDue(Instant now) {
    Objects.requireNonNull(now, "now");
    List<KeyVersion> versions = keys.keyVersions();
    KeyVersion current = versions.get(versions.size() - 1);
    return current.createdAt().map(c -> !c.plus(maxKeyAge).isAfter(now)).orElse(true);
  }

  /**
   * Rotates if due and continues the re-encryption pass, as described on the class.
   *
   * @return the progress after this run; never null
   * @throws io.stratus.StratusException if the provider, the store, the checkpoint or the audit log fails; work
   *     done before the failure is kept and the next run resumes from the last checkpoint
   */
  public synchronized RotationProgress runDue() {
    Instant now = clock.instant();
    if (rotationDue(now)) {
      rotate(now, "maximum key age " + maxKeyAge + " reached");
    }
    return continuePass();
  }

  /**
   * Rotates now, whatever the key's age (e.g. a key is suspected compromised), and starts the re-encryption pass.
   *
   * @param reason why, recorded in the audit entry; never null
   * @return the progress after this run; never null
   * @throws io.stratus.StratusException as {@link #runDue()}
   */
  public synchronized RotationProgress rotateNow(String reason) {
    rotate(clock.instant(), Objects.requireNonNull(reason, "reason"));
    return continuePass();
  }

  /**
   * The saved checkpoint.
   *
   * @return the progress of the last pass, or empty if none was started
   */
  public Optional<RotationProgress> progress() {
    return checkpoints.load();
  }

  /**
   * Runs {@link #runDue()} on the host's executor every {@code period}, first after one period. A failing run is
   * logged and the next one retries; cancel the returned future to stop.
   *
   * @param executor the host's scheduler; never null
   * @param period the interval between runs; positive
   * @return the scheduled task; never null
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration period) {
    Objects.requireNonNull(executor, "executor");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period " + period + " must be positive");
    }
    long nanos = period.toNanos();
    return executor.scheduleWithFixedDelay(() -> {
      try {
        RotationProgress p = runDue();
        LOG.debug("key rotation run: {}", p.summary());
      } catch (RuntimeException e) {
        LOG.warn("key rotation run failed; the next run resumes from the last checkpoint", e);
      }
    }, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void rotate(Instant now, String reason) {
    String before = keys.currentKeyId();
    String after;
    try {
      after = keys.rotate();
    } catch (RuntimeException e) {
      audit.append(event(now, "key.rotate", "kek:" + before, AuditEvent.Outcome.FAILURE)
          .change(before, "rotation failed: " + e.getMessage()).build());
      throw e;
    }
    audit.append(event(now, "key.rotate", "kek:" + after, AuditEvent.Outcome.SUCCESS)
        .change(before, after + " (" + reason + ")").build());
  }

  private RotationProgress continuePass() {
    String target = keys.currentKeyId();
    RotationProgress p = checkpoints.load().filter(c -> c.targetKeyId().equals(target)).orElse(null);
    if (p == null) {
      p = RotationProgress.start(target, clock.instant(), store.count());
      checkpoints.save(p);
    }
    long budget = maxRecordsPerRun;
    while (!p.complete() && budget > 0) {
      List<StoredEnvelope> page = store.page(p.cursor(), (int) Math.min(batchSize, budget));
      if (page.isEmpty()) {
        p = p.completed();
        checkpoints.save(p);
        audit.append(event(clock.instant(), "key.reencrypt", "store:" + store.id(),
            p.failed() == 0 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE)
            .change("pass started " + p.startedAt(), p.summary()).build());
        break;
      }
      for (StoredEnvelope r : page) {
        p = visit(p, r);
      }
      budget -= page.size();
      checkpoints.save(p);
    }
    return p;
  }

  private RotationProgress visit(RotationProgress p, StoredEnvelope r) {
    byte[] envelope = r.envelope();
    try {
      if (EnvelopeCipher.keyIdOf(envelope).equals(p.targetKeyId())) {
        return p.visited(r.recordId(), false, false);
      }
      byte[] fresh = cipher.reEncrypt(envelope, r.associatedData());
      boolean replaced = store.replace(r.recordId(), envelope, fresh);
      return p.visited(r.recordId(), replaced, !replaced);
    } catch (DecryptionException e) {
      LOG.warn("record {} of store {} does not decrypt and is left as it is: {}", r.recordId(), store.id(),
          e.getMessage());
      return p.failedAt(r.recordId(), e.getMessage());
    }
  }

  private AuditEvent.Builder event(Instant at, String action, String resource, AuditEvent.Outcome outcome) {
    return AuditEvent.builder().at(at).actor(actor).action(action).resource(resource).origin("kms:" + keys.id())
        .outcome(outcome);
  }

  /**
   * Configures a {@link KeyRotationScheduler}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final RotatableKeyManagementProvider keys;
    private final EnvelopeStore store;
    private final AuditLog audit;
    private final InstantSource clock;
    private Duration maxKeyAge = Duration.ofDays(90);
    private int batchSize = 500;
    private long maxRecordsPerRun = Long.MAX_VALUE;
    private RotationProgressStore checkpoints = RotationProgressStore.inMemory();
    private String actor = "key-rotation";

    private Builder(RotatableKeyManagementProvider keys, EnvelopeStore store, AuditLog audit, InstantSource clock) {
      this.keys = Objects.requireNonNull(keys, "keys");
      this.store = Objects.requireNonNull(store, "store");
      this.audit = Objects.requireNonNull(audit, "audit");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The age at which the current key is rotated (default 90 days, the usual upper bound in PCI DSS and NIST SP
     * 800-57 cryptoperiod guidance for data-encryption keys).
     *
     * @param age positive; never null
     * @return this builder; never null
     */
    public Builder maxKeyAge(Duration age) {
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("maxKeyAge " + age + " must be positive");
      }
      this.maxKeyAge = age;
      return this;
    }

    /**
     * How many records are read per page, and so how often the checkpoint is saved (default 500).
     *
     * @param size positive
     * @return this builder; never null
     */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batchSize " + size + " must be positive");
      }
      this.batchSize = size;
      return this;
    }

    /**
     * The most records one run visits (default unlimited), to spread a large pass over several runs.
     *
     * @param max positive
     * @return this builder; never null
     */
    public Builder maxRecordsPerRun(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordsPerRun " + max + " must be positive");
      }
      this.maxRecordsPerRun = max;
      return this;
    }

    /**
     * Where the checkpoint is kept (default in memory; use {@link RotationProgressStore#file} or the host's own to
     * resume after a restart).
     *
     * @param store the checkpoint store; never null
     * @return this builder; never null
     */
    public Builder checkpoints(RotationProgressStore store) {
      this.checkpoints = Objects.requireNonNull(store, "checkpoints");
      return this;
    }

    /**
     * The actor named in audit entries (default {@code key-rotation}).
     *
     * @param actor not blank
     * @return this builder; never null
     */
    public Builder actor(String actor) {
      if (actor.isBlank()) {
        throw new IllegalArgumentException("actor must not be blank");
      }
      this.actor = actor;
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler; never null
     */
    public KeyRotationScheduler build() {
      return new KeyRotationScheduler(this);
    }
  }
}
