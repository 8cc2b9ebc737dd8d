package io.mcpbridge.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The product's production classes obey every architecture rule. */
class ArchitectureRulesTest {
  private static JavaClasses product;
  private static JavaClasses productWithoutLauncher;
  private final BridgeArchitecture rules = new BridgeArchitecture("io.mcpbridge");

  @BeforeAll
  static void importProduct() {
    // Packages, not jars, are the unit: DoNotIncludeJars would silently drop sibling modules
    // when Maven hands them over as jars (mvn verify).
    product = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.mcpbridge");
    productWithoutLauncher = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(new BridgeArchitecture("io.mcpbridge").excludingLauncher())
        .importPackages("io.mcpbridge");
  }

  @Test
  void hexagonHolds() {
    rules.hexagon().check(productWithoutLauncher);
  }

  @Test
  void launcherIsTheTopLayer() {
    rules.launcherIsTopLayer().check(product);
  }

  @Test
  void workerBuildsOnlyEngineAndBroker() {
    rules.workerBuildsOnlyEngineAndBroker().check(product);
  }

  @Test
  void adaptersUsePortsOnly() {
    rules.adaptersUsePortsOnly().check(product);
  }

  @Test
  void coreIsPure() {
    rules.coreIsPure().check(product);
  }

  @Test
  void portsAreContracts() {
    rules.portsAreContracts().check(product);
  }

  @Test
  void sdksAreConfinedToTheirModule() {
    rules.sdksAreConfined().forEach(r -> r.allowEmptyShould(true).check(product));
  }

  @Test
  void onlyLaunchersReadTheEnvironment() {
    rules.onlyLaunchersReadTheEnvironment().check(product);
  }

  @Test
  void onlyTheCliUsesStandardStreams() {
    rules.onlyTheCliUsesStandardStreams().check(product);
  }

  @Test
  void packagesAreFreeOfCycles() {
    rules.noCycles().forEach(r -> r.check(product));
  }

  @Test
  void codingRulesHold() {
    for (ArchRule r : rules.codingRules()) {
      r.check(product);
    }
  }
}
