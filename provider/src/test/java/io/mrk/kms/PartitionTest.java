package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionTest {

  @Test
  void parsesIds() throws KmsException {
    for (Partition p : Partition.values()) {
      assertEquals(p, Partition.fromId(p.id()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "AWS", "aws-eu", "aws-iso"})
  void refusesOtherIds(String id) {
    assertEquals(KmsError.VALIDATION, assertThrows(KmsException.class, () -> Partition.fromId(id)).error());
  }

  @Test
  void refusesNull() {
    assertThrows(KmsException.class, () -> Partition.fromId(null));
  }
}
