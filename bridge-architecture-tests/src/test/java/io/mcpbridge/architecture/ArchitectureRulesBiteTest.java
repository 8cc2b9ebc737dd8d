package io.mcpbridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules are not vacuous: a fixture that breaks each of them on purpose is reported. */
class ArchitectureRulesBiteTest {
  private static final String FIXTURE = "io.mcpbridge.architecture.fixture";
  private static JavaClasses fixture;
  private static JavaClasses fixtureWithoutLauncher;
  private final BridgeArchitecture rules = new BridgeArchitecture(FIXTURE);

  @BeforeAll
  static void importFixture() {
    fixture = new ClassFileImporter().importPackages(FIXTURE);
    fixtureWithoutLauncher = new ClassFileImporter()
        .withImportOption(new BridgeArchitecture(FIXTURE).excludingLauncher())
        .importPackages(FIXTURE);
  }

  private static String violations(ArchRule rule) {
    return violations(rule, fixture);
  }

  private static String violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("rule should report the fixture: %s", rule.getDescription()).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }

  @Test
  void givenModelUsingAdapter_hexagon_reportsIt() {
    assertThat(violations(rules.hexagon(), fixtureWithoutLauncher)).contains("core.model.Dose").contains("http.DoseController");
  }

  @Test
  void givenAdapterUsingAnotherAdapter_hexagon_reportsIt() {
    assertThat(violations(rules.hexagon(), fixtureWithoutLauncher)).contains("http.DoseController").contains("engine.pkml.DoseEngine");
  }

  @Test
  void givenAdapterUsingLauncher_layering_reportsIt() {
    assertThat(violations(rules.launcherIsTopLayer())).contains("cli.Main");
  }

  @Test
  void givenWorkerWiringReachingTheHttpEdgeIndirectly_workerRule_reportsIt() {
    assertThat(violations(rules.workerBuildsOnlyEngineAndBroker())).contains("cli.WorkerWiring").contains("http.DoseController");
  }

  @Test
  void givenAdapterUsingUseCaseImplementation_portsOnlyRule_reportsIt() {
    assertThat(violations(rules.adaptersUsePortsOnly())).contains("http.DoseController").contains("core.service.DoseService");
  }

  @Test
  void givenPlainClassInPortPackage_portRule_reportsIt() {
    assertThat(violations(rules.portsAreContracts())).contains("DoseHelper");
  }

  @Test
  void givenCoreReadingEnvironment_environmentRule_reportsIt() {
    assertThat(violations(rules.onlyLaunchersReadTheEnvironment())).contains("getenv");
  }

  @Test
  void givenCorePrinting_streamRule_reportsIt() {
    assertThat(violations(rules.onlyTheCliUsesStandardStreams())).contains("System.out");
  }

  @Test
  void givenModelAndAdapterReferencingEachOther_cycleRule_reportsIt() {
    assertThat(violations(rules.noCycles().get(0))).containsIgnoringCase("cycle");
  }
}
