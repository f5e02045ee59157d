package io.mrk.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStoreException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The registered KeyStore's routing without mrk-aws on the class path (the provider's own tests):
 * a descriptor is recognised by load and by the probe, and refused with the message the issue asks
 * for; anything else still goes to the sealed-keystore path.
 */
class DescriptorRoutingTest {

  private static final byte[] DESCRIPTOR = "# comment\nmrk.keystore=aws-kms\nregions=us-east-1,eu-west-1\n"
      .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void aKmsDescriptorWithoutTheModuleIsRefusedByName() {
    RoutingKeyStoreSpi spi = new RoutingKeyStoreSpi();
    IOException e = assertThrows(IOException.class, () -> spi.engineLoad(new ByteArrayInputStream(DESCRIPTOR), null));
    assertTrue(e.getMessage().startsWith("the mrk-aws module is not on the class path"), e.getMessage());
    assertTrue(e.getCause() instanceof KeyStoreException);
  }

  @Test
  void theProbeRecognisesDescriptorsAndNothingElseThatIsNotAKeystore() throws IOException {
    RoutingKeyStoreSpi spi = new RoutingKeyStoreSpi();
    assertTrue(spi.engineProbe(new ByteArrayInputStream(DESCRIPTOR)));
    assertFalse(spi.engineProbe(new ByteArrayInputStream("regions=us-east-1\n".getBytes(StandardCharsets.US_ASCII))));
    assertFalse(spi.engineProbe(new ByteArrayInputStream(new byte[] {(byte) 0xfe, (byte) 0xed, 0, 2})));
    byte[] huge = Arrays.copyOf(DESCRIPTOR, KeystoreDescriptor.MAX_BYTES + 1);
    Arrays.fill(huge, DESCRIPTOR.length, huge.length, (byte) '#');
    assertFalse(spi.engineProbe(new ByteArrayInputStream(huge)), "over the bound: not read as a descriptor");
  }

  @Test
  void somethingThatIsNeitherGoesToTheSealedKeystorePathAsBefore() {
    RoutingKeyStoreSpi spi = new RoutingKeyStoreSpi();
    IOException e = assertThrows(IOException.class, () -> spi.engineLoad(
        new ByteArrayInputStream("not a keystore".getBytes(StandardCharsets.US_ASCII)), "pw".toCharArray()));
    assertFalse(e.getMessage().contains("mrk-aws"), e.getMessage());
  }

  @Test
  void descriptorParsingIsBoundedAndNeedsTheTypeProperty() {
    assertTrue(KeystoreDescriptor.parse(DESCRIPTOR).isPresent());
    assertEquals("aws-kms", KeystoreDescriptor.parse(DESCRIPTOR).get().getProperty("mrk.keystore"));
    assertFalse(KeystoreDescriptor.parse("mrk.keystore=\n".getBytes(StandardCharsets.US_ASCII)).isPresent());
    assertFalse(KeystoreDescriptor.parse("a=\\uZZZZ\n".getBytes(StandardCharsets.US_ASCII)).isPresent());
  }
}
