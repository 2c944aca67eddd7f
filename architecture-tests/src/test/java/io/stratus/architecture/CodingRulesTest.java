package io.stratus.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The coding rules of {@link StratusRules} on the production classes of every SDK module. */
class CodingRulesTest {

  private static final JavaClasses CLASSES = SdkModules.classes();

  @Test
  void libraryCode_neverUsesStandardStreams() {
    StratusRules.NO_STANDARD_STREAMS.check(CLASSES);
  }

  @Test
  void libraryCode_neverReadsEnvironmentOrSystemProperties() {
    StratusRules.NO_ENVIRONMENT.check(CLASSES);
  }

  @Test
  void libraryCode_neverUsesJavaUtilLogging() {
    StratusRules.NO_JAVA_UTIL_LOGGING.check(CLASSES);
  }

  @Test
  void libraryCode_neverThrowsGenericExceptions() {
    StratusRules.NO_GENERIC_EXCEPTIONS.check(CLASSES);
  }

  @Test
  void publicExceptions_areUncheckedStratusExceptions() {
    StratusRules.PUBLIC_EXCEPTIONS_ARE_UNCHECKED.check(CLASSES);
    StratusRules.PUBLIC_EXCEPTIONS_ARE_STRATUS_EXCEPTIONS.check(CLASSES);
  }

  @Test
  void engines_neverReadTheWallClock() {
    StratusRules.NO_WALL_CLOCK.check(CLASSES);
  }

  @Test
  void wallClockExceptions_eachStillMatchesAnAccess() {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      for (JavaAccess<?> a : c.getAccessesFromSelf()) {
        found.add(c.getName() + "." + a.getOrigin().getName() + " -> " + a.getTargetOwner().getName() + "."
            + a.getTarget().getName());
      }
    }
    assertThat(found)
        .as("every named exception to the wall-clock rule must still be needed; delete the stale ones")
        .containsAll(StratusRules.WALL_CLOCK_EXCEPTIONS.keySet());
  }

  @Test
  void libraryCode_usesOnlySeededRandomness() {
    StratusRules.NO_UNSEEDED_RANDOMNESS.check(CLASSES);
  }

  @Test
  void libraryCode_servesNothing() {
    StratusRules.NO_SERVERS.check(CLASSES);
  }

  @Test
  void libraryCode_startsNoHiddenThreads() {
    StratusRules.NO_HIDDEN_THREADS.check(CLASSES);
  }

  @Test
  void publicTopLevelTypes_carryApiWithSince() {
    StratusRules.PUBLIC_TYPES_HAVE_API.check(CLASSES);
  }
}
