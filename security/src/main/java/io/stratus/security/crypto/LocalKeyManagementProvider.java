package io.stratus.security.crypto;

import io.stratus.InvalidConfigurationException;
import io.stratus.security.spi.KeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PKCS12Attribute;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;

/**
 * The embedded {@link KeyManagementProvider}: AES-256 key-encryption keys {@code local-1}, {@code local-2}, … kept in
 * a PKCS#12 key store file (the JDK's PKCS#12 protection: PBKDF2-HMAC-SHA256 and AES-256) whose password is derived
 * from the passphrase with the memory-hard Argon2id (RFC 9106; 64 MiB, 3 passes, 4 lanes, random 16-byte salt), the
 * parameters kept in {@code <file>.kdf} beside it. A key store without that file (written before Argon2id was used)
 * is still opened with the passphrase itself as its password.
 * Wrapping is AES-256-GCM with a random IV and the caller's context as associated data. {@link #rotate()} adds a new
 * version and makes it current; old versions keep unwrapping and are never deleted. Each key's creation time (from
 * the injected clock) is kept as a PKCS#12 bag attribute (OID {@code 2.25.125326233031689380416281357556268432821},
 * a UUID-based OID per ITU-T X.667, holding the ISO-8601 instant), so {@link #keyVersions()} reports key ages
 * across restarts; keys written by an earlier release without it report an unknown age. The file is replaced
 * atomically on every change.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LocalKeyManagementProvider implements RotatableKeyManagementProvider {
  /** The PKCS#12 bag attribute holding a key's creation instant. */
  static final String CREATED_AT_OID = "2.25.125326233031689380416281357556268432821";
  private static final Pattern ALIAS = Pattern.compile("local-(\\d+)");

  private final Path file;
  /** The PKCS#12 password: derived with Argon2id, or the passphrase itself for a key store without parameters. */
  private final char[] passphrase;
  private final SecureRandom random;
  private final KeyStore store;
  private final InstantSource clock;
  private int current;

  private LocalKeyManagementProvider(Path file, char[] passphrase, SecureRandom random, KeyStore store,
      InstantSource clock) {
    this.file = file;
    this.passphrase = passphrase;
    this.random = random;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Opens the key store file, creating it with a first key if absent.
   *
   * @param file the PKCS#12 file; never null
   * @param passphrase its passphrase, at least 12 characters; copied; never null
   * @param clock stamps the creation time of new key versions; never null
   * @return the provider; never null
   * @throws InvalidConfigurationException if the passphrase is shorter than 12 characters
   * @throws KeyProviderException if the passphrase is wrong or the file is damaged or unreadable
   */
  public static LocalKeyManagementProvider open(Path file, char[] passphrase, InstantSource clock) {
    return open(file, passphrase, PassphraseKdf.DEFAULT_COST, clock);
  }

  static LocalKeyManagementProvider open(Path file, char[] passphrase, PassphraseKdf cost, InstantSource clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    if (passphrase.length < 12) {
      throw new InvalidConfigurationException("key store passphrase has " + passphrase.length
          + " characters; at least 12 are required");
    }
    SecureRandom random = new SecureRandom();
    Path kdfFile = PassphraseKdf.fileFor(file);
    char[] password = null;
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      if (Files.exists(file)) {
        password = Files.exists(kdfFile) ? PassphraseKdf.load(kdfFile).derive(passphrase) : passphrase.clone();
        try (InputStream in = Files.newInputStream(file)) {
          ks.load(in, password);
        }
      } else {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        PassphraseKdf kdf = cost.withSalt(salt);
        kdf.save(kdfFile);
        password = kdf.derive(passphrase);
        ks.load(null, password);
      }
      LocalKeyManagementProvider p = new LocalKeyManagementProvider(file, password, random, ks, clock);
      for (String alias : Collections.list(ks.aliases())) {
        Matcher m = ALIAS.matcher(alias);
        if (m.matches()) {
          p.current = Math.max(p.current, Integer.parseInt(m.group(1)));
        }
      }
      if (p.current == 0) {
        p.rotate();
      }
      return p;
    } catch (IOException | GeneralSecurityException e) {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      throw new KeyProviderException("cannot open key store " + file + " (wrong passphrase or damaged file): "
          + e.getMessage(), e);
    }
  }

  @Override
  public String id() {
    return "local";
  }

  @Override
  public synchronized String currentKeyId() {
    return "local-" + current;
  }

  /**
   * Generates a new key-encryption key, stamps its creation time, makes it current and saves the key store; older
   * keys still unwrap.
   *
   * @return the new key id; never null
   * @throws KeyProviderException if the key store cannot be saved; the current key is then unchanged
   */
  @Override
  public synchronized String rotate() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    String alias = "local-" + (current + 1);
    try {
      Set<KeyStore.Entry.Attribute> created = Set.of(new PKCS12Attribute(CREATED_AT_OID, clock.instant().toString()));
      store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES"), created),
          new KeyStore.PasswordProtection(passphrase));
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, passphrase);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | GeneralSecurityException e) {
      try {
        store.deleteEntry(alias);
      } catch (java.security.KeyStoreException undo) {
        e.addSuppressed(undo);
      }
      throw new KeyProviderException("cannot save key store " + file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    current++;
    return alias;
  }

  /**
   * The key versions in this key store, oldest first, with their creation times.
   *
   * @return an immutable snapshot; never null, never empty
   * @throws KeyProviderException if an entry cannot be read
   */
  @Override
  public synchronized List<KeyVersion> keyVersions() {
    TreeMap<Integer, KeyVersion> versions = new TreeMap<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        Matcher m = ALIAS.matcher(alias);
        if (!m.matches()) {
          continue;
        }
        Instant created = null;
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(passphrase));
        for (KeyStore.Entry.Attribute a : entry.getAttributes()) {
          if (a.getName().equals(CREATED_AT_OID)) {
            try {
              created = Instant.parse(a.getValue());
            } catch (DateTimeParseException e) {
              throw new KeyProviderException("key store " + file + ": key " + alias + " has creation time '"
                  + a.getValue() + "', which is not an ISO-8601 instant", e);
            }
          }
        }
        versions.put(Integer.parseInt(m.group(1)),
            created == null ? KeyVersion.ofUnknownAge(alias) : KeyVersion.of(alias, created));
      }
    } catch (GeneralSecurityException e) {
      throw new KeyProviderException("cannot read the keys of key store " + file + ": " + e.getMessage(), e);
    }
    return List.copyOf(new ArrayList<>(versions.values()));
  }

  private byte[] kek(String keyId) {
    try {
      if (!ALIAS.matcher(keyId).matches() || !store.containsAlias(keyId)) {
        throw new DecryptionException("key id '" + keyId + "' is unknown to key store " + file, null);
      }
      return store.getKey(keyId, passphrase).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new DecryptionException("cannot read key '" + keyId + "' from key store " + file, e);
    }
  }

  @Override
  public synchronized WrappedKey wrap(byte[] dataKey, byte[] context) {
    String keyId = currentKeyId();
    byte[] iv = new byte[Gcm.IV_BYTES];
    random.nextBytes(iv);
    try {
      byte[] ct = Gcm.encrypt(kek(keyId), iv, context, dataKey);
      byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return new WrappedKey(keyId, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM wrapping failed", e);
    }
  }

  @Override
  public synchronized byte[] unwrap(WrappedKey wrapped, byte[] context) {
    byte[] b = wrapped.bytes();
    if (b.length <= Gcm.IV_BYTES) {
      throw new DecryptionException("wrapped key under '" + wrapped.keyId() + "' is too short", null);
    }
    try {
      return Gcm.decrypt(kek(wrapped.keyId()), Arrays.copyOf(b, Gcm.IV_BYTES), context,
          Arrays.copyOfRange(b, Gcm.IV_BYTES, b.length));
    } catch (GeneralSecurityException e) {
      throw new DecryptionException("wrapped data key under '" + wrapped.keyId()
          + "' failed authentication (altered, or wrong context)", e);
    }
  }
}
