package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's main job, {@link EndToEndDemo}, in a separate JVM on the samples' <em>runtime</em> class path
 * (written by the build to {@code target/runtime-class-path.txt}), as {@code exec:java} does. The other tests run on
 * the test class path, which also holds test-scope jars: a dependency that a test-scope declaration took off the
 * runtime class path once broke the README's first command while every test passed.
 */
class DemoRuntimeClassPathTest {
  @Test
  void endToEndDemo_runsOnTheRuntimeClassPath(@TempDir Path tmp) throws IOException, InterruptedException {
    Path listing = Path.of("target", "runtime-class-path.txt");
    Assumptions.assumeTrue(Files.isRegularFile(listing),
        "target/runtime-class-path.txt is written by the Maven build (dependency:build-classpath); run through Maven");
    String classPath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(listing, StandardCharsets.UTF_8).strip();
    Path out = tmp.resolve("demo.out");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "-Dstratus.reports=" + tmp.resolve("reports"), EndToEndDemo.class.getName(), "2")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean finished = p.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(finished).as("demo finished; it printed:%n%s", printed).isTrue();
    assertThat(p.exitValue()).as("demo exit code; it printed:%n%s", printed).isZero();
    assertThat(printed).contains("Done in").doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    assertThat(tmp.resolve("reports").resolve("technical.html")).isRegularFile();
  }
}
