package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches the logs: {@link SecretsScenario} runs in a child JVM with every logger at TRACE (slf4j-simple),
 * using a webhook secret, an API key, an SMTP password and a key store passphrase, failures included; its whole log
 * output is scanned for each secret, and for the parts of each that a careless log line would show.
 */
class SecretsInLogsTest {
  @TempDir
  Path dir;

  @Test
  void scenario_logsAtTrace_withoutAnySecret() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider", "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        "-cp", System.getProperty("java.class.path"),
        SecretsScenario.class.getName())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("scenario finished").isTrue();
    String logs = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("scenario exit; its log:%n%s", logs).isZero();
    List<String> secrets = Files.readAllLines(out, StandardCharsets.UTF_8);

    assertThat(secrets).hasSize(4).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(12));
    // the capture is live: the failures were logged, by the SDK and by the host
    assertThat(logs).contains("webhook delivery gave up").contains("authentication failed")
        .contains("email failed").contains("key store refused").contains("DEBUG");
    for (String secret : secrets) {
      String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
      assertThat(logs).as("log output must not contain a secret (%s...)", secret.substring(0, 6))
          .doesNotContain(secret).doesNotContain(key.substring(key.length() - 12));
    }
  }
}
