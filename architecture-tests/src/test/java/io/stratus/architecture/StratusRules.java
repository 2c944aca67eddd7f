package io.stratus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Map;
import java.util.Set;
import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * The coding rules of STYLE.md sections 3, 4 and 7 as ArchUnit rules, shared by {@link CodingRulesTest} (on the SDK)
 * and {@link RulesCatchViolationsTest} (on fixtures that break each rule, so that no rule passes vacuously).
 */
final class StratusRules {

  private StratusRules() {}

  /**
   * Library code never writes to {@code System.out}/{@code System.err} nor calls {@code printStackTrace()}; the
   * {@code cli} is a program, not a library, and prints (STYLE.md section 1).
   */
  static final ArchRule NO_STANDARD_STREAMS = noClasses().that(DescribedPredicate.not(SdkModules.inModule("cli")))
      .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
      .because("library code never prints; log through the SLF4J API (STYLE.md section 3)");

  /** Configuration comes from the host: no environment variables, no system properties. */
  static final ArchRule NO_ENVIRONMENT = noClasses()
      .should(readTheEnvironment())
      .because("the SDK never reads the environment; the host passes System::getenv or a map (STYLE.md section 2)");

  /** SLF4J only. */
  static final ArchRule NO_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING
      .because("logging goes through SLF4J's API (STYLE.md section 3)");

  /** No {@code new RuntimeException/Exception/Throwable(...)}: throw IAE/NPE/ISE or a StratusException subtype. */
  static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS
      .because("caller mistakes are NPE/IAE/ISE and SDK failures are StratusException subtypes (STYLE.md section 3)");

  /**
   * Wall-clock reads that an injected clock or ticker must replace, each with why it is allowed: the key is
   * {@code originClass.codeUnit -> targetClass.method}.
   */
  static final Map<String, String> WALL_CLOCK_EXCEPTIONS = Map.of(
      "io.stratus.scheduler.core.SchedulerBuilder.<init> -> java.time.InstantSource.system",
      "documented default of the injectable clock(InstantSource) setter; engines receive the clock, never read it",
      "io.stratus.adapters.azure.AzureConfig$Builder.<init> -> java.time.InstantSource.system",
      "documented default of AzureConfig's injectable clock(InstantSource) setter; the adapter reads only the config's",
      "io.stratus.spi.Sleeper.system -> java.lang.Thread.sleep",
      "the real Sleeper, documented default of the cloud adapters' injectable sleeper(Sleeper) setters: every retry"
          + " and rate-limit wait of a provider goes through the injected Sleeper",
      "io.stratus.adapters.aws.AwsAdapter$Builder.<init> -> java.time.InstantSource.system",
      "documented default of AwsAdapter.Builder.clock(InstantSource); the adapter reads only the injected clock",
      "io.stratus.adapters.gcp.GcpAdapter$Builder.<init> -> java.time.InstantSource.system",
      "documented default of GcpAdapter.Builder.clock(InstantSource): the adapter talks to the real Google Cloud");

  /** Engines never read the wall clock; time comes from an injected InstantSource, Clock or nano ticker. */
  static final ArchRule NO_WALL_CLOCK = noClasses()
      .should(readTheWallClock(WALL_CLOCK_EXCEPTIONS.keySet()))
      .because("time is injected so that the simulator can drive virtual time (DESIGN.md, STYLE.md section 4)");

  /**
   * Public exceptions are unchecked {@code StratusException}s, split by who must act (STYLE.md section 3); timeseries,
   * which depends on no other module, extends the JDK's unchecked exceptions instead.
   */
  static final ArchRule PUBLIC_EXCEPTIONS_ARE_STRATUS_EXCEPTIONS = classes()
      .that().arePublic().and().areAssignableTo(Throwable.class)
      .and(DescribedPredicate.not(SdkModules.inModule("timeseries")))
      .should().beAssignableTo(StratusException.class)
      .because("SDK exceptions are unchecked and all under StratusException (STYLE.md section 3)");

  /** Every public exception is unchecked, timeseries' too. */
  static final ArchRule PUBLIC_EXCEPTIONS_ARE_UNCHECKED = classes()
      .that().arePublic().and().areAssignableTo(Throwable.class)
      .should().beAssignableTo(RuntimeException.class)
      .because("SDK exceptions are unchecked (STYLE.md section 3)");

  /**
   * Library modules serve nothing: no HTTP server, no listening socket (the cli and samples may). The one exception is
   * the Prometheus adapter's scrape endpoint, which serves only when the host starts it, on the host's executor.
   */
  static final ArchRule NO_SERVERS = noClasses()
      .that(DescribedPredicate.not(JavaClass.Predicates.simpleName("PrometheusExporter")
          .and(JavaClass.Predicates.resideInAPackage("io.stratus.adapters.prometheus"))))
      .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
      .orShould().dependOnClassesThat().areAssignableTo(java.net.ServerSocket.class)
      .orShould().dependOnClassesThat().areAssignableTo(java.nio.channels.ServerSocketChannel.class)
      .orShould().dependOnClassesThat().areAssignableTo(java.nio.channels.AsynchronousServerSocketChannel.class)
      .because("nothing in the SDK library modules serves HTTP (STYLE.md section 1)");

  /** Randomness is seeded by the caller, so that the same seed gives the same plan or simulation. */
  static final ArchRule NO_UNSEEDED_RANDOMNESS = noClasses()
      .should(useUnseededRandomness())
      .because("the same seed gives the same result (STYLE.md section 5); take a seed or a RandomGenerator");

  /** The host owns the threads (testkit excepted: its compatibility kits hammer providers from a pool). */
  static final ArchRule NO_HIDDEN_THREADS = noClasses().that(DescribedPredicate.not(SdkModules.inModule("testkit")))
      .should(startThreadsOrUseSharedPools())
      .because("the host owns the threads: accept an Executor, start no hidden threads (STYLE.md section 4)");

  /** Every public type a host can reach (top level, or nested only in public types) says its API status. */
  static final ArchRule PUBLIC_TYPES_HAVE_API = classes().that().arePublic()
      .and(DescribedPredicate.describe("are reachable from outside their package", StratusRules::reachable))
      .should().beAnnotatedWith(DescribedPredicate.describe("@API with a non-empty since", StratusRules::apiWithSince))
      .because("every public type carries @API(status, since) (STYLE.md section 6)");

  private static boolean reachable(JavaClass type) {
    if (type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    return type.getEnclosingClass().map(e -> e.getModifiers().contains(JavaModifier.PUBLIC) && reachable(e))
        .orElse(true);
  }

  private static boolean apiWithSince(JavaAnnotation<?> annotation) {
    return annotation.getRawType().isEquivalentTo(API.class)
        && annotation.get("since").map(since -> !since.toString().isBlank()).orElse(false);
  }

  /** Calls of, and method references to, {@code System.getenv}, {@code getProperty} and {@code getProperties}. */
  static ArchCondition<JavaClass> readTheEnvironment() {
    return new ArchCondition<>("read the environment (System.getenv, System.getProperty, System.getProperties;"
        + " called or as a method reference)") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
          String name = access.getTarget().getName();
          if (access instanceof JavaCodeUnitAccess && access.getTargetOwner().isEquivalentTo(System.class)
              && (name.equals("getenv") || name.equals("getProperty") || name.equals("getProperties"))) {
            events.add(SimpleConditionEvent.satisfied(origin, access.getDescription()));
          }
        }
      }
    };
  }

  static ArchCondition<JavaClass> readTheWallClock(Set<String> allowed) {
    return new ArchCondition<>("read the wall clock (Instant.now(), java.time *.now(), System.currentTimeMillis(),"
        + " System.nanoTime(), Clock.system*(), InstantSource.system(), new Date(), Calendar.getInstance())"
        + " or sleep on it (Thread.sleep, TimeUnit.sleep)") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
          if (!(access instanceof JavaCodeUnitAccess) || !readsWallClock(access.getTarget())) {
            continue;
          }
          String key = origin.getName() + "." + access.getOrigin().getName() + " -> "
              + access.getTargetOwner().getName() + "." + access.getTarget().getName();
          if (!allowed.contains(key)) {
            events.add(SimpleConditionEvent.satisfied(origin, access.getDescription()));
          }
        }
      }
    };
  }

  private static boolean readsWallClock(AccessTarget target) {
    String owner = target.getOwner().getName();
    String name = target.getName();
    if (owner.equals("java.lang.System")) {
      return name.equals("currentTimeMillis") || name.equals("nanoTime");
    }
    if (owner.equals("java.lang.Thread") || owner.equals("java.util.concurrent.TimeUnit")) {
      return name.equals("sleep");
    }
    if (owner.startsWith("java.time.") && name.equals("now")) {
      return true;
    }
    if (owner.equals("java.time.Clock")) {
      return name.startsWith("system");
    }
    if (owner.equals("java.time.InstantSource")) {
      return name.equals("system");
    }
    if (owner.equals("java.util.Date")) {
      return name.equals("<init>") && target instanceof AccessTarget.CodeUnitAccessTarget
          && ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().isEmpty();
    }
    return owner.equals("java.util.Calendar") && name.equals("getInstance");
  }

  static ArchCondition<JavaClass> useUnseededRandomness() {
    return new ArchCondition<>("use unseeded randomness (new Random(), new SplittableRandom(), Math.random(),"
        + " ThreadLocalRandom, UUID.randomUUID())") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
          if (access instanceof JavaCodeUnitAccess && unseeded(access.getTarget())) {
            events.add(SimpleConditionEvent.satisfied(origin, access.getDescription()));
          }
        }
      }
    };
  }

  private static boolean unseeded(AccessTarget target) {
    String owner = target.getOwner().getName();
    String name = target.getName();
    switch (owner) {
      case "java.util.Random":
      case "java.util.SplittableRandom":
        return name.equals("<init>") && target instanceof AccessTarget.CodeUnitAccessTarget
            && ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().isEmpty();
      case "java.lang.Math":
      case "java.lang.StrictMath":
        return name.equals("random");
      case "java.util.concurrent.ThreadLocalRandom":
        return name.equals("current");
      case "java.util.UUID":
        return name.equals("randomUUID");
      default:
        return false;
    }
  }

  static ArchCondition<JavaClass> startThreadsOrUseSharedPools() {
    return new ArchCondition<>("create threads, thread pools or timers, or run work on the common pool") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
          if (access instanceof JavaCodeUnitAccess && startsThreads(access.getTarget())) {
            events.add(SimpleConditionEvent.satisfied(origin, access.getDescription()));
          }
        }
      }
    };
  }

  private static boolean startsThreads(AccessTarget target) {
    JavaClass owner = target.getOwner();
    String name = target.getName();
    if (owner.isAssignableTo(Thread.class)) {
      return name.equals("<init>") || name.equals("start") || name.startsWith("ofPlatform")
          || name.startsWith("startVirtualThread");
    }
    switch (owner.getName()) {
      case "java.util.concurrent.Executors":
        return name.startsWith("new");
      case "java.util.concurrent.ThreadPoolExecutor":
      case "java.util.concurrent.ScheduledThreadPoolExecutor":
      case "java.util.concurrent.ForkJoinPool":
      case "java.util.Timer":
        return name.equals("<init>") || name.equals("commonPool");
      case "java.util.concurrent.CompletableFuture":
        // the one-argument runAsync/supplyAsync run on the common pool; the overloads with an Executor are fine
        return (name.equals("runAsync") || name.equals("supplyAsync"))
            && target instanceof AccessTarget.CodeUnitAccessTarget
            && ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().size() == 1;
      default:
        return (owner.isAssignableTo(java.util.Collection.class) && name.equals("parallelStream"))
            || (owner.isAssignableTo(java.util.stream.BaseStream.class) && name.equals("parallel"));
    }
  }
}
