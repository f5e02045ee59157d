package io.mrk;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.mrk.internal.registry.RegistryBuilder;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.LayeringViolationFixture;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's layers only point down (STYLE.md, "Layers that only point down"), checked on the
 * compiled main classes:
 *
 * <ol>
 *   <li>entry points: {@code io.mrk}'s {@link MrkProvider}, {@link MrkKeystore}, {@link KeystoreSession},
 *       {@link KeystoreAuditTrail}, {@link KeyRegistries}, {@link MrkCiphertext};
 *   <li>the JCA SPIs: {@code internal.provider}, {@code internal.keystore}, {@code internal.cipher};
 *   <li>services: {@code internal.registry} (façade and its model), {@code internal.audit}, {@code internal.policy};
 *   <li>the key model {@code internal.key}; the store {@code internal.store};
 *   <li>public values: {@code io.mrk.audit}, {@code io.mrk.spi} and {@code io.mrk}'s value types
 *       ({@link EncryptionContext}, {@link EncryptionContextParameterSpec}, {@link MrkLoadStoreParameter});
 *   <li>the KMS model {@code io.mrk.kms} with {@link MrkKey}; the JSON codec {@code io.mrk.json}.
 * </ol>
 *
 * <p>Each layer may use only the layers below it, every class of the provider belongs to a layer,
 * and no two slices (packages, with {@code io.mrk} split as above) form a cycle.
 *
 * <p><b>Remaining exceptions, by name.</b> (1) The package {@code io.mrk} holds both the top layer
 * and bottom-layer types that the internals implement or read ({@link MrkKey}, {@link EncryptionContext},
 * {@link EncryptionContextParameterSpec}, {@link MrkLoadStoreParameter}): these are the public names
 * applications use, so they cannot move without breaking them. The rules therefore split {@code io.mrk}
 * by class, and at package granularity (e.g. {@code jdeps}) {@code io.mrk} and {@code io.mrk.internal.*}
 * still reference each other. (2) {@code io.mrk.kms} depends on one type outside it, {@link MrkKey}, which
 * {@code KmsClient.keyHandle} returns; {@code MrkKey} depends on nothing of ours.
 *
 * <p>{@link #theModuleExportsExactlyThePublicPackages} checks the same boundary in the module descriptor.
 * {@link #theRulesFailOnAViolation} proves each rule can fail, on a fixture that breaks them.
 */
class DependencyRulesTest {

  /** {@code io.mrk}'s types that sit in the bottom layers (exception 1). */
  private static final DescribedPredicate<JavaClass> IO_MRK_VALUES = belongToAnyOf(
      EncryptionContext.class, EncryptionContextParameterSpec.class, MrkLoadStoreParameter.class);

  /** The KMS model: {@code io.mrk.kms} and {@link MrkKey} (exception 2). */
  private static final DescribedPredicate<JavaClass> KMS_MODEL =
      resideInAPackage("io.mrk.kms..").or(belongToAnyOf(MrkKey.class)).as("io.mrk.kms and io.mrk.MrkKey");

  private static final DescribedPredicate<JavaClass> ENTRY_POINTS = resideInAPackage("io.mrk")
      .and(DescribedPredicate.not(IO_MRK_VALUES)).and(DescribedPredicate.not(belongToAnyOf(MrkKey.class)))
      .as("io.mrk entry points");

  static final ArchRule LAYERS = Architectures.layeredArchitecture()
      .consideringOnlyDependenciesInLayers()
      .layer("Entry points").definedBy(ENTRY_POINTS)
      .layer("JCA SPIs").definedBy("io.mrk.internal.provider..", "io.mrk.internal.keystore..", "io.mrk.internal.cipher..")
      .layer("Services").definedBy("io.mrk.internal.registry..", "io.mrk.internal.audit..", "io.mrk.internal.policy..")
      .layer("Key model").definedBy("io.mrk.internal.key..")
      .layer("Store").definedBy("io.mrk.internal.store..")
      .layer("Public values").definedBy(resideInAnyPackage("io.mrk.audit..", "io.mrk.spi..").or(IO_MRK_VALUES)
          .as("io.mrk.audit, io.mrk.spi and io.mrk's value types"))
      .layer("KMS model").definedBy(KMS_MODEL)
      .layer("JSON codec").definedBy("io.mrk.json..")
      .whereLayer("Entry points").mayNotBeAccessedByAnyLayer()
      .whereLayer("JCA SPIs").mayOnlyAccessLayers("Services", "Key model", "Store", "Public values", "KMS model",
          "JSON codec")
      .whereLayer("Services").mayOnlyAccessLayers("Key model", "Store", "Public values", "KMS model", "JSON codec")
      .whereLayer("Key model").mayOnlyAccessLayers("Public values", "KMS model")
      .whereLayer("Store").mayNotAccessAnyLayer()
      .whereLayer("Public values").mayOnlyAccessLayers("KMS model")
      .whereLayer("KMS model").mayNotAccessAnyLayer()
      .whereLayer("JSON codec").mayNotAccessAnyLayer()
      .ensureAllClassesAreContainedInArchitectureIgnoring(DescribedPredicate.not(resideInAPackage("io.mrk..")));

  /** Slices for the cycle rule: one per package, with {@code io.mrk} split by class as the layers split it. */
  private static final SliceAssignment SLICES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      if (!c.getPackageName().startsWith("io.mrk")) {
        return SliceIdentifier.ignore();
      }
      if (KMS_MODEL.test(c)) {
        return SliceIdentifier.of("io.mrk.kms + io.mrk.MrkKey");
      }
      if (c.getPackageName().equals("io.mrk")) {
        return SliceIdentifier.of(IO_MRK_VALUES.test(c) ? "io.mrk value types" : "io.mrk entry points");
      }
      return SliceIdentifier.of(c.getPackageName());
    }

    @Override
    public String getDescription() {
      return "the provider's packages (io.mrk split into entry points, value types and MrkKey)";
    }
  };

  static final ArchRule NO_CYCLES = slices().assignedFrom(SLICES).should().beFreeOfCycles();

  /** Exception 2, stated as a rule: the KMS model uses nothing of ours but {@link MrkKey}. */
  static final ArchRule KMS_DEPENDS_ON_NOTHING_ELSE = classes().that().resideInAPackage("io.mrk.kms..")
      .should().onlyDependOnClassesThat(resideInAnyPackage("io.mrk.kms..", "java..", "javax..")
          .or(belongToAnyOf(MrkKey.class)).as("io.mrk.kms, the JDK or io.mrk.MrkKey"));

  private static JavaClasses provider;

  @BeforeAll
  static void importTheProvider() {
    provider = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.mrk");
    // Guards against a vacuous pass: the import must see the provider's packages.
    for (Class<?> expected : new Class<?>[] {MrkProvider.class, RegistryBuilder.class, KeyRegistry.class}) {
      assertTrue(provider.contain(expected), "the import misses " + expected.getName());
    }
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    LAYERS.check(provider);
  }

  @Test
  void noTwoSlicesFormACycle() {
    NO_CYCLES.check(provider);
  }

  @Test
  void theKmsModelDependsOnNothingOfOursButMrkKey() {
    KMS_DEPENDS_ON_NOTHING_ELSE.check(provider);
  }

  /**
   * On the module path the boundary is the module descriptor: exactly the public packages are
   * exported, the seam to {@code io.mrk.aws} only, and nothing under {@code io.mrk.internal}.
   */
  @Test
  void theModuleExportsExactlyThePublicPackages() throws Exception {
    ModuleDescriptor descriptor = MrkProvider.class.getModule().isNamed()
        ? MrkProvider.class.getModule().getDescriptor()
        : readDescriptor();
    Map<String, Set<String>> exports = new TreeMap<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      exports.put(e.source(), e.targets());
    }
    assertEquals(Map.of("io.mrk", Set.of(), "io.mrk.kms", Set.of(), "io.mrk.audit", Set.of(), "io.mrk.json", Set.of(),
        "io.mrk.spi", Set.of("io.mrk.aws")), exports);
    assertTrue(descriptor.opens().isEmpty() && !descriptor.isOpen(), "the provider opens nothing to reflection");
  }

  private static ModuleDescriptor readDescriptor() throws Exception {
    Path classes = Path.of(MrkProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void theRulesFailOnAViolation() {
    // A class of io.mrk.kms (test scope only) that reaches the registry's implementation: the shape of
    // the KeyRegistry.builder() cycle this test was written to keep out.
    JavaClasses broken = new ClassFileImporter().importClasses(LayeringViolationFixture.class,
        RegistryBuilder.class, KeyRegistry.class, KeyRegistry.Builder.class);
    for (ArchRule rule : new ArchRule[] {LAYERS, NO_CYCLES, KMS_DEPENDS_ON_NOTHING_ELSE}) {
      EvaluationResult result = rule.evaluate(broken);
      assertTrue(result.hasViolation(), "this rule did not fail: " + rule.getDescription());
      assertTrue(result.getFailureReport().toString().contains(LayeringViolationFixture.class.getName()),
          result.getFailureReport().toString());
    }
  }
}
