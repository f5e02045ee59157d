package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.kms.DiscoveryFilter;
import com.amazonaws.encryptionsdk.kmssdkv2.AwsKmsMrkAwareMasterKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MultiRegionKeyType;

/**
 * A disaster-recovery drill: data written in us-east-1; us-east-1 lost, only the eu-west-1 export
 * served, the data decrypts there; us-east-1 back, eu-west-1 promoted to primary, new data from
 * eu-west-1 decrypts in us-east-1.
 */
class DisasterRecoveryDrillTest {

  @TempDir
  Path dir;

  @Test
  void drill() throws Exception {
    Path full = dir.resolve("keystore.mrk");
    Path euOnly = dir.resolve("eu-west-1.mrk");
    byte[] data = "written before the outage".getBytes(StandardCharsets.UTF_8);
    Map<String, String> context = Map.of("app", "orders");
    AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
        .build();
    String primary;
    String replica;
    SdkBytes sdkBlob;
    byte[] esdkMessage;
    try (ServerFixture f = ServerFixture.serve(full, US_EAST_1, EU_WEST_1);
         KmsClient us = SdkClients.admin(f, US_EAST_1)) {
      primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      replica = us.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();
      sdkBlob = us.encrypt(r -> r.keyId(primary).plaintext(SdkBytes.fromByteArray(data)).encryptionContext(context))
          .ciphertextBlob();
      esdkMessage = crypto.encryptData(AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(region -> us).buildStrict(primary), data, context).getResult();
    }

    ServerFixture.keystores().exportRegion(full, ServerFixture.PASSWORD, EU_WEST_1, euOnly, ServerFixture.PASSWORD);
    try (ServerFixture f = ServerFixture.serve(euOnly, EU_WEST_1); KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      var decrypted = eu.decrypt(r -> r.ciphertextBlob(sdkBlob).encryptionContext(context));
      assertEquals(replica, decrypted.keyId());
      assertArrayEquals(data, decrypted.plaintext().asByteArray());
      AwsKmsMrkAwareMasterKeyProvider discovery = AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(region -> eu).discoveryMrkRegion(Region.EU_WEST_1)
          .buildDiscovery(new DiscoveryFilter("aws", Arrays.asList("111122223333")));
      assertArrayEquals(data, crypto.decryptData(discovery, esdkMessage).getResult());
      assertEquals(1, eu.listKeys().keys().size(), "the export holds eu-west-1's key only");
    }

    try (ServerFixture f = ServerFixture.serve(full, US_EAST_1, EU_WEST_1);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      us.updatePrimaryRegion(r -> r.keyId(primary).primaryRegion("eu-west-1"));
      assertEquals(MultiRegionKeyType.PRIMARY,
          eu.describeKey(r -> r.keyId(replica)).keyMetadata().multiRegionConfiguration().multiRegionKeyType());
      byte[] later = "written after the promotion".getBytes(StandardCharsets.UTF_8);
      SdkBytes blob = eu.encrypt(r -> r.keyId(replica).plaintext(SdkBytes.fromByteArray(later))).ciphertextBlob();
      var back = us.decrypt(r -> r.ciphertextBlob(blob));
      assertEquals(primary, back.keyId());
      assertArrayEquals(later, back.plaintext().asByteArray());
      assertArrayEquals(data, us.decrypt(r -> r.ciphertextBlob(sdkBlob).encryptionContext(context))
          .plaintext().asByteArray());
    }
  }
}
