package io.stratus.adapters.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * Sends each notification as a plain-text email over SMTP (Jakarta Mail, implemented by Eclipse Angus Mail): subject
 * and body from {@linkplain MessageTemplate templates}, optional authentication and STARTTLS, connect/read/write
 * timeouts. A message the server refuses, an unreachable server and a timeout throw {@link
 * io.stratus.ProviderException}.
 *
 * <p>Thread-safe. The password is never logged and not in {@link #toString()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EmailChannel implements NotificationChannel {
  private final String id;
  private final String host;
  private final int port;
  private final InternetAddress from;
  private final InternetAddress[] to;
  private final String username;
  private final String password;
  private final MessageTemplate subject;
  private final MessageTemplate body;
  private final Session session;
  private final ChannelSupport support;

  private EmailChannel(Builder b) {
    this.id = b.id;
    this.host = b.host;
    this.port = b.port;
    this.from = b.from;
    this.to = b.to.toArray(new InternetAddress[0]);
    this.username = b.username;
    this.password = b.password;
    this.subject = b.subject;
    this.body = b.body;
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    String ms = Long.toString(b.options.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.auth", Boolean.toString(username != null));
    if (b.startTls) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    this.session = Session.getInstance(p);
    this.support = b.options.support(b.id, "email");
  }

  /**
   * A builder.
   *
   * @param id the channel id; not blank
   * @param host the SMTP server; not blank
   * @param port its port, 1 to 65535
   * @return a builder; never null
   * @throws IllegalArgumentException if a value breaks its rule
   */
  public static Builder builder(String id, String host, int port) {
    return new Builder(id, host, port);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "email via SMTP " + host + ":" + port;
  }

  @Override
  public void send(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    support.acquire();
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(from);
      m.setRecipients(Message.RecipientType.TO, to);
      m.setSubject(Checks.truncate(subject.render(notification).replaceAll("[\\r\\n]+", " "), 250),
          StandardCharsets.UTF_8.name());
      m.setText(body.render(notification), StandardCharsets.UTF_8.name());
      m.setSentDate(Date.from(notification.at()));
      m.setHeader("X-Stratus-Key", notification.key());
      if (username != null) {
        Transport.send(m, username, password);
      } else {
        Transport.send(m);
      }
    } catch (MessagingException e) {
      throw support.fail("SMTP " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    support.succeeded("sent to " + to.length + " recipient(s)");
  }

  /**
   * The delivery status.
   *
   * @return a snapshot; never null
   */
  public DeliveryStatus status() {
    return support.status();
  }

  @Override
  public String toString() {
    return "EmailChannel[" + id + ", " + host + ":" + port + ", from=" + from + ", to=" + to.length
        + " recipient(s)" + (username != null ? ", user=" + username : "") + "]";
  }

  /**
   * Builds an {@link EmailChannel}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private final String host;
    private final int port;
    private InternetAddress from;
    private final List<InternetAddress> to = new ArrayList<>();
    private String username;
    private String password;
    private boolean startTls;
    private final DeliveryOptions options = new DeliveryOptions();
    private MessageTemplate subject = MessageTemplate.of("[{{severity}}] {{title}}");
    private MessageTemplate body = MessageTemplate.of("{{body}}\n\nStatus: {{status}}\nLabels: {{labels}}\n"
        + "At: {{at}}\nKey: {{key}}\n");

    private Builder(String id, String host, int port) {
      this.id = Checks.id(id);
      this.host = Checks.nonBlank(host, "host");
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 1..65535, got " + port);
      }
      this.port = port;
    }

    private static InternetAddress address(String value, String field) {
      try {
        InternetAddress a = new InternetAddress(Checks.nonBlank(value, field), true);
        a.validate();
        return a;
      } catch (AddressException e) {
        throw new IllegalArgumentException(field + " is not an email address, got '" + value + "': "
            + e.getMessage());
      }
    }

    /**
     * The sender; required.
     *
     * @param address an email address
     * @return this builder
     * @throws IllegalArgumentException if malformed
     */
    public Builder from(String address) {
      this.from = address(address, "from");
      return this;
    }

    /**
     * Adds recipients; at least one is required.
     *
     * @param addresses email addresses; never null
     * @return this builder
     * @throws IllegalArgumentException if one is malformed
     */
    public Builder to(List<String> addresses) {
      for (String a : List.copyOf(addresses)) {
        to.add(address(a, "to"));
      }
      return this;
    }

    /**
     * Authenticates with these credentials.
     *
     * @param user the user name; not blank
     * @param secret the password (a secret); never null
     * @return this builder
     */
    public Builder credentials(String user, String secret) {
      this.username = Checks.nonBlank(user, "username");
      this.password = Objects.requireNonNull(secret, "password");
      return this;
    }

    /**
     * Requires STARTTLS; default off.
     *
     * @param value true to require it
     * @return this builder
     */
    public Builder startTls(boolean value) {
      this.startTls = value;
      return this;
    }

    /**
     * Connect, read and write timeout; default 10 seconds.
     *
     * @param value positive
     * @return this builder
     */
    public Builder timeout(Duration value) {
      options.timeout(value);
      return this;
    }

    /**
     * The subject template; default {@code [{{severity}}] {{title}}}. Line breaks become spaces.
     *
     * @param value the template; never null
     * @return this builder
     */
    public Builder subjectTemplate(MessageTemplate value) {
      this.subject = Objects.requireNonNull(value, "subjectTemplate");
      return this;
    }

    /**
     * The body template; default the body, then status, labels, time and key.
     *
     * @param value the template; never null
     * @return this builder
     */
    public Builder bodyTemplate(MessageTemplate value) {
      this.body = Objects.requireNonNull(value, "bodyTemplate");
      return this;
    }

    /**
     * The clock of the delivery status; required.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      options.clock(value);
      return this;
    }

    /**
     * At most {@code perPeriod} emails per {@code period}; a send beyond it fails at once, to be retried later by
     * the caller. Default: no limit.
     *
     * @param perPeriod at least 1
     * @param period positive
     * @return this builder
     */
    public Builder rateLimit(int perPeriod, Duration period) {
      options.rateLimit(perPeriod, period);
      return this;
    }

    /**
     * Counts sends in the host's registry (default: none): {@code stratus.notifications.deliveries} with {@code
     * channel=email} and {@code outcome=delivered|failed|rate_limited}.
     *
     * @param value the registry; never null
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry value) {
      options.meterRegistry(value);
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return a new channel; never null
     * @throws IllegalStateException if the clock, the sender or every recipient is missing
     */
    public EmailChannel build() {
      options.requireClock("EmailChannel", id);
      if (from == null || to.isEmpty()) {
        throw new IllegalStateException("EmailChannel '" + id + "' needs from(...) and at least one to(...), got from="
            + from + ", to=" + to);
      }
      return new EmailChannel(this);
    }
  }
}
