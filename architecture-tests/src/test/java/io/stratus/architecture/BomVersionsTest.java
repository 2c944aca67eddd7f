package io.stratus.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM that hosts import pins the same third-party versions the SDK is built and tested with: {@code bom/pom.xml}
 * has no parent (so that hosts do not inherit our build), hence the versions it shares with {@code build-parent} are
 * written twice and must stay equal.
 */
class BomVersionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"jackson.version", "apiguardian.version", "jspecify.version"})
  void bomVersion_equalsBuildParentVersion(String property) throws Exception {
    String bom = property(pom("bom"), property);
    assertThat(bom).as("%s in bom/pom.xml", property).isNotBlank();
    assertThat(bom).as("%s in bom/pom.xml against build-parent/pom.xml", property)
        .isEqualTo(property(pom("build-parent"), property));
  }

  @Test
  void bom_managesWhatAHostNeedsBesideOurArtifacts() throws Exception {
    Document bom = pom("bom");
    NodeList ids = bom.getElementsByTagName("artifactId");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < ids.getLength(); i++) {
      all.append(ids.item(i).getTextContent().trim()).append(' ');
    }
    assertThat(all.toString()).contains("jackson-bom ", "apiguardian-api ", "stratus-scheduler-api ");
  }

  private static Document pom(String module) throws Exception {
    String root = System.getProperty("stratus.root");
    assertThat(root).as("system property stratus.root (set by this module's pom)").isNotBlank();
    Path file = Paths.get(root, module, "pom.xml");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static String property(Document pom, String name) {
    NodeList properties = pom.getDocumentElement().getElementsByTagName("properties");
    for (int i = 0; i < properties.getLength(); i++) {
      NodeList values = ((Element) properties.item(i)).getElementsByTagName(name);
      if (values.getLength() > 0) {
        return values.item(0).getTextContent().trim();
      }
    }
    return "";
  }
}
