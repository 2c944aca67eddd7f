package io.stratus.adapters.notifications;

import io.stratus.spi.NotificationChannel;
import io.stratus.spi.NotificationChannelFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes {@link EmailChannel}s; id {@code email}. Settings: {@code host}, {@code port}, {@code from}, {@code to}
 * (comma-separated) (all required), {@code username} and {@code password} (secret) together, {@code startTls}, {@code
 * subjectTemplate}, {@code bodyTemplate}, {@code timeout} (ISO-8601), {@code rateLimit.perPeriod}, {@code
 * rateLimit.period}.
 *
 * <p>Thread-safe and stateless.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EmailChannelFactory implements NotificationChannelFactory {
  /** For {@link java.util.ServiceLoader}. */
  public EmailChannelFactory() {}

  @Override
  public String id() {
    return "email";
  }

  @Override
  public String description() {
    return "email over SMTP (Jakarta Mail)";
  }

  @Override
  public NotificationChannel create(String channelId, Map<String, String> settings,
      java.time.InstantSource clock) {
    java.util.Objects.requireNonNull(clock, "clock");
    Settings s = new Settings("email", channelId, settings, Set.of("host", "port", "from", "to", "username",
        "password", "startTls", "subjectTemplate", "bodyTemplate"), Set.of("password"));
    String host = s.required("host");
    Integer port = s.integer("port", 1, 65_535, true);
    String from = s.required("from");
    String to = s.required("to");
    String user = s.optional("username");
    String password = s.optional("password");
    Boolean startTls = s.bool("startTls");
    MessageTemplate subject = s.template("subjectTemplate");
    MessageTemplate body = s.template("bodyTemplate");
    if ((user == null) != (password == null)) {
      s.apply("username", () -> {
        throw new IllegalArgumentException("username and password must be set together");
      });
    }
    EmailChannel.Builder[] b = new EmailChannel.Builder[1];
    if (host != null && port != null) {
      s.apply("host", () -> b[0] = EmailChannel.builder(channelId, host, port));
    }
    if (b[0] != null) {
      if (from != null) {
        s.apply("from", () -> b[0].from(from));
      }
      if (to != null) {
        List<String> list = new ArrayList<>();
        for (String a : to.split(",")) {
          list.add(a.trim());
        }
        s.apply("to", () -> b[0].to(list));
      }
      if (user != null && password != null) {
        s.apply("username", () -> b[0].credentials(user, password));
      }
      if (startTls != null) {
        b[0].startTls(startTls);
      }
      if (subject != null) {
        b[0].subjectTemplate(subject);
      }
      if (body != null) {
        b[0].bodyTemplate(body);
      }
    }
    return s.finish(b[0], EmailChannel.Builder::timeout, EmailChannel.Builder::rateLimit).clock(clock).build();
  }
}
