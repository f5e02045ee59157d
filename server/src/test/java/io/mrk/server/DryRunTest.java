package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * DryRun as AWS answers it: HTTP 412 {@code DryRunOperationException} for a request that would have
 * succeeded, and the refusal the request itself would get otherwise (missing key, disabled key, a
 * principal the key policy does not allow), checked for both keys of a ReEncrypt. Nothing is
 * encrypted or decrypted.
 */
class DryRunTest {

  @TempDir
  Path dir;

  @Test
  void aDryRunIsCheckedLikeTheRequestThenAnswered412() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir);
         KmsClient admin = SdkClients.admin(f, US_EAST_1);
         KmsClient adminEu = SdkClients.admin(f, EU_WEST_1);
         KmsClient app = SdkClients.client(f, US_EAST_1, ServerFixture.APP_KEY, ServerFixture.APP_SECRET)) {
      String key = admin.createKey(r -> r.multiRegion(true).policy(PolicyOverTheWireTest.POLICY)).keyMetadata().arn();
      String other = admin.createKey(r -> r.description("not for role/app")).keyMetadata().arn();
      SdkBytes one = SdkBytes.fromUtf8String("x");
      SdkBytes blob = admin.encrypt(r -> r.keyId(key).plaintext(one)).ciphertextBlob();

      for (Executable wouldSucceed : new Executable[] {
          () -> app.encrypt(r -> r.keyId(key).plaintext(one).dryRun(true)),
          () -> app.decrypt(r -> r.ciphertextBlob(blob).dryRun(true)),
          () -> admin.generateDataKey(r -> r.keyId(key).numberOfBytes(32).dryRun(true)),
          () -> admin.generateDataKeyWithoutPlaintext(r -> r.keyId(key).numberOfBytes(32).dryRun(true)),
          () -> admin.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(other).dryRun(true)),
          () -> admin.createGrant(r -> r.keyId(key).granteePrincipal(ServerFixture.APP_ROLE)
              .operations(software.amazon.awssdk.services.kms.model.GrantOperation.DECRYPT).dryRun(true))}) {
        assertEquals(412, assertThrows(DryRunOperationException.class, wouldSucceed).statusCode());
      }
      assertEquals(0, admin.listGrants(r -> r.keyId(key)).grants().size(), "the dry-run grant was not made");

      String missing = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000";
      assertThrows(NotFoundException.class, () -> admin.encrypt(r -> r.keyId(missing).plaintext(one).dryRun(true)));
      assertEquals("AccessDeniedException", assertThrows(KmsException.class,
          () -> app.encrypt(r -> r.keyId(other).plaintext(one).dryRun(true))).awsErrorDetails().errorCode());
      assertEquals("AccessDeniedException", assertThrows(KmsException.class,
          () -> app.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(other).dryRun(true)))
          .awsErrorDetails().errorCode(), "ReEncrypt checks its destination key before the dry-run answer");
      admin.disableKey(r -> r.keyId(key));
      assertThrows(DisabledException.class, () -> admin.decrypt(r -> r.ciphertextBlob(blob).dryRun(true)));
      assertThrows(DisabledException.class,
          () -> admin.generateDataKey(r -> r.keyId(key).numberOfBytes(16).dryRun(true)));
      admin.enableKey(r -> r.keyId(key));
      // Another Region's key of the same id is still found, and its default policy applies.
      String replica = admin.replicateKey(r -> r.keyId(key).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();
      assertEquals(412, assertThrows(DryRunOperationException.class,
          () -> adminEu.decrypt(r -> r.ciphertextBlob(blob).keyId(replica).dryRun(true))).statusCode());
    }
  }
}
