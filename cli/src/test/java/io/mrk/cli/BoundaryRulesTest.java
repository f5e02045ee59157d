package io.mrk.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.mrk.server.MrkServer;
import org.junit.jupiter.api.Test;

/**
 * The command line and the server are clients of the provider like any application: their main
 * classes use only its exported packages ({@code io.mrk}, {@code io.mrk.kms}, {@code io.mrk.audit},
 * {@code io.mrk.json}), never {@code io.mrk.internal} nor the plug-in seam {@code io.mrk.spi}, which
 * the module exports to {@code io.mrk.aws} only. On the class path nothing else enforces it.
 */
class BoundaryRulesTest {

  static final ArchRule ONLY_EXPORTED_PACKAGES = noClasses()
      .that().resideInAnyPackage("io.mrk.cli..", "io.mrk.server..")
      .should().dependOnClassesThat().resideInAnyPackage("io.mrk.internal..", "io.mrk.spi..")
      .because("the provider's internals are not API (issue 9, 'A closed boundary')");

  @Test
  void theCliAndTheServerUseOnlyExportedPackages() {
    JavaClasses clients = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.mrk.cli", "io.mrk.server");
    assertTrue(clients.contain(Mrk.class) && clients.contain(MrkServer.class), "the import misses the CLI or the server");
    ONLY_EXPORTED_PACKAGES.check(clients);
  }

  @Test
  void theRuleFailsOnAnInternalImport() {
    EvaluationResult result = ONLY_EXPORTED_PACKAGES.evaluate(
        new ClassFileImporter().importClasses(InternalImportFixture.class));
    assertTrue(result.hasViolation(), "the boundary rule did not fail on " + InternalImportFixture.class.getName());
  }
}
