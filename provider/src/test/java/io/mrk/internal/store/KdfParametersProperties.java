package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidAlgorithmParameterException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class KdfParametersProperties {

  @Property(tries = 300)
  void everyValidValueSurvivesItsTextForm(@ForAll @IntRange(min = 1, max = 16) int parallelism,
      @ForAll @IntRange(min = 1, max = 64) int iterations, @ForAll @IntRange(min = 0, max = 1 << 20) int memory)
      throws Exception {
    int memoryKiB = Math.max(memory, 8 * parallelism);
    KdfParameters kdf = KdfParameters.argon2id(memoryKiB, iterations, parallelism);
    assertEquals(kdf, KdfParameters.parse(kdf.toString()));
  }

  /** The documented limits: 1 <= p <= 16, 1 <= t <= 64, 8 p <= m <= 1 GiB in KiB (RFC 9106 section 3.1). */
  @Property(tries = 300)
  void parseAndTheConstructorEnforceTheDocumentedLimits(@ForAll @IntRange(min = 0, max = 20) int parallelism,
      @ForAll @IntRange(min = 0, max = 70) int iterations, @ForAll @IntRange(min = 0, max = (1 << 20) + 8) int memoryKiB) {
    String text = "argon2id:m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
    boolean valid = parallelism >= 1 && parallelism <= 16 && iterations >= 1 && iterations <= 64
        && memoryKiB >= 8 * parallelism && memoryKiB <= 1 << 20;
    if (valid) {
      assertEquals(text, KdfParameters.argon2id(memoryKiB, iterations, parallelism).toString());
    } else {
      assertThrows(InvalidAlgorithmParameterException.class, () -> KdfParameters.parse(text));
      assertThrows(IllegalArgumentException.class, () -> KdfParameters.argon2id(memoryKiB, iterations, parallelism));
    }
  }
}
