package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionTest {

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "me-central-1",
      "ap-northeast-10"})
  void acceptsRegionCodes(String code) throws KmsException {
    assertEquals(code, Region.of(code).code());
    assertTrue(Region.isValid(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "US-EAST-1", "us-east", "us-east-0", "us-middle-1", "useast1", "u-east-1",
      "us-east-1 ", "us-east-1\n", "us-gov-east", "us-east-100"})
  void refusesOtherText(String code) {
    KmsException e = assertThrows(KmsException.class, () -> Region.of(code));
    assertEquals(KmsError.VALIDATION, e.error());
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(IllegalArgumentException.class, () -> new Region(code));
  }

  @Test
  void refusesNull() {
    assertThrows(KmsException.class, () -> Region.of(null));
    assertFalse(Region.isValid(null));
  }

  @Test
  void knowsItsPartition() {
    assertEquals(Partition.AWS, new Region("eu-west-1").partition());
    assertEquals(Partition.AWS_CN, new Region("cn-northwest-1").partition());
    assertEquals(Partition.AWS_US_GOV, new Region("us-gov-west-1").partition());
  }
}
