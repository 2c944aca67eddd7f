package io.stratus.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's production classes, imported once from the test class path, and the module each class comes from.
 *
 * <p>Every class-path root that holds {@code io/stratus} is one SDK module's main output (this module's own test
 * classes excepted): {@code <module>/target/classes}, {@code <module>/target/stratus-<module>-<version>.jar} in a
 * reactor build, or {@code stratus-<module>-<version>.jar} from a local repository. Test classes of the SDK modules,
 * benchmarks and samples are never on this class path, so they are never checked. Immutable and thread-safe.
 */
final class SdkModules {

  /**
   * The module map of DESIGN.md: each SDK module and the only other Stratus modules its classes may use. A class-path
   * module missing here fails the import loudly, so a new module cannot slip past the rules unchecked.
   */
  static final Map<String, Set<String>> ALLOWED;

  static {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("scheduler-api", Set.of());
    m.put("timeseries", Set.of());
    m.put("scheduler-core", Set.of("scheduler-api"));
    m.put("finops", Set.of("scheduler-api", "timeseries"));
    m.put("monitoring", Set.of("scheduler-api", "timeseries"));
    m.put("simulation", Set.of("scheduler-api", "scheduler-core", "finops", "monitoring", "timeseries"));
    m.put("reporting", Set.of("scheduler-api", "finops", "monitoring"));
    // timeseries: API-key request-rate baselines in threat detection (#17); DESIGN.md's table says scheduler-api only
    m.put("security", Set.of("scheduler-api", "timeseries"));
    // webhooks: the Outbox kit, an optional dependency of the testkit (added with the JDBC outbox, #18)
    m.put("testkit", Set.of("scheduler-api", "finops", "monitoring", "webhooks"));
    m.put("webhooks", Set.of("scheduler-api"));
    m.put("iac", Set.of("scheduler-api"));
    m.put("cli", Set.of("scheduler-api", "scheduler-core", "finops", "monitoring", "simulation", "timeseries", "iac",
        "reporting", "security"));
    m.put("notifications", Set.of("scheduler-api", "webhooks"));
    m.put("azure", Set.of("scheduler-api", "finops", "monitoring"));
    m.put("aws", Set.of("scheduler-api", "finops", "monitoring"));
    m.put("prometheus", Set.of("scheduler-api", "monitoring"));
    m.put("gcp", Set.of("scheduler-api", "finops", "monitoring"));
    // webhooks: the outbox and subscription stores; simulation: the scenario result store (#18); DESIGN.md lists
    // scheduler-api, finops, monitoring and security only
    m.put("jdbc", Set.of("scheduler-api", "finops", "monitoring", "security", "webhooks", "simulation"));
    m.put("spark", Set.of("scheduler-api", "finops", "simulation", "timeseries"));
    ALLOWED = Collections.unmodifiableMap(m);
  }

  private static final Pattern JAR = Pattern.compile("/stratus-([^/]+?)-\\d[^/]*\\.jar$");
  private static final SdkModules INSTANCE = load();

  private final Map<String, String> moduleByRoot;
  private final JavaClasses classes;

  private SdkModules(Map<String, String> moduleByRoot, JavaClasses classes) {
    this.moduleByRoot = moduleByRoot;
    this.classes = classes;
  }

  /** The production classes of every SDK module on the class path. */
  static JavaClasses classes() {
    return INSTANCE.classes;
  }

  /** Module directory name by class-path root (a path string such as {@code /x/finops/target/classes/}). */
  static Map<String, String> roots() {
    return INSTANCE.moduleByRoot;
  }

  /** The SDK module (directory name) a class was imported from; empty for classes outside the SDK (JDK, libraries). */
  static Optional<String> module(JavaClass javaClass) {
    return javaClass.getSource().flatMap(source -> {
      String uri = source.getUri().toString();
      for (Map.Entry<String, String> e : INSTANCE.moduleByRoot.entrySet()) {
        if (uri.contains(e.getKey())) {
          return Optional.of(e.getValue());
        }
      }
      return Optional.empty();
    });
  }

  /** Classes that come from the named SDK module. */
  static DescribedPredicate<JavaClass> inModule(String name) {
    return DescribedPredicate.describe("are in module " + name, c -> module(c).filter(name::equals).isPresent());
  }

  /** Classes of an SDK module that is neither {@code self} nor one of the modules {@code self} may use. */
  static DescribedPredicate<JavaClass> inModuleForbiddenFor(String self) {
    Set<String> allowed = ALLOWED.get(self);
    return DescribedPredicate.describe(
        "are in a Stratus module other than " + self + " and " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)),
        c -> module(c).filter(m -> !m.equals(self) && !allowed.contains(m)).isPresent());
  }

  private static SdkModules load() {
    Map<String, String> byRoot = new TreeMap<>();
    List<URL> urls = new ArrayList<>();
    try {
      for (URL url : Collections.list(SdkModules.class.getClassLoader().getResources("io/stratus"))) {
        String s = url.toString();
        if (s.contains("/architecture-tests/target/")) {
          continue;
        }
        String root = s.substring(0, s.length() - "io/stratus".length());
        byRoot.put(rootKey(root), moduleName(root));
        urls.add(url);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String module : byRoot.values()) {
      if (!ALLOWED.containsKey(module)) {
        throw new IllegalStateException("class-path module " + module + " is missing from SdkModules.ALLOWED;"
            + " add it with the dependencies DESIGN.md allows it");
      }
    }
    return new SdkModules(Collections.unmodifiableMap(byRoot), new ClassFileImporter().importUrls(urls));
  }

  /** The part of a root URL that also appears in the URI of every class under it. */
  private static String rootKey(String root) {
    // jar:file:/x/finops/target/stratus-finops-0.1.0-SNAPSHOT.jar!/ or file:/x/finops/target/classes/
    return root.startsWith("jar:") ? root.substring("jar:".length()) : root;
  }

  private static String moduleName(String root) {
    String path = root.startsWith("jar:") ? root.substring(4, root.length() - 2) : root;
    Matcher jar = JAR.matcher(path);
    if (jar.find()) {
      return jar.group(1);
    }
    // .../<module>/target/classes/
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i > 0; i--) {
      if (parts[i].equals("target")) {
        return parts[i - 1];
      }
    }
    throw new IllegalStateException("cannot tell which Stratus module class-path root " + root + " belongs to");
  }
}
