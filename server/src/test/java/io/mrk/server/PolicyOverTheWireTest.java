package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.GrantOperation;

/**
 * Key policies and grants apply per Region to the principal the access key maps to: the same
 * multi-Region key is usable by role/app in us-east-1 (its policy) and refused in eu-west-1 (the
 * replica's default policy) until a grant there allows it.
 */
class PolicyOverTheWireTest {

  static final String POLICY = """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}""";

  @TempDir
  Path dir;

  @Test
  void aPrincipalAllowedInOneRegionIsRefusedInAnother() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir);
         KmsClient adminUs = SdkClients.admin(f, US_EAST_1);
         KmsClient adminEu = SdkClients.admin(f, EU_WEST_1);
         KmsClient appUs = SdkClients.client(f, US_EAST_1, ServerFixture.APP_KEY, ServerFixture.APP_SECRET);
         KmsClient appEu = SdkClients.client(f, EU_WEST_1, ServerFixture.APP_KEY, ServerFixture.APP_SECRET);
         KmsClient otherUs = SdkClients.client(f, US_EAST_1, ServerFixture.OTHER_KEY, ServerFixture.OTHER_SECRET)) {
      String primary = adminUs.createKey(r -> r.multiRegion(true).policy(POLICY)).keyMetadata().arn();
      String replica = adminUs.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1"))
          .replicaKeyMetadata().arn();
      byte[] data = {1, 2, 3, 4};

      SdkBytes blob = appUs.encrypt(r -> r.keyId(primary).plaintext(SdkBytes.fromByteArray(data))).ciphertextBlob();
      assertArrayEquals(data, appUs.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());

      // AccessDeniedException is outside the KMS model, so the SDK raises its base type with the code.
      KmsException inEu = assertThrows(KmsException.class,
          () -> appEu.decrypt(r -> r.ciphertextBlob(blob).keyId(replica)));
      assertEquals("AccessDeniedException", inEu.awsErrorDetails().errorCode());
      assertEquals(400, inEu.statusCode());
      assertTrue(inEu.getMessage().contains("role/app"), inEu.getMessage());
      assertEquals("AccessDeniedException", assertThrows(KmsException.class,
          () -> otherUs.encrypt(r -> r.keyId(primary).plaintext(SdkBytes.fromByteArray(data))))
          .awsErrorDetails().errorCode());

      String token = adminEu.createGrant(r -> r.keyId(replica).granteePrincipal(ServerFixture.APP_ROLE)
          .operations(GrantOperation.DECRYPT)).grantToken();
      assertArrayEquals(data, appEu.decrypt(r -> r.ciphertextBlob(blob).keyId(replica).grantTokens(token))
          .plaintext().asByteArray());
      assertEquals(1, adminEu.listGrants(r -> r.keyId(replica)).grants().size());
      assertEquals(0, adminUs.listGrants(r -> r.keyId(primary)).grants().size(), "grants stay in their Region");
    }
  }
}
