package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.caching.CachingCryptoMaterialsManager;
import com.amazonaws.encryptionsdk.caching.LocalCryptoMaterialsCache;
import com.amazonaws.encryptionsdk.kms.DiscoveryFilter;
import com.amazonaws.encryptionsdk.kmssdkv2.AwsKmsMrkAwareMasterKeyProvider;
import com.amazonaws.encryptionsdk.kmssdkv2.RegionalClientSupplier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS Encryption SDK for Java 3.0.1's multi-Region-aware providers against {@code mrk serve}:
 * what no other local emulator can serve.
 */
class EncryptionSdkTest {

  @TempDir
  Path dir;

  @Test
  void strictEncryptsDiscoveryAndStrictReplicaDecrypt() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      String primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      String replica = us.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();
      RegionalClientSupplier clients = region -> region.equals(Region.US_EAST_1) ? us : eu;
      AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
          .build();
      byte[] data = "an order, encrypted with the ESDK".getBytes(StandardCharsets.UTF_8);
      Map<String, String> context = Map.of("purpose", "esdk-test");

      AwsKmsMrkAwareMasterKeyProvider strictUs = AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(clients).buildStrict(primary);
      byte[] message = crypto.encryptData(strictUs, data, context).getResult();
      assertEquals(1, f.server.requestCount(US_EAST_1, "GenerateDataKey"));

      AwsKmsMrkAwareMasterKeyProvider discoveryEu = AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(clients).discoveryMrkRegion(Region.EU_WEST_1)
          .buildDiscovery(new DiscoveryFilter("aws", Arrays.asList("111122223333")));
      CryptoResult<byte[], ?> viaDiscovery = crypto.decryptData(discoveryEu, message);
      assertArrayEquals(data, viaDiscovery.getResult());
      assertEquals(context.get("purpose"), viaDiscovery.getEncryptionContext().get("purpose"));

      AwsKmsMrkAwareMasterKeyProvider strictEu = AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(clients).buildStrict(replica);
      assertArrayEquals(data, crypto.decryptData(strictEu, message).getResult());
      assertEquals(2, f.server.requestCount(EU_WEST_1, "Decrypt"));
      assertEquals(0, f.server.requestCount(US_EAST_1, "Decrypt"), "decryption stayed in eu-west-1");
    }
  }

  @Test
  void theCachingManagerCallsGenerateDataKeyOncePerCachedEntry() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir); KmsClient us = SdkClients.admin(f, US_EAST_1)) {
      String primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      AwsKmsMrkAwareMasterKeyProvider strict = AwsKmsMrkAwareMasterKeyProvider.builder()
          .customRegionalClientSupplier(region -> us).buildStrict(primary);
      CachingCryptoMaterialsManager cached = CachingCryptoMaterialsManager.newBuilder()
          .withMasterKeyProvider(strict).withCache(new LocalCryptoMaterialsCache(10))
          .withMaxAge(5, TimeUnit.MINUTES).withMessageUseLimit(3).build();
      AwsCrypto crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
          .build();
      for (int i = 0; i < 10; i++) {
        // encryptData knows the plaintext size, so the cache is used (unknown sizes bypass it).
        crypto.encryptData(cached, ("message " + i).getBytes(StandardCharsets.UTF_8), Map.of("n", "1"));
      }
      assertEquals(4, f.server.requestCount(US_EAST_1, "GenerateDataKey"), "ceil(10 / 3) data keys");
    }
  }
}
