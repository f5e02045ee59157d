package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derived constraint table: it loads, it reads as the model says, and it is what the generator makes. */
class ModelConstraintsTest {

  private final ModelConstraints model = ModelConstraints.load();

  @Test
  void theFaultsAreTheModelsThree() {
    assertEquals(List.of("DependencyTimeoutException", "KMSInternalException", "KeyUnavailableException"),
        model.faults());
  }

  @Test
  void limitsRangesPatternsAndEnums() {
    assertDoesNotThrow(() -> model.validate("ListKeys", Map.of("Limit", new BigDecimal(1000))));
    ServiceError e = assertThrows(ServiceError.class,
        () -> model.validate("ListKeys", Map.of("Limit", BigDecimal.ZERO)));
    assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have"
        + " value greater than or equal to 1", e.getMessage());
    e = assertThrows(ServiceError.class, () -> model.validate("CreateKey", Map.of("KeySpec", "RSA_1")));
    assertTrue(e.getMessage().contains("Member must satisfy enum value set: ["), e.getMessage());
    e = assertThrows(ServiceError.class, () -> model.validate("ReplicateKey",
        Map.of("KeyId", "k", "ReplicaRegion", "Mars")));
    assertTrue(e.getMessage().contains("Member must satisfy regular expression pattern"), e.getMessage());
    e = assertThrows(ServiceError.class, () -> model.validate("Encrypt",
        Map.of("KeyId", "k", "Plaintext", java.util.Base64.getEncoder().encodeToString(new byte[4097]))));
    assertTrue(e.getMessage().endsWith("Value at 'plaintext' failed to satisfy constraint: Member must have length"
        + " less than or equal to 4096"), e.getMessage());
    e = assertThrows(ServiceError.class, () -> model.validate("CreateKey", Map.of("Tags",
        List.of(Map.of("TagKey", "")))));
    assertTrue(e.getMessage().startsWith("2 validation errors detected:"), e.getMessage());
    assertTrue(e.getMessage().contains("'tags.1.member.tagValue'"), e.getMessage());
  }

  @Test
  void plaintextIsNeverEchoed() {
    String secret = java.util.Base64.getEncoder().encodeToString("top secret plaintext".getBytes());
    ServiceError e = assertThrows(ServiceError.class, () -> model.validate("Encrypt", Map.of("Plaintext", secret)));
    assertTrue(!e.getMessage().contains(secret), e.getMessage());
  }

  @Test
  void theCommittedTableIsWhatTheGeneratorMakesFromTheInstalledModel() throws Exception {
    ExternalTool.assumeRuns("botocore is not installed for python3, the table cannot be regenerated", "python3",
        "-c", "import botocore");
    Path generator = Path.of(System.getProperty("user.dir"), "src", "build", "derive_constraints.py");
    ExternalTool.Result r = ExternalTool.run(Map.of(), null, "python3", generator.toString());
    assertEquals(0, r.exitCode(), r.err());
    String committed;
    try (InputStream in = ModelConstraints.class.getResourceAsStream(ModelConstraints.RESOURCE)) {
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(r.out().contains("\"botocore\": \"1.43.11\""),
        "SKIPPED: another botocore version is installed; the committed table is from 1.43.11");
    assertEquals(committed, r.out());
  }
}
