package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.InvalidAlgorithmParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KdfParametersTest {

  /** OWASP Password Storage Cheat Sheet, Argon2id: m = 19 MiB with t = 2, or m = 46 MiB with t = 1 (p = 1). */
  @Test
  void defaultMeetsTheOwaspArgon2idFloor() {
    KdfParameters d = KdfParameters.DEFAULT;
    assertEquals(KdfAlgorithm.ARGON2ID, d.algorithm());
    boolean nineteenMibTwoPasses = d.memoryKiB() >= 19 * 1024 && d.iterations() >= 2;
    boolean fortySixMibOnePass = d.memoryKiB() >= 46 * 1024 && d.iterations() >= 1;
    assertTrue(nineteenMibTwoPasses || fortySixMibOnePass, d.toString());
    assertTrue(d.parallelism() >= 1);
  }

  @Test
  void defaultHasTheDocumentedCompactForm() {
    assertEquals("argon2id:m=65536,t=2,p=1", KdfParameters.DEFAULT.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"argon2id:m=65536,t=2,p=1", "argon2id:m=64,t=1,p=1", "argon2id:m=8,t=1,p=1",
      "argon2id:m=1048576,t=64,p=16", "argon2id:m=128,t=3,p=16"})
  void parsesAndFormatsBack(String text) throws Exception {
    KdfParameters parsed = KdfParameters.parse(text);
    assertEquals(text, parsed.toString());
    assertEquals(parsed, KdfParameters.parse(parsed.toString()));
  }

  @Test
  void parseReadsEachField() throws Exception {
    KdfParameters p = KdfParameters.parse("argon2id:m=4096,t=3,p=2");
    assertEquals(KdfParameters.argon2id(4096, 3, 2), p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "argon2id", "argon2id:", "argon2id:m=64,t=1", "argon2id:t=1,m=64,p=1",
      "argon2id:m=64, t=1,p=1", "ARGON2ID:m=64,t=1,p=1", "argon2i:m=64,t=1,p=1", "scrypt:m=64,t=1,p=1",
      "argon2id:m=-1,t=1,p=1", "argon2id:m=0x40,t=1,p=1", "argon2id:m=64,t=1,p=1,",
      "argon2id:m=99999999999,t=1,p=1", "argon2id:m=4294967360,t=1,p=1",
      "argon2id:m=1048577,t=1,p=1", "argon2id:m=64,t=0,p=1", "argon2id:m=64,t=65,p=1",
      "argon2id:m=64,t=1,p=0", "argon2id:m=64,t=1,p=17", "argon2id:m=15,t=1,p=2"})
  void parseRejectsWithACheckedException(String text) {
    InvalidAlgorithmParameterException e =
        assertThrows(InvalidAlgorithmParameterException.class, () -> KdfParameters.parse(text));
    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
  }

  @Test
  void parseRejectsNull() {
    assertThrows(InvalidAlgorithmParameterException.class, () -> KdfParameters.parse(null));
  }

  @Test
  void outOfRangeMessagesNameTheField() {
    assertMessageContains("argon2id:m=64,t=99,p=1", "iterations");
    assertMessageContains("argon2id:m=64,t=1,p=99", "parallelism");
    assertMessageContains("argon2id:m=2000000,t=1,p=1", "memory");
    assertMessageContains("argon2i:m=64,t=1,p=1", "unknown KDF");
  }

  @Test
  void constructorEnforcesTheSameLimits() {
    assertThrows(IllegalArgumentException.class, () -> KdfParameters.argon2id(KdfParameters.MAX_MEMORY_KIB + 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> KdfParameters.argon2id(64, KdfParameters.MAX_ITERATIONS + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> KdfParameters.argon2id(1024, 1, KdfParameters.MAX_PARALLELISM + 1));
    assertThrows(IllegalArgumentException.class, () -> KdfParameters.argon2id(31, 1, 4));
    assertThrows(NullPointerException.class, () -> new KdfParameters(null, 64, 1, 1));
  }

  private static void assertMessageContains(String text, String fragment) {
    InvalidAlgorithmParameterException e =
        assertThrows(InvalidAlgorithmParameterException.class, () -> KdfParameters.parse(text));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
