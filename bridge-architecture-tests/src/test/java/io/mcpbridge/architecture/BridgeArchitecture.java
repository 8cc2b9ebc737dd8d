package io.mcpbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;

/**
 * The architecture rules of DESIGN §8, built for a root package so that the same rules judge the
 * product ({@code io.mcpbridge}) and, in tests, fixtures that break them on purpose.
 */
final class BridgeArchitecture {
  private final String root;

  BridgeArchitecture(String root) {
    this.root = root;
  }

  private String pkg(String relative) {
    return root + "." + relative;
  }

  /**
   * The hexagon as an onion: core rings inside, one adapter per module outside, adapters never
   * reaching each other. The launcher ({@code cli}) is judged by {@link #launcherIsTopLayer()}.
   */
  ArchRule hexagon() {
    return onionArchitecture()
        .domainModels(pkg("core.model.."), pkg("core.error.."))
        // core.security holds pure policies used at the edges (the per-key rate limiter).
        // core.population reads, samples, runs (through the engine port) and summarises populations;
        // core.jobs holds the wire codecs of job messages and worker reports (pure JDK);
        // core.csv the one CSV line splitter every CSV format reads with.
        .domainServices(pkg("core.port.."), pkg("core.units.."), pkg("core.pk.."), pkg("core.audit.."),
            pkg("core.security.."), pkg("core.population.."), pkg("core.jobs.."), pkg("core.csv.."))
        .applicationServices(pkg("core.config.."), pkg("core.service.."), pkg("core.sensitivity.."))
        .adapter("engine-pkml", pkg("engine.pkml.."))
        .adapter("http", pkg("http.."))
        .adapter("audit-local", pkg("audit.local.."))
        .adapter("audit-s3", pkg("audit.s3.."))
        .adapter("auth", pkg("auth.."))
        .adapter("mcp", pkg("mcp.."))
        .adapter("registry-sqlite", pkg("registry.sqlite.."))
        .adapter("jobs-thread", pkg("jobs.thread.."))
        .adapter("plot", pkg("plot.."))
        .adapter("jobs-queue", pkg("jobs.queue.."))
        .adapter("metrics", pkg("metrics.."))
        // The testkit is production code of its own module: as one more ring member it may use
        // core, and no production adapter may depend on it.
        .adapter("testkit", pkg("testkit.."))
        // The HTTP edge carries MCP's Streamable HTTP transport: it uses the protocol module
        // (transport-agnostic, ADR 0001). No other adapter-to-adapter edge is allowed.
        .ignoreDependency(resideIn(pkg("http..")), resideIn(pkg("mcp..")))
        .ensureAllClassesAreContainedInArchitectureIgnoring(pkg("cli.."))
        .because("core owns the ports; adapters depend on core only (DESIGN §2, §8)");
  }

  /**
   * Import option for the classes judged by {@link #hexagon()}: everything but the launcher,
   * which wires adapters and so sits outside the onion (it is judged by
   * {@link #launcherIsTopLayer()}). Excluded at import, because the onion also judges every
   * access <em>into</em> a ring, whoever makes it.
   */
  ImportOption excludingLauncher() {
    String launcherPath = pkg("cli").replace('.', '/') + "/";
    return location -> !location.contains(launcherPath);
  }

  /** Nothing depends on the launcher; it may reach everything. */
  ArchRule launcherIsTopLayer() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage(root + "..")
        .layer("Launcher").definedBy(pkg("cli.."))
        .layer("Adapters").definedBy(pkg("engine.."), pkg("http.."), pkg("mcp.."), pkg("auth.."),
            pkg("jobs.."), pkg("registry.."), pkg("audit.."), pkg("plot.."), pkg("metrics.."), pkg("testkit.."))
        .layer("Core").definedBy(pkg("core.."))
        .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
        .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Launcher", "Adapters")
        .whereLayer("Core").mayOnlyBeAccessedByLayers("Launcher", "Adapters")
        .withOptionalLayers(false);
  }

  /**
   * {@code bridge worker} builds the engine and the broker only: its wiring reaches, even
   * transitively, no registry, audit trail, token verification, HTTP API or MCP, nor the runtime
   * of the processes that own the registry.
   */
  ArchRule workerBuildsOnlyEngineAndBroker() {
    return noClasses().that().haveFullyQualifiedName(pkg("cli.WorkerWiring"))
        .or().haveFullyQualifiedName(pkg("cli.WorkerCommand"))
        .should().transitivelyDependOnClassesThat().resideInAnyPackage(pkg("registry.."), pkg("audit.."),
            pkg("auth.."), pkg("http.."), pkg("mcp.."))
        .orShould().transitivelyDependOnClassesThat().haveFullyQualifiedName(pkg("cli.BridgeRuntime"))
        .because("a worker needs the engine and the broker, not the API's state (DESIGN §2)");
  }

  /** Adapters reach the core through ports only, never through use-case implementations. */
  ArchRule adaptersUsePortsOnly() {
    return noClasses().that().resideInAnyPackage(pkg("engine.."), pkg("http.."), pkg("mcp.."), pkg("auth.."),
            pkg("jobs.."), pkg("registry.."), pkg("audit.."), pkg("plot.."), pkg("metrics.."), pkg("testkit.."))
        .should().dependOnClassesThat().resideInAPackage(pkg("core.service.."))
        .because("adapters do not depend on use-case implementations (DESIGN §8); driving ports live in core.port");
  }

  /** Core depends on the JDK, Guava and itself only. */
  ArchRule coreIsPure() {
    return classes().that().resideInAPackage(pkg("core.."))
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "com.google.common..", pkg("core.."))
        .because("bridge-core is the pure domain (DESIGN §2)");
  }

  /** Ports are contracts and data only. */
  ArchRule portsAreContracts() {
    return classes().that().resideInAPackage(pkg("core.port.."))
        .should(beInterfaceRecordEnumOrException())
        .because("data crossing a port is a record, behaviour an interface (DESIGN §3)");
  }

  /** Each SDK is confined to the module that adapts it. */
  List<ArchRule> sdksAreConfined() {
    return List.of(
        confined("io.javalin..", pkg("http..")),
        confined("org.eclipse.jetty..", pkg("http..")),
        confined("com.nimbusds..", pkg("auth..")),
        confined("io.lettuce..", pkg("jobs.queue..")),
        confined("com.rabbitmq..", pkg("jobs.queue..")),
        confined("software.amazon..", pkg("audit.s3..")),
        confined("org.sqlite..", pkg("registry.sqlite..")),
        confined("java.sql..", pkg("registry.sqlite..")),
        confined("org.jfree..", pkg("plot.jfreechart..")),
        confined("io.micrometer..", pkg("metrics..")),
        confined("io.prometheus..", pkg("metrics..")),
        confined("picocli..", pkg("cli..")),
        confined("ch.qos.logback..", pkg("cli..")));
  }

  private ArchRule confined(String sdk, String home) {
    return noClasses().that().resideOutsideOfPackage(home)
        .should().dependOnClassesThat().resideInAPackage(sdk)
        .because(sdk + " lives in " + home + " only (one SDK, one module)");
  }

  /** Only launchers read the environment or system properties. */
  ArchRule onlyLaunchersReadTheEnvironment() {
    return noClasses().that().resideOutsideOfPackage(pkg("cli.."))
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().callMethod(System.class, "getProperties")
        .because("configuration is read once, by launchers, through ConfigSource (DESIGN §5)");
  }

  /** Only the CLI touches standard streams. */
  ArchRule onlyTheCliUsesStandardStreams() {
    return noClasses().that().resideOutsideOfPackage(pkg("cli.."))
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .because("stdout may carry a protocol (stdio MCP); logging goes through SLF4J");
  }

  /** No cycles between top-level packages, nor between core packages. */
  List<ArchRule> noCycles() {
    return List.of(
        slices().matching(root + ".(*)..").should().beFreeOfCycles(),
        slices().matching(pkg("core.(*)..")).should().beFreeOfCycles());
  }

  /** General hygiene. */
  List<ArchRule> codingRules() {
    return List.of(
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING,
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS,
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION);
  }

  private static DescribedPredicate<JavaClass> resideIn(String packageIdentifier) {
    return JavaClass.Predicates.resideInAPackage(packageIdentifier);
  }

  private static com.tngtech.archunit.lang.ArchCondition<JavaClass> beInterfaceRecordEnumOrException() {
    return new com.tngtech.archunit.lang.ArchCondition<>("be an interface, record, enum or exception") {
      @Override
      public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
        boolean ok = c.isInterface() || c.isRecord() || c.isEnum()
            || c.isAssignableTo(Throwable.class)
            || c.isNestedClass() && c.getModifiers().contains(JavaModifier.STATIC) && c.isInterface();
        if (!ok) {
          events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(c,
              c.getName() + " is a plain class in a port package"));
        }
      }
    };
  }
}
