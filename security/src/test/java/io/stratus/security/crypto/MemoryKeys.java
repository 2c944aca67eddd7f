package io.stratus.security.crypto;

import io.stratus.security.spi.RotatableKeyManagementProvider;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A fast in-memory rotatable provider for properties (AES-GCM wrapping, seeded keys). Thread-safe. */
final class MemoryKeys implements RotatableKeyManagementProvider {
  private final Map<String, byte[]> keys = new LinkedHashMap<>();
  private final List<KeyVersion> versions = new ArrayList<>();
  private final InstantSource clock;
  private final Random random;

  MemoryKeys(InstantSource clock, long seed) {
    this.clock = clock;
    this.random = new Random(seed);
    rotate();
  }

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public synchronized String currentKeyId() {
    return versions.get(versions.size() - 1).keyId();
  }

  @Override
  public synchronized String rotate() {
    byte[] k = new byte[32];
    random.nextBytes(k);
    String id = "mem-" + (versions.size() + 1);
    keys.put(id, k);
    versions.add(KeyVersion.of(id, clock.instant()));
    return id;
  }

  @Override
  public synchronized List<KeyVersion> keyVersions() {
    return List.copyOf(versions);
  }

  @Override
  public synchronized WrappedKey wrap(byte[] dataKey, byte[] context) {
    byte[] iv = new byte[Gcm.IV_BYTES];
    random.nextBytes(iv);
    try {
      byte[] ct = Gcm.encrypt(keys.get(currentKeyId()), iv, context, dataKey);
      byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return new WrappedKey(currentKeyId(), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized byte[] unwrap(WrappedKey wrapped, byte[] context) {
    byte[] k = keys.get(wrapped.keyId());
    if (k == null) {
      throw new DecryptionException("unknown key " + wrapped.keyId(), null);
    }
    byte[] b = wrapped.bytes();
    try {
      return Gcm.decrypt(k, Arrays.copyOf(b, Gcm.IV_BYTES), context, Arrays.copyOfRange(b, Gcm.IV_BYTES, b.length));
    } catch (GeneralSecurityException e) {
      throw new DecryptionException("unwrap failed", e);
    }
  }
}
