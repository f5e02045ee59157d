package io.mrk.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.mrk.aws.internal.AwsKmsBackend;
import org.junit.jupiter.api.Test;

/**
 * {@code mrk-aws} plugs into the provider only through its exported packages and the seam
 * {@code io.mrk.spi}, never through {@code io.mrk.internal}. On the module path javac already refuses
 * such an import (the provider does not export its internals); this rule holds it on the class path
 * too. The same rule shape is shown to fail on a fixture in the CLI's {@code BoundaryRulesTest}; a
 * fixture cannot live here, since this module's tests compile on the module path.
 */
class BoundaryRulesTest {

  static final ArchRule NO_PROVIDER_INTERNALS = noClasses()
      .that().resideInAPackage("io.mrk.aws..")
      .should().dependOnClassesThat().resideInAPackage("io.mrk.internal..")
      .because("the provider's internals are not API; io.mrk.spi is the seam (issue 9, 'A closed boundary')");

  @Test
  void theAwsModuleUsesOnlyExportedPackagesAndTheSeam() {
    JavaClasses aws = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.mrk.aws");
    assertTrue(aws.contain(AwsKmsLoadStoreParameter.class) && aws.contain(AwsKmsBackend.class),
        "the import misses the module's classes");
    NO_PROVIDER_INTERNALS.check(aws);
  }
}
