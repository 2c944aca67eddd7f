package io.stratus.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every package of every SDK module's {@code src/main/java} has a {@code package-info.java} that declares that
 * package and documents it (STYLE.md section 6). Checked on sources, because javac writes {@code package-info.class}
 * only for annotated packages. Benchmarks and samples are not library code and are skipped.
 */
class PackageInfoTest {

  /** Directories under the checkout whose sources are not SDK library code. */
  private static final Set<String> NOT_LIBRARY = Set.of("benchmarks", "samples", "architecture-tests");

  private static Path root;
  private static List<Path> sourceRoots;

  @BeforeAll
  static void findSourceRoots() throws IOException {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    root = Paths.get(property).toAbsolutePath().normalize();
    try (Stream<Path> paths = Files.walk(root, 5)) {
      sourceRoots = paths
          .filter(p -> p.endsWith(Paths.get("src", "main", "java")) && Files.isDirectory(p))
          .filter(p -> !NOT_LIBRARY.contains(root.relativize(p).getName(0).toString()))
          .filter(p -> !root.relativize(p).toString().contains("target"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void sourceRoots_coverEverySdkModule() {
    Set<String> modules = sourceRoots.stream()
        .map(p -> p.getParent().getParent().getParent().getFileName().toString()) // adapters/x is module x
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(modules)
        .as("SDK source trees under %s (a new module must be added to SdkModules.ALLOWED and this module's pom)", root)
        .containsExactlyInAnyOrderElementsOf(SdkModules.ALLOWED.keySet());
  }

  @Test
  void everyPackage_hasPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path sources : sourceRoots) {
      for (Path dir : packageDirectories(sources)) {
        if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
          missing.add(root.relativize(dir).toString());
        }
      }
    }
    assertThat(missing).as("package directories without package-info.java").isEmpty();
  }

  @Test
  void everyPackageInfo_declaresItsPackageAndDocumentsIt() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path sources : sourceRoots) {
      for (Path dir : packageDirectories(sources)) {
        Path info = dir.resolve("package-info.java");
        if (!Files.isRegularFile(info)) {
          continue;
        }
        String pkg = sources.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".");
        String text = Files.readString(info, StandardCharsets.UTF_8);
        Pattern declaration = Pattern.compile("(?m)^\\s*package\\s+" + Pattern.quote(pkg) + "\\s*;");
        if (!declaration.matcher(text).find()) {
          wrong.add(root.relativize(info) + ": does not declare package " + pkg);
        } else if (!text.contains("/**")) {
          wrong.add(root.relativize(info) + ": has no Javadoc comment");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Directories that hold at least one Java source other than package-info.java. */
  private static List<Path> packageDirectories(Path sources) throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("package-info.java")
              && !p.getFileName().toString().equals("module-info.java"))
          .map(Path::getParent)
          .distinct()
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
