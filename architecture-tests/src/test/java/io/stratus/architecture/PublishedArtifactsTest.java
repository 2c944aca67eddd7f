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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The release-ready build: the BOM lists exactly the published artifacts of the reactor (a module added to the root
 * {@code pom.xml} but not to {@code bom/pom.xml}, or the other way round, fails here), every published module inherits
 * the release metadata from {@code build-parent} and describes itself, and {@code bom/pom.xml}, which has no parent,
 * repeats that metadata and the reproducible-build timestamp unchanged.
 *
 * <p>A reactor module is published unless it sets {@code maven.deploy.skip} (samples, benchmarks, architecture tests);
 * {@code build-parent} and the BOM itself are published but are POMs a host never depends on, so the BOM omits them.
 */
class PublishedArtifactsTest {

  /** The release metadata elements a Central deployment needs, compared between build-parent and the BOM. */
  private static final List<String> METADATA = List.of("url", "organization", "licenses", "developers", "scm",
      "issueManagement");

  @Test
  void bom_listsExactlyThePublishedReactorModules() throws Exception {
    assertThat(bomProblems(root())).as("bom/pom.xml against the modules of pom.xml").isEmpty();
  }

  @Test
  void bomCheck_reportsAPublishedModuleMissingFromTheBom(@TempDir Path dir) throws Exception {
    // A reactor with a new adapter the BOM forgot, and an unpublished sample module the BOM rightly leaves out.
    write(dir.resolve("pom.xml"), "<project><modules><module>bom</module><module>core</module>"
        + "<module>adapters/spark</module><module>samples</module></modules></project>");
    write(dir.resolve("bom/pom.xml"), "<project><artifactId>stratus-bom</artifactId><packaging>pom</packaging>"
        + "<dependencyManagement><dependencies><dependency><groupId>io.stratus</groupId>"
        + "<artifactId>stratus-core</artifactId></dependency><dependency><groupId>io.stratus</groupId>"
        + "<artifactId>stratus-gone</artifactId></dependency></dependencies></dependencyManagement></project>");
    write(dir.resolve("core/pom.xml"), "<project><artifactId>stratus-core</artifactId></project>");
    write(dir.resolve("adapters/spark/pom.xml"), "<project><artifactId>stratus-spark</artifactId></project>");
    write(dir.resolve("samples/pom.xml"), "<project><artifactId>stratus-samples</artifactId>"
        + "<properties><maven.deploy.skip>true</maven.deploy.skip></properties></project>");

    assertThat(bomProblems(dir)).containsExactly(
        "stratus-spark (adapters/spark/pom.xml) is published but missing from bom/pom.xml",
        "stratus-gone is in bom/pom.xml but no published module of pom.xml builds it");
  }

  @Test
  void publishedModules_inheritBuildParentAndDescribeThemselves() throws Exception {
    Path root = root();
    List<String> problems = new ArrayList<>();
    for (String module : modules(root)) {
      Document pom = parse(root.resolve(module).resolve("pom.xml"));
      if (!published(pom) || module.equals("bom") || module.equals("build-parent")) {
        continue;
      }
      if (!text(pom, "parent/artifactId").equals("stratus-build-parent")) {
        problems.add(module + ": parent is not stratus-build-parent, so it lacks the release metadata");
      }
      for (String element : List.of("name", "description")) {
        if (text(pom, element).isBlank()) {
          problems.add(module + ": no <" + element + "> (Maven Central requires it)");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void bom_repeatsBuildParentReleaseMetadata() throws Exception {
    Document bom = parse(root().resolve("bom/pom.xml"));
    Document parent = parse(root().resolve("build-parent/pom.xml"));
    for (String element : METADATA) {
      assertThat(text(parent, element)).as("<%s> in build-parent/pom.xml", element).isNotBlank();
      assertThat(text(bom, element)).as("<%s> in bom/pom.xml against build-parent/pom.xml", element)
          .isEqualTo(text(parent, element));
    }
    assertThat(text(parent, "licenses/license/name")).isEqualTo("Apache-2.0");
  }

  @Test
  void outputTimestamp_isSetAndEqualInEveryPomWithoutStratusParent() throws Exception {
    String expected = text(parse(root().resolve("build-parent/pom.xml")), "properties/project.build.outputTimestamp");
    assertThat(expected).as("project.build.outputTimestamp in build-parent/pom.xml").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    for (String pom : List.of("pom.xml", "bom/pom.xml")) {
      assertThat(text(parse(root().resolve(pom)), "properties/project.build.outputTimestamp"))
          .as("project.build.outputTimestamp in %s", pom).isEqualTo(expected);
    }
  }

  /** What is wrong between the reactor's published modules and the BOM's entries, one message each. */
  private static List<String> bomProblems(Path root) throws Exception {
    Set<String> published = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (String module : modules(root)) {
      Path file = root.resolve(module).resolve("pom.xml");
      Document pom = parse(file);
      boolean jar = text(pom, "packaging").isEmpty() || text(pom, "packaging").equals("jar");
      if (jar && published(pom)) {
        String artifactId = text(pom, "artifactId");
        published.add(artifactId);
        if (!bomEntries(root).contains(artifactId)) {
          problems.add(artifactId + " (" + module + "/pom.xml) is published but missing from bom/pom.xml");
        }
      }
    }
    for (String entry : bomEntries(root)) {
      if (!published.contains(entry)) {
        problems.add(entry + " is in bom/pom.xml but no published module of pom.xml builds it");
      }
    }
    return problems;
  }

  private static Set<String> bomEntries(Path root) throws Exception {
    Set<String> entries = new TreeSet<>();
    NodeList dependencies = parse(root.resolve("bom/pom.xml")).getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (child(dependency, "groupId").equals("io.stratus")) {
        entries.add(child(dependency, "artifactId"));
      }
    }
    return entries;
  }

  private static List<String> modules(Path root) throws Exception {
    List<String> modules = new ArrayList<>();
    NodeList nodes = parse(root.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < nodes.getLength(); i++) {
      modules.add(nodes.item(i).getTextContent().trim());
    }
    assertThat(modules).as("<modules> of %s", root.resolve("pom.xml")).isNotEmpty();
    return modules;
  }

  private static boolean published(Document pom) {
    return !text(pom, "properties/maven.deploy.skip").equals("true");
  }

  private static Path root() {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    return Paths.get(property).toAbsolutePath().normalize();
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The whitespace-normalized text of the element at a slash-separated path under the project element, or "". */
  private static String text(Document pom, String path) {
    Element element = pom.getDocumentElement();
    for (String name : path.split("/")) {
      Element next = null;
      for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element && n.getNodeName().equals(name)) {
          next = (Element) n;
          break;
        }
      }
      if (next == null) {
        return "";
      }
      element = next;
    }
    return element.getTextContent().trim().replaceAll("\\s+", " ");
  }

  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return n.getTextContent().trim();
      }
    }
    return "";
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
