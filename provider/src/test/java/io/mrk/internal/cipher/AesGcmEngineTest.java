package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inner AES-GCM engine: ACCP when it is on the class path (it is, for the provider's tests),
 * SunJCE when {@code mrk.cipher.engine=SunJCE} (the second surefire execution runs every cipher test
 * that way), never MRK.
 */
class AesGcmEngineTest {

  private final String before = System.getProperty(AesGcmEngine.PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(AesGcmEngine.PROPERTY);
    } else {
      System.setProperty(AesGcmEngine.PROPERTY, before);
    }
  }

  @Test
  void theEngineIsTheOneThisRunAsksFor() {
    String engine = new AesGcmCore().engine().getName();
    if ("SunJCE".equals(before)) {
      assertEquals("SunJCE", engine);
    } else {
      assertEquals(AesGcmEngine.ACCP_NAME, engine, "ACCP is a test dependency: " + AesGcmEngine.describe());
    }
    assertNotEquals("MRK", engine);
  }

  @Test
  void thePropertyForcesSunJceAndRejectsUnknownValues() {
    System.setProperty(AesGcmEngine.PROPERTY, "SunJCE");
    assertEquals("SunJCE", new AesGcmCore().engine().getName());
    System.setProperty(AesGcmEngine.PROPERTY, "fastest");
    assertThrows(ProviderException.class, AesGcmCore::new);
  }

  @Test
  void accpCanBeRequired() {
    System.setProperty(AesGcmEngine.PROPERTY, "ACCP");
    assumeTrue(AesGcmEngine.describe().startsWith(AesGcmEngine.ACCP_NAME),
        "SKIPPED: ACCP is not usable in this JVM: " + AesGcmEngine.describe());
    assertEquals(AesGcmEngine.ACCP_NAME, new AesGcmCore().engine().getName());
  }
}
