package io.stratus.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real SMTP server (GreenMail) on a local port. */
class EmailChannelTest {
  private static final Notification N = new Notification("alertgroup:disk", Severity.CRITICAL, "Disk full — 東京",
      "vm-1 at 99%", Map.of("team", "infra"), Instant.parse("2026-01-05T12:00:00Z"));
  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    smtp.setUser("alerts@example.org", "alerts", "p4ssw0rd");
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private EmailChannel.Builder channel() {
    return EmailChannel.builder("mail", "127.0.0.1", smtp.getSmtp().getPort()).clock(InstantSource.system()).from("alerts@example.org")
        .to(List.of("oncall@example.org", "team@example.org"));
  }

  @Test
  void send_deliversTemplatedUtf8MailToEveryRecipient() throws Exception {
    EmailChannel c = channel().credentials("alerts", "p4ssw0rd").build();
    c.send(N);
    MimeMessage[] got = smtp.getReceivedMessages();
    assertThat(got).hasSize(2);
    MimeMessage m = got[0];
    assertThat(m.getSubject()).isEqualTo("[CRITICAL] Disk full — 東京");
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("oncall@example.org", "team@example.org");
    assertThat(m.getHeader("X-Stratus-Key")[0]).isEqualTo("alertgroup:disk");
    assertThat((String) m.getContent()).contains("vm-1 at 99%").contains("Labels: team=infra")
        .contains("Status: OPEN");
    assertThat(c.status().delivered()).isEqualTo(1);
    assertThat(c.toString()).doesNotContain("p4ssw0rd");
  }

  @Test
  void send_wrongPassword_throwsWithoutShowingIt() {
    EmailChannel c = channel().credentials("alerts", "wrong-s3cret").build();
    assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("SMTP").hasMessageNotContaining("wrong-s3cret");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_serverDown_throwsProviderException() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    EmailChannel c = EmailChannel.builder("mail", "127.0.0.1", closed).clock(InstantSource.system()).from("a@example.org")
        .to(List.of("b@example.org")).timeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> c.send(N)).isInstanceOf(ProviderException.class);
    assertThat(c.status().failed()).isEqualTo(1);
  }

  @Test
  void builder_badAddresses_areRejectedNamingTheField() {
    assertThatThrownBy(() -> channel().from("not an address")).hasMessageContaining("from")
        .hasMessageContaining("not an address");
    assertThatThrownBy(() -> EmailChannel.builder("m", "h", 25).clock(InstantSource.system()).build()).hasMessageContaining("from(");
  }
}
