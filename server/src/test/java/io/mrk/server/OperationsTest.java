package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.EncryptionContext;
import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/** The operations beyond the multi-Region scenario, each once through SDK v2. */
class OperationsTest {

  @TempDir
  Path dir;

  @Test
  void dataKeysReEncryptRandomAndTheJca() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      String primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      String replica = us.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();
      String euSingle = eu.createKey(r -> r.description("eu single")).keyMetadata().arn();
      Map<String, String> context = Map.of("k", "v");

      var withoutPlaintext = us.generateDataKeyWithoutPlaintext(r -> r.keyId(primary).numberOfBytes(16)
          .encryptionContext(context));
      assertEquals(primary, withoutPlaintext.keyId());
      byte[] dataKey = eu.decrypt(r -> r.ciphertextBlob(withoutPlaintext.ciphertextBlob()).encryptionContext(context))
          .plaintext().asByteArray();
      assertEquals(16, dataKey.length);

      var re = eu.reEncrypt(r -> r.ciphertextBlob(withoutPlaintext.ciphertextBlob()).sourceEncryptionContext(context)
          .destinationKeyId(euSingle).destinationEncryptionContext(Map.of("other", "ctx")));
      assertEquals(replica, re.sourceKeyId());
      assertEquals(euSingle, re.keyId());
      assertArrayEquals(dataKey, eu.decrypt(r -> r.ciphertextBlob(re.ciphertextBlob())
          .encryptionContext(Map.of("other", "ctx"))).plaintext().asByteArray());

      assertEquals(1024, us.generateRandom(r -> r.numberOfBytes(1024)).plaintext().asByteArray().length);
      assertThrows(DryRunOperationException.class,
          () -> us.encrypt(r -> r.keyId(primary).plaintext(SdkBytes.fromUtf8String("x")).dryRun(true)));

      // The blob is an MRK ciphertext: the provider's Cipher opens it with the same AAD.
      SdkBytes blob = us.encrypt(r -> r.keyId(primary).plaintext(SdkBytes.fromUtf8String("via the JCA"))
          .encryptionContext(context)).ciphertextBlob();
      MrkKey handle = f.backend.current().client(EU_WEST_1).keyHandle(replica, context);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
      cipher.init(Cipher.DECRYPT_MODE, handle);
      cipher.updateAAD(EncryptionContext.encode(context));
      assertEquals("via the JCA", new String(cipher.doFinal(blob.asByteArray()), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void lifecycleTagsPoliciesGrantsRotationAndAliases() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir); KmsClient us = SdkClients.admin(f, US_EAST_1)) {
      String key = us.createKey(r -> r.multiRegion(true).description("d1")
          .tags(Tag.builder().tagKey("team").tagValue("a").build())).keyMetadata().arn();
      SdkBytes one = SdkBytes.fromUtf8String("1");

      us.disableKey(r -> r.keyId(key));
      assertEquals(400, assertThrows(DisabledException.class, () -> us.encrypt(r -> r.keyId(key).plaintext(one)))
          .statusCode());
      us.enableKey(r -> r.keyId(key));
      us.encrypt(r -> r.keyId(key).plaintext(one));

      us.updateKeyDescription(r -> r.keyId(key).description("d2"));
      assertEquals("d2", us.describeKey(r -> r.keyId(key)).keyMetadata().description());

      for (int i = 0; i < 5; i++) {
        String k = "t" + i;
        us.tagResource(r -> r.keyId(key).tags(Tag.builder().tagKey(k).tagValue("v").build()));
      }
      us.untagResource(r -> r.keyId(key).tagKeys("t0"));
      ListResourceTagsResponse page = us.listResourceTags(r -> r.keyId(key).limit(3));
      assertTrue(page.truncated());
      ListResourceTagsResponse rest = us.listResourceTags(r -> r.keyId(key).limit(3).marker(page.nextMarker()));
      assertFalse(rest.truncated());
      assertEquals(5, page.tags().size() + rest.tags().size());

      String policy = us.getKeyPolicy(r -> r.keyId(key).policyName("default")).policy();
      assertTrue(policy.contains("kms:*"), policy);
      us.putKeyPolicy(r -> r.keyId(key).policyName("default").policy(PolicyOverTheWireTest.POLICY));
      assertTrue(us.getKeyPolicy(r -> r.keyId(key)).policy().contains("role/app"));
      assertEquals(List.of("default"), us.listKeyPolicies(r -> r.keyId(key)).policyNames());

      var grant = us.createGrant(r -> r.keyId(key).granteePrincipal(ServerFixture.APP_ROLE)
          .retiringPrincipal(ServerFixture.ROOT).operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT)
          .name("g1"));
      assertNotNull(grant.grantToken());
      assertEquals("g1", us.listGrants(r -> r.keyId(key)).grants().get(0).name());
      us.retireGrant(r -> r.grantToken(grant.grantToken()));
      assertEquals(0, us.listGrants(r -> r.keyId(key)).grants().size());
      var second = us.createGrant(r -> r.keyId(key).granteePrincipal(ServerFixture.APP_ROLE)
          .operations(GrantOperation.DECRYPT));
      us.revokeGrant(r -> r.keyId(key).grantId(second.grantId()));
      assertEquals(0, us.listGrants(r -> r.keyId(key)).grants().size());

      us.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(90));
      var status = us.getKeyRotationStatus(r -> r.keyId(key));
      assertTrue(status.keyRotationEnabled());
      assertEquals(90, status.rotationPeriodInDays());
      SdkBytes before = us.encrypt(r -> r.keyId(key).plaintext(one)).ciphertextBlob();
      us.rotateKeyOnDemand(r -> r.keyId(key));
      assertEquals(1, us.listKeyRotations(r -> r.keyId(key)).rotations().size());
      assertArrayEquals(one.asByteArray(), us.decrypt(r -> r.ciphertextBlob(before)).plaintext().asByteArray(),
          "old material still decrypts");
      us.disableKeyRotation(r -> r.keyId(key));

      us.createAlias(r -> r.aliasName("alias/a").targetKeyId(key));
      String other = us.createKey(r -> r.description("other")).keyMetadata().keyId();
      us.updateAlias(r -> r.aliasName("alias/a").targetKeyId(other));
      assertEquals(other, us.listAliases(r -> r.keyId(other)).aliases().get(0).targetKeyId());
      us.deleteAlias(r -> r.aliasName("alias/a"));
      assertThrows(NotFoundException.class, () -> us.describeKey(r -> r.keyId("alias/a")));

      var scheduled = us.scheduleKeyDeletion(r -> r.keyId(other).pendingWindowInDays(7));
      assertEquals(KeyState.PENDING_DELETION, scheduled.keyState());
      assertNotNull(scheduled.deletionDate());
      assertThrows(KmsInvalidStateException.class, () -> us.encrypt(r -> r.keyId(other).plaintext(one)));
      us.cancelKeyDeletion(r -> r.keyId(other));
      assertEquals(KeyState.DISABLED, us.describeKey(r -> r.keyId(other)).keyMetadata().keyState());
      assertNull(us.describeKey(r -> r.keyId(other)).keyMetadata().deletionDate());
    }
  }
}
