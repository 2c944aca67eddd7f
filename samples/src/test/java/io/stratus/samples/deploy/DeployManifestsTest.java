package io.stratus.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code deploy/kubernetes} are consistent with the server they run: every file
 * parses, objects have the API versions of the kinds they are, probes hit the health endpoints of the OpenAPI
 * document on a declared port, the pod runs as the image's non-root user, requests do not exceed limits, the
 * termination grace covers the server's readiness drain and shutdown grace, selectors select the pod template, and
 * each Kustomize overlay's patches apply to base objects and keep those rules (strategic merge, lists of named
 * objects merged by name, as Kustomize does). Every rendered object, of the base and of each overlay, is valid
 * against the Kubernetes JSON schema of its kind ({@link KubernetesSchemas}), and a manifest with a field of the
 * wrong type or a misspelled field is not.
 */
class DeployManifestsTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Map<String, String> API_VERSIONS = Map.of("Deployment", "apps/v1", "Service", "v1",
      "HorizontalPodAutoscaler", "autoscaling/v2", "PodDisruptionBudget", "policy/v1", "ConfigMap", "v1",
      "NetworkPolicy", "networking.k8s.io/v1");
  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();
  private static Path deploy;
  private static Path root;

  @BeforeAll
  static void paths() {
    String property = System.getProperty("stratus.root");
    assertThat(property).as("system property stratus.root (set by this module's pom)").isNotBlank();
    root = Paths.get(property).toAbsolutePath().normalize();
    deploy = root.resolve("deploy");
  }

  @Test
  void everyYamlAndJsonFile_parses() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(deploy)) {
      files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(15);
    for (Path f : files) {
      if (f.toString().contains("cloudformation")) {
        continue; // CloudFormation's short-form tags (!Ref) are read by the IaC estimator in DeployEstimateTest
      }
      ObjectMapper mapper = f.toString().endsWith(".json") ? new ObjectMapper() : YAML;
      assertThat(docs(f, mapper)).as(root.relativize(f).toString()).isNotEmpty();
    }
  }

  @Test
  void base_isConsistentWithTheServer() throws IOException {
    Map<String, ObjectNode> base = build(deploy.resolve("kubernetes/base"));
    assertThat(base.keySet()).containsExactlyInAnyOrder("ConfigMap/stratus-config",
        "Deployment/stratus-reference-server", "Service/stratus-reference-server",
        "HorizontalPodAutoscaler/stratus-reference-server", "PodDisruptionBudget/stratus-reference-server",
        "NetworkPolicy/stratus-reference-server");
    check(base, "base");
  }

  @Test
  void everyOverlay_patchesBaseObjects_andKeepsTheRules() throws IOException {
    for (String env : List.of("dev", "staging", "prod")) {
      Map<String, ObjectNode> objects = build(deploy.resolve("kubernetes/overlays/" + env));
      check(objects, env);
      int minReplicas = objects.get("HorizontalPodAutoscaler/stratus-reference-server").at("/spec/minReplicas")
          .asInt();
      int minAvailable = objects.get("PodDisruptionBudget/stratus-reference-server").at("/spec/minAvailable").asInt();
      assertThat(minAvailable).as(env + ": the PDB leaves room to drain a node").isLessThan(minReplicas);
    }
    Map<String, ObjectNode> prod = build(deploy.resolve("kubernetes/overlays/prod"));
    JsonNode container = prod.get("Deployment/stratus-reference-server").at("/spec/template/spec/containers/0");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("1536Mi");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).as("merged, not replaced")
        .isEqualTo("/health/ready");
  }

  @Test
  void baseAndEveryOverlay_areValidAgainstTheKubernetesSchemas() throws IOException {
    assertThat(SCHEMAS.size()).as("API types in the schemas").isGreaterThan(300);
    for (String dir : List.of("base", "overlays/dev", "overlays/staging", "overlays/prod")) {
      Map<String, ObjectNode> objects = build(deploy.resolve("kubernetes/" + dir));
      assertThat(objects).as(dir).hasSize(6);
      for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
        assertThat(SCHEMAS.validate(e.getValue())).as("%s %s against the Kubernetes schema", dir, e.getKey())
            .isEmpty();
      }
    }
  }

  @Test
  void schemaValidation_rejectsWrongTypes_misspelledFields_andWrongApiVersions() throws IOException {
    ObjectNode deployment = build(deploy.resolve("kubernetes/base")).get("Deployment/stratus-reference-server");
    assertThat(SCHEMAS.validate(deployment)).isEmpty();

    ObjectNode wrongType = deployment.deepCopy();
    ((ObjectNode) wrongType.get("spec")).put("replicas", "three");
    assertThat(SCHEMAS.validate(wrongType)).singleElement().asString().contains("/spec/replicas", "integer");

    ObjectNode wrongQuantity = deployment.deepCopy();
    ((ObjectNode) wrongQuantity.at("/spec/template/spec/containers/0/resources/limits")).putObject("cpu")
        .put("cores", 2);
    assertThat(String.join("\n", SCHEMAS.validate(wrongQuantity))).contains("/resources/limits/cpu");

    ObjectNode misspelled = deployment.deepCopy();
    ((ObjectNode) misspelled.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
    assertThat(String.join("\n", SCHEMAS.validate(misspelled))).contains("imagePullPolicyy");

    ObjectNode wrongVersion = deployment.deepCopy().put("apiVersion", "apps/v1beta2");
    assertThat(SCHEMAS.validate(wrongVersion)).singleElement().asString().contains("no Kubernetes schema");
    ObjectNode hpa = build(deploy.resolve("kubernetes/base")).get("HorizontalPodAutoscaler/stratus-reference-server");
    ObjectNode hpaV1Fields = hpa.deepCopy().put("apiVersion", "autoscaling/v1");
    assertThat(SCHEMAS.validate(hpaV1Fields)).as("autoscaling/v2 fields under autoscaling/v1").isNotEmpty();
  }

  @Test
  void image_runsTheServer_asTheUserThePodExpects() throws IOException {
    String pom = Files.readString(root.resolve("samples/pom.xml"), StandardCharsets.UTF_8);
    String jib = pom.substring(pom.indexOf("<artifactId>jib-maven-plugin</artifactId>"));
    assertThat(jib).contains("<version>3.5.2</version>", "<goal>buildTar</goal>",
        "<mainClass>" + io.stratus.samples.server.ReferenceServer.class.getName() + "</mainClass>",
        "<user>10001:10001</user>", "<port>8080</port>", "<volume>/var/lib/stratus</volume>");
    JsonNode deployment = docs(deploy.resolve("kubernetes/base/deployment.yaml"), YAML).get(0);
    assertThat(deployment.at("/spec/template/spec/securityContext/runAsGroup").asInt()).isEqualTo(10001);
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .startsWith("stratus/reference-server:");
  }

  /** The rules every rendered set of objects keeps. */
  private static void check(Map<String, ObjectNode> objects, String where) throws IOException {
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      String kind = e.getValue().get("kind").asText();
      assertThat(e.getValue().get("apiVersion").asText()).as(where + " " + e.getKey()).isEqualTo(
          API_VERSIONS.get(kind));
      assertThat(e.getValue().at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
    ObjectNode config = objects.get("ConfigMap/stratus-config");
    ObjectNode deployment = objects.get("Deployment/stratus-reference-server");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode labels = deployment.at("/spec/template/metadata/labels");
    assertThat(selects(deployment.at("/spec/selector/matchLabels"), labels)).as(where + " deployment selector")
        .isTrue();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).as("the image's user (jib <user>)").isEqualTo(10001);
    JsonNode container = pod.at("/containers/0");
    int port = container.at("/ports/0/containerPort").asInt();
    assertThat(port).isEqualTo(config.at("/data/STRATUS_PORT").asInt());
    String portName = container.at("/ports/0/name").asText();
    JsonNode openapi = YAML.readTree(root.resolve("samples/src/main/resources/openapi/stratus.yaml").toFile());
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      JsonNode get = container.at("/" + probe + "/httpGet");
      assertThat(get.get("port").asText()).as(where + " " + probe + " port").isEqualTo(portName);
      assertThat(openapi.at("/paths").has(get.get("path").asText())).as(probe + " path in the OpenAPI document")
          .isTrue();
    }
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    for (String resource : List.of("cpu", "memory")) {
      double request = quantity(container.at("/resources/requests/" + resource).asText());
      double limit = quantity(container.at("/resources/limits/" + resource).asText());
      assertThat(request).as(where + " " + resource + " request").isPositive().isLessThanOrEqualTo(limit);
    }
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    Duration drain = Duration.parse(config.at("/data/STRATUS_READINESS_DRAIN").asText());
    Duration grace = Duration.parse(config.at("/data/STRATUS_SHUTDOWN_GRACE").asText());
    assertThat(pod.get("terminationGracePeriodSeconds").asLong()).as(where + " termination covers drain + grace")
        .isGreaterThan(drain.plus(grace).toSeconds());
    assertThat(config.at("/data/STRATUS_BIND").asText()).isEqualTo("0.0.0.0");

    ObjectNode service = objects.get("Service/stratus-reference-server");
    assertThat(selects(service.at("/spec/selector"), labels)).as(where + " service selector").isTrue();
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(portName);
    ObjectNode hpa = objects.get("HorizontalPodAutoscaler/stratus-reference-server");
    assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
    assertThat(hpa.at("/spec/minReplicas").asInt()).isPositive()
        .isLessThanOrEqualTo(hpa.at("/spec/maxReplicas").asInt());
    ObjectNode pdb = objects.get("PodDisruptionBudget/stratus-reference-server");
    assertThat(selects(pdb.at("/spec/selector/matchLabels"), labels)).as(where + " PDB selector").isTrue();
    ObjectNode policy = objects.get("NetworkPolicy/stratus-reference-server");
    assertThat(selects(policy.at("/spec/podSelector/matchLabels"), labels)).as(where + " network policy selector")
        .isTrue();
    assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
    assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).as(where + " ingress to the server's port")
        .isEqualTo(portName);
  }

  private static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> e : selector.properties()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Renders a kustomization: its resources (files or other kustomizations), then its patches. */
  private static Map<String, ObjectNode> build(Path dir) throws IOException {
    JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    assertThat(k.get("kind").asText()).isEqualTo("Kustomization");
    Map<String, ObjectNode> objects = new LinkedHashMap<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      assertThat(p).as(dir + ": resource " + r.asText()).exists();
      if (Files.isDirectory(p)) {
        objects.putAll(build(p));
      } else {
        for (JsonNode d : docs(p, YAML)) {
          objects.put(d.get("kind").asText() + "/" + d.at("/metadata/name").asText(), (ObjectNode) d);
        }
      }
    }
    for (JsonNode patch : k.path("patches")) {
      Path p = dir.resolve(patch.get("path").asText());
      assertThat(p).as(dir + ": patch " + p.getFileName()).exists();
      for (JsonNode d : docs(p, YAML)) {
        String key = d.get("kind").asText() + "/" + d.at("/metadata/name").asText();
        assertThat(objects).as(dir + ": " + p.getFileName() + " patches an object of the base").containsKey(key);
        assertThat(d.get("apiVersion")).isEqualTo(objects.get(key).get("apiVersion"));
        merge(objects.get(key), (ObjectNode) d);
      }
    }
    return objects;
  }

  /** Strategic merge: maps merge, lists of objects with a name merge by name, other values are replaced. */
  static void merge(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode current = target.get(e.getKey());
      JsonNode value = e.getValue();
      if (current instanceof ObjectNode o && value instanceof ObjectNode p) {
        merge(o, p);
      } else if (current instanceof ArrayNode a && value instanceof ArrayNode p && named(a) && named(p)) {
        for (JsonNode item : p) {
          ObjectNode same = null;
          for (JsonNode c : a) {
            if (c.get("name").equals(item.get("name"))) {
              same = (ObjectNode) c;
            }
          }
          if (same == null) {
            a.add(item.deepCopy());
          } else {
            merge(same, (ObjectNode) item);
          }
        }
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
  }

  private static boolean named(ArrayNode list) {
    for (JsonNode n : list) {
      if (!n.isObject() || !n.has("name")) {
        return false;
      }
    }
    return !list.isEmpty();
  }

  /** A Kubernetes quantity in base units (cores or bytes). */
  static double quantity(String q) {
    Map<String, Double> suffixes = new LinkedHashMap<>();
    suffixes.put("Ki", 1024.0);
    suffixes.put("Mi", 1024.0 * 1024);
    suffixes.put("Gi", 1024.0 * 1024 * 1024);
    suffixes.put("m", 0.001);
    for (Map.Entry<String, Double> s : suffixes.entrySet()) {
      if (q.endsWith(s.getKey())) {
        return Double.parseDouble(q.substring(0, q.length() - s.getKey().length())) * s.getValue();
      }
    }
    return Double.parseDouble(q);
  }

  private static List<JsonNode> docs(Path file, ObjectMapper mapper) {
    List<JsonNode> out = new ArrayList<>();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      mapper.readerFor(JsonNode.class).readValues(text).forEachRemaining(n -> {
        if (n != null && !((JsonNode) n).isNull()) {
          out.add((JsonNode) n);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(root.relativize(file) + " does not parse", e);
    }
    return out;
  }
}
