package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.EventType;
import io.stratus.adapters.webhooks.StoredSubscription;
import io.stratus.adapters.webhooks.Subscription;
import io.stratus.adapters.webhooks.SubscriptionConflictException;
import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.adapters.webhooks.WebhookSecret;
import io.stratus.security.crypto.EnvelopeCipher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link SubscriptionStore} over {@code stratus_webhook_subscription}. Each change is one transaction that reads the
 * row under a row lock ({@code FOR UPDATE}), so {@link #update}'s version check and the write are atomic across hosts;
 * two hosts adding the same new id at once meet on the primary key, and the loser is retried ({@link #save}) or
 * refused with a conflict ({@link #update}). The signing secrets are stored only as an envelope of the {@link
 * EnvelopeCipher} bound to the subscription id (a row's secrets copied to another id do not decrypt). Thread-safe.
 */
final class JdbcSubscriptionStore implements SubscriptionStore {
  private static final String COLUMNS = "id, version, endpoint, event_types, label_selector, secrets";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int SAVE_ATTEMPTS = 3;

  private final Db db;
  private final EnvelopeCipher cipher;

  JdbcSubscriptionStore(Db db, EnvelopeCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  @Override
  public StoredSubscription save(Subscription subscription) {
    Objects.requireNonNull(subscription, "subscription");
    for (int attempt = 1; ; attempt++) {
      try {
        return db.inTransaction("subscriptionStore.save", c -> {
          long actual = lockVersion(c, subscription.id());
          return write(c, subscription, actual);
        });
      } catch (JdbcStoreException e) {
        // another host inserted the same new id between our read and our insert: the row exists now, so the next
        // attempt updates it
        if (!UNIQUE_VIOLATION.equals(e.sqlState()) || attempt == SAVE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public StoredSubscription update(Subscription subscription, long expectedVersion) {
    Objects.requireNonNull(subscription, "subscription");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative, got " + expectedVersion);
    }
    try {
      return db.inTransaction("subscriptionStore.update", c -> {
        long actual = lockVersion(c, subscription.id());
        if (actual != expectedVersion) {
          throw new SubscriptionConflictException(subscription.id(), expectedVersion, actual);
        }
        return write(c, subscription, actual);
      });
    } catch (JdbcStoreException e) {
      if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw e;
      }
      long now = find(subscription.id()).map(StoredSubscription::version).orElse(0L);
      SubscriptionConflictException conflict = new SubscriptionConflictException(subscription.id(), expectedVersion,
          now);
      conflict.addSuppressed(e);
      throw conflict;
    }
  }

  /** The stored version under a row lock, 0 when absent. */
  private static long lockVersion(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM stratus_webhook_subscription WHERE id = ?"
        + " FOR UPDATE")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private StoredSubscription write(Connection c, Subscription s, long actual) throws SQLException {
    long next = actual + 1;
    String sql = actual == 0
        ? "INSERT INTO stratus_webhook_subscription (version, endpoint, event_types, label_selector, secrets, id)"
            + " VALUES (?, ?, ?, ?, ?, ?)"
        : "UPDATE stratus_webhook_subscription SET version = ?, endpoint = ?, event_types = ?, label_selector = ?,"
            + " secrets = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, next);
      ps.setString(2, s.endpoint().toString());
      ps.setString(3, Codec.encodeList(s.eventTypes().stream().map(EventType::name).sorted().toList()));
      ps.setString(4, Codec.encodeMap(s.labelSelector()));
      ps.setBytes(5, sealSecrets(s));
      ps.setString(6, s.id());
      ps.executeUpdate();
    }
    return new StoredSubscription(s, next);
  }

  private static byte[] context(String id) {
    return ("stratus_webhook_subscription.secrets:" + id).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] sealSecrets(Subscription s) {
    String written = Codec.encodeList(s.secrets().stream().map(WebhookSecret::reveal).toList());
    return cipher.encrypt(written.getBytes(StandardCharsets.UTF_8), context(s.id()));
  }

  private StoredSubscription decode(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    long version = rs.getLong(2);
    URI endpoint = URI.create(rs.getString(3));
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String name : Codec.decodeList(rs.getString(4), "stratus_webhook_subscription.event_types")) {
      types.add(EventType.valueOf(name));
    }
    @Nullable String labels = rs.getString(5);
    String written = new String(cipher.decrypt(rs.getBytes(6), context(id)), StandardCharsets.UTF_8);
    List<WebhookSecret> secrets = Codec.decodeList(written, "stratus_webhook_subscription.secrets").stream()
        .map(WebhookSecret::parse).toList();
    return new StoredSubscription(new Subscription(id, endpoint, types,
        Codec.decodeMap(labels, "stratus_webhook_subscription.label_selector"), secrets), version);
  }

  @Override
  public Optional<StoredSubscription> find(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("subscriptionStore.find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_webhook_subscription"
          + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(decode(rs)) : Optional.<StoredSubscription>empty();
        }
      }
    });
  }

  @Override
  public List<StoredSubscription> list() {
    return db.inTransaction("subscriptionStore.list", c -> {
      List<StoredSubscription> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_webhook_subscription");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(decode(rs));
        }
      }
      // ordered here, not by the database's collation, so every database lists in the same (String) order
      out.sort(Comparator.comparing(StoredSubscription::id));
      return List.copyOf(out);
    });
  }

  @Override
  public boolean delete(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("subscriptionStore.delete", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM stratus_webhook_subscription WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }
}
