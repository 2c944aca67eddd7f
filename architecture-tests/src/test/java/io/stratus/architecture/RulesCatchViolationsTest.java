package io.stratus.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.stratus.architecture.fixtures.MarkedWithoutSince;
import io.stratus.architecture.fixtures.NestedUnmarked;
import io.stratus.architecture.fixtures.Unmarked;
import io.stratus.architecture.fixtures.Violations;
import io.stratus.architecture.fixtures.WellBehaved;
import org.junit.jupiter.api.Test;

/** Each coding rule fails on a fixture that breaks it and passes on one that follows it: no rule is vacuous. */
class RulesCatchViolationsTest {

  private static JavaClasses classes(Class<?>... types) {
    return new ClassFileImporter().importClasses(types);
  }

  private static void assertCatches(ArchRule rule, Class<?> fixture, String expected) {
    assertThatThrownBy(() -> rule.check(classes(fixture)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(expected);
  }

  @Test
  void standardStreams_printAndPrintStackTrace_flagged() {
    assertCatches(StratusRules.NO_STANDARD_STREAMS, Violations.Printer.class, "System.out");
    assertCatches(StratusRules.NO_STANDARD_STREAMS, Violations.Printer.class, "printStackTrace");
  }

  @Test
  void environment_getenv_flagged() {
    assertCatches(StratusRules.NO_ENVIRONMENT, Violations.EnvironmentReader.class, "System.getenv");
  }

  @Test
  void environment_methodReferenceToGetenv_flagged() {
    assertCatches(StratusRules.NO_ENVIRONMENT, Violations.EnvironmentReferenceReader.class, "System.getenv");
  }

  @Test
  void genericExceptions_newRuntimeException_flagged() {
    assertCatches(StratusRules.NO_GENERIC_EXCEPTIONS, Violations.GenericThrower.class, "RuntimeException");
  }

  @Test
  void wallClock_directAndIndirectReads_flagged() {
    assertCatches(StratusRules.NO_WALL_CLOCK, Violations.InstantNow.class, "Instant.now()");
    assertCatches(StratusRules.NO_WALL_CLOCK, Violations.LocalNow.class, "LocalDateTime.now()");
    assertCatches(StratusRules.NO_WALL_CLOCK, Violations.NanoTicker.class, "System.nanoTime()");
    assertCatches(StratusRules.NO_WALL_CLOCK, Violations.OldDate.class, "Date.<init>()");
    assertCatches(StratusRules.NO_WALL_CLOCK, Violations.Sleeper.class, "Thread.sleep");
  }

  @Test
  void randomness_unseeded_flagged() {
    assertCatches(StratusRules.NO_UNSEEDED_RANDOMNESS, Violations.Unseeded.class, "Random.<init>()");
    assertCatches(StratusRules.NO_UNSEEDED_RANDOMNESS, Violations.Unseeded.class, "Math.random()");
    assertCatches(StratusRules.NO_UNSEEDED_RANDOMNESS, Violations.Unseeded.class, "UUID.randomUUID()");
  }

  @Test
  void hiddenThreads_threadPoolAndCommonPool_flagged() {
    assertCatches(StratusRules.NO_HIDDEN_THREADS, Violations.ThreadStarter.class, "Thread.start()");
    assertCatches(StratusRules.NO_HIDDEN_THREADS, Violations.PoolMaker.class, "Executors.newFixedThreadPool");
    assertCatches(StratusRules.NO_HIDDEN_THREADS, Violations.CommonPoolUser.class, "CompletableFuture.runAsync");
    assertCatches(StratusRules.NO_HIDDEN_THREADS, Violations.CommonPoolUser.class, "parallelStream");
  }

  @Test
  void publicExceptions_checkedOrOutsideTheHierarchy_flagged() {
    assertCatches(StratusRules.PUBLIC_EXCEPTIONS_ARE_UNCHECKED, Violations.CheckedFailure.class, "CheckedFailure");
    assertCatches(StratusRules.PUBLIC_EXCEPTIONS_ARE_STRATUS_EXCEPTIONS, Violations.LooseFailure.class,
        "LooseFailure");
  }

  @Test
  void servers_listeningSocket_flagged() {
    assertCatches(StratusRules.NO_SERVERS, Violations.Listener.class, "ServerSocket");
  }

  @Test
  void apiMarker_missingOrWithoutSince_flagged() throws ClassNotFoundException {
    assertCatches(StratusRules.PUBLIC_TYPES_HAVE_API, Unmarked.class, Unmarked.class.getName());
    assertCatches(StratusRules.PUBLIC_TYPES_HAVE_API, MarkedWithoutSince.class, MarkedWithoutSince.class.getName());
    Class<?> hidden = Class.forName(NestedUnmarked.class.getName() + "$Hidden");
    assertThatThrownBy(() -> StratusRules.PUBLIC_TYPES_HAVE_API.check(
            classes(NestedUnmarked.class, NestedUnmarked.Part.class, hidden)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(NestedUnmarked.Part.class.getName())
        .hasMessageNotContaining("Hidden")
        .hasMessageContaining("1 times");
  }

  @Test
  void everyRule_wellBehavedCode_passes() {
    JavaClasses good = classes(WellBehaved.class, WellBehaved.Failed.class);
    for (ArchRule rule : new ArchRule[] {StratusRules.NO_STANDARD_STREAMS, StratusRules.NO_ENVIRONMENT,
        StratusRules.NO_JAVA_UTIL_LOGGING, StratusRules.NO_GENERIC_EXCEPTIONS, StratusRules.NO_WALL_CLOCK,
        StratusRules.NO_HIDDEN_THREADS, StratusRules.NO_UNSEEDED_RANDOMNESS, StratusRules.NO_SERVERS,
        StratusRules.PUBLIC_EXCEPTIONS_ARE_UNCHECKED, StratusRules.PUBLIC_EXCEPTIONS_ARE_STRATUS_EXCEPTIONS, StratusRules.PUBLIC_TYPES_HAVE_API}) {
      assertThatCode(() -> rule.check(good)).as(rule.getDescription()).doesNotThrowAnyException();
    }
  }
}
