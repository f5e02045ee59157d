package io.mrk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import org.junit.jupiter.api.Test;

class ArnTest {

  private static final String MRK_EAST = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  private static final String MRK_WEST = "arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

  @Test
  void parsesKeyArn() throws KmsException {
    Arn arn = Arn.parse(MRK_EAST);
    assertEquals("aws", arn.partition());
    assertEquals("us-east-1", arn.region());
    assertEquals("key", arn.resourceType());
    assertTrue(arn.isMultiRegionKey());
    assertEquals(MRK_EAST, arn.toString());
  }

  @Test
  void furtherSlashesBelongToTheId() throws KmsException {
    Arn arn = Arn.parse("arn:aws:kms:us-east-1:111122223333:alias/team/orders");
    assertEquals("team/orders", arn.resourceId());
    assertEquals("alias/team/orders", arn.aliasName());
  }

  @Test
  void rejectsEachBrokenPartWithItsName() {
    assertProblem("arn:aws:kms:us-east-1:111122223333", "6");
    assertProblem("urn:aws:kms:us-east-1:111122223333:key/x", "arn:");
    assertProblem("arn::kms:us-east-1:111122223333:key/x", "partition");
    assertProblem("arn:aws:s3:us-east-1:111122223333:key/x", "service");
    assertProblem("arn:aws:kms::111122223333:key/x", "Region");
    assertProblem("arn:aws:kms:us-east-1::key/x", "account");
    assertProblem("arn:aws:kms:us-east-1:111122223333:bucket/x", "resource type");
    assertProblem("arn:aws:kms:us-east-1:111122223333:key/", "resource id");
    assertProblem("arn:aws:kms:us-east-1:111122223333:key", "resource id");
  }

  private static void assertProblem(String text, String part) {
    KmsException e = assertThrows(KmsException.class, () -> Arn.parse(text));
    assertEquals(KmsError.INVALID_ARN, e.error());
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void relatedMultiRegionKeysMatchAcrossRegionsOnly() {
    assertTrue(MultiRegionKeyMatch.sameKeyForDecrypt(MRK_EAST, MRK_WEST));
    assertFalse(MultiRegionKeyMatch.sameKeyForDecrypt(MRK_EAST, MRK_WEST.replace("111122223333", "444455556666")));
    assertFalse(MultiRegionKeyMatch.sameKeyForDecrypt(MRK_EAST, MRK_WEST.replace("arn:aws:", "arn:aws-cn:")));
    String srkEast = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    assertTrue(MultiRegionKeyMatch.sameKeyForDecrypt(srkEast, srkEast));
    assertFalse(MultiRegionKeyMatch.sameKeyForDecrypt(srkEast, srkEast.replace("us-east-1", "us-west-2")));
    assertFalse(MultiRegionKeyMatch.sameKeyForDecrypt("mrk-1234abcd12ab34cd56ef1234567890ab", MRK_EAST));
  }

  @Test
  void aliasIsNeverMultiRegion() {
    assertFalse(MultiRegionKeyMatch.isMultiRegionIdentifier("alias/mrk-x"));
    assertFalse(MultiRegionKeyMatch.isMultiRegionIdentifier("arn:aws:kms:us-east-1:111122223333:alias/mrk-x"));
    assertTrue(MultiRegionKeyMatch.isMultiRegionIdentifier("mrk-x"));
    assertTrue(MultiRegionKeyMatch.isMultiRegionIdentifier(MRK_EAST));
  }
}
