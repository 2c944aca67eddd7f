package io.stratus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.stratus.architecture.SdkModules.inModule;
import static io.stratus.architecture.SdkModules.inModuleForbiddenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.stratus.architecture.fixtures.cycle.a.First;
import io.stratus.architecture.fixtures.cycle.b.Second;
import io.stratus.architecture.fixtures.internal.Hidden;
import io.stratus.architecture.fixtures.outside.UsesInternal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The module map of DESIGN.md and the package rules of STYLE.md section 1, on the production classes of every SDK
 * module: the allowed module dependencies (checked on the module a class comes from, so a transitive dependency on
 * the compile class path cannot sneak in), the same map on packages, no package cycles, and no use of another
 * module's {@code internal} packages.
 */
class ModuleDependencyTest {

  private static final JavaClasses CLASSES = SdkModules.classes();

  @Test
  void classPath_holdsEverySdkModule() {
    assertThat(SdkModules.roots().values())
        .as("SDK modules on the class path (every module must be a dependency of architecture-tests)")
        .containsExactlyInAnyOrderElementsOf(SdkModules.ALLOWED.keySet());
  }

  @Test
  void everySdkModule_contributesClasses() {
    for (String module : SdkModules.ALLOWED.keySet()) {
      assertThat(CLASSES.stream().filter(inModule(module)).count()).as("classes imported from " + module).isPositive();
    }
  }

  @Test
  void modulePredicate_knowsWhereAClassComesFrom() {
    JavaClass money = CLASSES.get("io.stratus.model.Money");
    JavaClass series = CLASSES.get("io.stratus.timeseries.RegularSeries");
    assertThat(SdkModules.module(money)).contains("scheduler-api");
    assertThat(SdkModules.module(series)).contains("timeseries");
    assertThat(inModuleForbiddenFor("timeseries").test(money)).as("timeseries may not use scheduler-api").isTrue();
    assertThat(inModuleForbiddenFor("finops").test(money)).as("finops may use scheduler-api").isFalse();
    assertThat(inModuleForbiddenFor("testkit").test(series)).as("testkit may not use timeseries").isTrue();
    assertThat(SdkModules.module(CLASSES.get("io.stratus.model.Money").getSuperclass().orElseThrow().toErasure()))
        .as("JDK classes belong to no SDK module").isEmpty();
  }

  @Test
  void cycleRule_packageCycle_flagged() {
    JavaClasses cycle = new ClassFileImporter().importClasses(First.class, Second.class);
    assertThatThrownBy(() -> SlicesRuleDefinition.slices().assignedFrom(EACH_PACKAGE)
        .should().beFreeOfCycles().check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.stratus.architecture.fixtures.cycle.a");
  }

  @Test
  void internalRule_useFromAnotherModule_flagged() {
    JavaClasses fixture = new ClassFileImporter().importClasses(UsesInternal.class, Hidden.class);
    assertThatThrownBy(() -> noClasses().should(useInternalPackagesOfAnotherModule()).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Hidden.help()");
  }

  @TestFactory
  Stream<DynamicTest> eachModule_dependsOnlyOnTheModulesDesignAllows() {
    return SdkModules.ALLOWED.keySet().stream().map(module -> DynamicTest.dynamicTest(module, () ->
        noClasses().that(inModule(module))
            .should().dependOnClassesThat(inModuleForbiddenFor(module))
            .because("DESIGN.md allows " + module + " only " + SdkModules.ALLOWED.get(module))
            .check(CLASSES)));
  }

  @Test
  void schedulerApi_dependsOnNoOtherStratusPackage() {
    noClasses().that().resideInAnyPackage("io.stratus", "io.stratus.model", "io.stratus.spi", "io.stratus.scheduler")
        .should(dependOnStratusPackagesOtherThan(
            Set.of("io.stratus", "io.stratus.model", "io.stratus.spi", "io.stratus.scheduler")::contains,
            "io.stratus, io.stratus.model, io.stratus.spi, io.stratus.scheduler"))
        .because("scheduler-api is what hosts and SPI implementers compile against; it depends on no other module")
        .check(CLASSES);
  }

  @Test
  void timeseries_dependsOnNoOtherStratusPackage() {
    noClasses().that().resideInAPackage("io.stratus.timeseries..")
        .should(dependOnStratusPackagesOtherThan(
            p -> p.equals("io.stratus.timeseries") || p.startsWith("io.stratus.timeseries."), "io.stratus.timeseries.."))
        .because("timeseries has no domain types (DESIGN.md)")
        .check(CLASSES);
  }

  @Test
  void finopsAndMonitoring_neverUseCoreSimulationOrEachOther() {
    noClasses().that().resideInAPackage("io.stratus.finops..")
        .should().dependOnClassesThat().resideInAnyPackage("io.stratus.scheduler.core..",
            "io.stratus.scheduler.catalog..", "io.stratus.simulation..", "io.stratus.monitoring..",
            "io.stratus.testkit..")
        .because("DESIGN.md: finops depends on scheduler-api and timeseries only")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.stratus.monitoring..")
        .should().dependOnClassesThat().resideInAnyPackage("io.stratus.scheduler.core..",
            "io.stratus.scheduler.catalog..", "io.stratus.simulation..", "io.stratus.finops..",
            "io.stratus.testkit..")
        .because("DESIGN.md: monitoring depends on scheduler-api and timeseries only")
        .check(CLASSES);
  }

  @Test
  void nothing_usesAnotherModulesInternalPackages() {
    noClasses().should(useInternalPackagesOfAnotherModule())
        .because("internal packages are neither exported nor API (STYLE.md section 1)")
        .check(CLASSES);
  }

  @Test
  void noPackage_isSplitAcrossModules() {
    Map<String, Set<String>> modulesByPackage = new TreeMap<>();
    for (JavaClass c : CLASSES) {
      modulesByPackage.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>())
          .add(SdkModules.module(c).orElse("?"));
    }
    assertThat(modulesByPackage).as("packages by the modules that hold them (STYLE.md section 1: no split packages)")
        .allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
  }

  @Test
  void packages_areFreeOfCycles() {
    ArchRule rule = SlicesRuleDefinition.slices().assignedFrom(EACH_PACKAGE)
        .should().beFreeOfCycles()
        .because("no cycles (DESIGN.md); a cycle between packages of one module still ties them into one unit");
    rule.check(CLASSES);
  }

  /** Every {@code io.stratus} package is its own slice. */
  static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.equals("io.stratus") || pkg.startsWith("io.stratus.")
          ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each io.stratus package";
    }
  };

  static ArchCondition<JavaClass> dependOnStratusPackagesOtherThan(Predicate<String> allowed, String description) {
    return new ArchCondition<>("depend on Stratus packages other than " + description) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          String pkg = d.getTargetClass().getPackageName();
          boolean stratus = pkg.equals("io.stratus") || pkg.startsWith("io.stratus.");
          if (stratus && !allowed.test(pkg)) {
            events.add(SimpleConditionEvent.satisfied(origin, d.getDescription()));
          }
        }
      }
    };
  }

  /**
   * A dependency on a class in {@code <p>.internal} or below, from a class of another module (by where it was
   * imported from) or, within one module, from a class outside {@code <p>..}.
   */
  static ArchCondition<JavaClass> useInternalPackagesOfAnotherModule() {
    return new ArchCondition<>("use internal packages of another module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          String pkg = target.getPackageName();
          int at = pkg.indexOf(".internal");
          boolean internal = pkg.startsWith("io.stratus.") && at > 0
              && (pkg.length() == at + ".internal".length() || pkg.charAt(at + ".internal".length()) == '.');
          if (!internal) {
            continue;
          }
          String owner = pkg.substring(0, at);
          Optional<String> targetModule = SdkModules.module(target);
          boolean sameModule = targetModule.isPresent() && targetModule.equals(SdkModules.module(origin));
          boolean underOwner = origin.getPackageName().equals(owner) || origin.getPackageName().startsWith(owner + ".");
          if (!sameModule || !underOwner) {
            events.add(SimpleConditionEvent.satisfied(origin, d.getDescription()));
          }
        }
      }
    };
  }
}
