package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MultiRegionKeyType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** The AWS SDK for Java v2 against {@code mrk serve}: multi-Region keys end to end, typed refusals. */
class SdkV2Test {

  @TempDir
  Path dir;

  @Test
  void multiRegionKeysEndToEnd() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      KeyMetadata primary = us.createKey(r -> r.multiRegion(true).description("orders")).keyMetadata();
      assertTrue(primary.keyId().startsWith("mrk-"));
      String replicaArn = primary.arn().replace(":us-east-1:", ":eu-west-1:");
      KeyMetadata replica = us.replicateKey(r -> r.keyId(primary.arn()).replicaRegion("eu-west-1"))
          .replicaKeyMetadata();
      assertEquals(replicaArn, replica.arn());

      KeyMetadata eud = eu.describeKey(r -> r.keyId(replicaArn)).keyMetadata();
      assertEquals(MultiRegionKeyType.REPLICA, eud.multiRegionConfiguration().multiRegionKeyType());
      assertEquals(primary.arn(), eud.multiRegionConfiguration().primaryKey().arn());
      KeyMetadata usd = us.describeKey(r -> r.keyId(primary.keyId())).keyMetadata();
      assertEquals(MultiRegionKeyType.PRIMARY, usd.multiRegionConfiguration().multiRegionKeyType());
      assertEquals(replicaArn, usd.multiRegionConfiguration().replicaKeys().get(0).arn());
      assertEquals("orders", usd.description());
      assertEquals("", eud.description());

      us.createAlias(r -> r.aliasName("alias/orders").targetKeyId(primary.keyId()));
      eu.createAlias(r -> r.aliasName("alias/orders").targetKeyId(replicaArn));
      eu.createAlias(r -> r.aliasName("alias/eu-only").targetKeyId(replica.keyId()));
      assertEquals(List.of("alias/orders"), names(us.listAliases().aliases()));
      assertEquals(List.of("alias/eu-only", "alias/orders"), names(eu.listAliases().aliases()));

      byte[] secret = "card 4111".getBytes(StandardCharsets.UTF_8);
      Map<String, String> context = Map.of("tenant", "a", "purpose", "test");
      SdkBytes blob = us.encrypt(r -> r.keyId("alias/orders").plaintext(SdkBytes.fromByteArray(secret))
          .encryptionContext(context)).ciphertextBlob();
      DecryptResponse withoutKey = eu.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context));
      assertEquals(replicaArn, withoutKey.keyId());
      assertArrayEquals(secret, withoutKey.plaintext().asByteArray());
      DecryptResponse withKey = eu.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context).keyId(replicaArn));
      assertArrayEquals(secret, withKey.plaintext().asByteArray());

      var dataKey = us.generateDataKey(r -> r.keyId(primary.arn()).keySpec("AES_256"));
      assertEquals(32, dataKey.plaintext().asByteArray().length);
      assertArrayEquals(dataKey.plaintext().asByteArray(),
          eu.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob())).plaintext().asByteArray());

      String single = us.createKey(r -> r.description("single")).keyMetadata().arn();
      String euOnly = eu.createKey(r -> r.description("eu")).keyMetadata().arn();
      assertRefusedOnce(f, US_EAST_1, "ReplicateKey", AlreadyExistsException.class,
          () -> us.replicateKey(r -> r.keyId(primary.arn()).replicaRegion("eu-west-1")));
      assertRefusedOnce(f, US_EAST_1, "ReplicateKey", UnsupportedOperationException.class,
          () -> us.replicateKey(r -> r.keyId(single).replicaRegion("eu-west-1")));
      assertRefusedOnce(f, EU_WEST_1, "ReplicateKey", UnsupportedOperationException.class,
          () -> eu.replicateKey(r -> r.keyId(replicaArn).replicaRegion("ap-south-1")));
      assertRefusedOnce(f, EU_WEST_1, "Decrypt", IncorrectKeyException.class,
          () -> eu.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context).keyId(euOnly)));
      assertRefusedOnce(f, EU_WEST_1, "Decrypt", InvalidCiphertextException.class,
          () -> eu.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("tenant", "b"))));
      assertRefusedOnce(f, EU_WEST_1, "DescribeKey", NotFoundException.class,
          () -> eu.describeKey(r -> r.keyId(single)));

      us.updatePrimaryRegion(r -> r.keyId(primary.arn()).primaryRegion("eu-west-1"));
      assertEquals(MultiRegionKeyType.PRIMARY, eu.describeKey(r -> r.keyId(replicaArn)).keyMetadata()
          .multiRegionConfiguration().multiRegionKeyType());
      assertEquals(MultiRegionKeyType.REPLICA, us.describeKey(r -> r.keyId(primary.arn())).keyMetadata()
          .multiRegionConfiguration().multiRegionKeyType());
      SdkBytes after = eu.encrypt(r -> r.keyId(replicaArn).plaintext(SdkBytes.fromByteArray(secret))).ciphertextBlob();
      assertEquals(primary.arn(), us.decrypt(r -> r.ciphertextBlob(after)).keyId());
    }
  }

  @Test
  void paginationOverMoreKeysThanAPage() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir)) {
      f.backend.update(registry -> {
        for (int i = 0; i < 250; i++) {
          registry.client(US_EAST_1).createKey(CreateKeyRequest.singleRegionKey("bulk " + i));
        }
        return null;
      });
      try (KmsClient us = SdkClients.admin(f, US_EAST_1)) {
        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (ListKeysResponse page : us.listKeysPaginator(r -> r.limit(100))) {
          pages++;
          for (KeyListEntry k : page.keys()) {
            assertTrue(seen.add(k.keyId()), "listed twice: " + k.keyId());
          }
        }
        assertEquals(250, seen.size());
        assertEquals(3, pages);
        KmsException tooMany = assertThrows(KmsException.class, () -> us.listKeys(r -> r.limit(5000)));
        assertEquals("ValidationException", tooMany.awsErrorDetails().errorCode());
        assertEquals(400, tooMany.statusCode());
        assertThrows(InvalidMarkerException.class, () -> us.listKeys(r -> r.marker("not-a-marker!")));
      }
    }
  }

  @Test
  void theGeneratedConfigFileAloneReachesEachRegion() throws Exception {
    try (ServerFixture f = ServerFixture.serve(dir)) {
      Path config = dir.resolve("aws-config");
      f.server.writeAwsConfig(config);
      for (Region region : List.of(US_EAST_1, EU_WEST_1)) {
        ProfileFile profiles = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
        try (KmsClient c = KmsClient.builder()
            .overrideConfiguration(o -> o.defaultProfileFile(profiles).defaultProfileName("mrk-" + region.code()))
            .credentialsProvider(SdkClients.credentials(ServerFixture.ADMIN_KEY, ServerFixture.ADMIN_SECRET))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
          String arn = c.createKey(r -> r.description("via config")).keyMetadata().arn();
          assertTrue(arn.startsWith("arn:aws:kms:" + region.code() + ":"), arn);
          assertEquals(1, f.server.requestCount(region, "CreateKey"));
        }
      }
      assertTrue(Files.readString(config).contains("[services mrk-eu-west-1]"));
    }
  }

  /** The refusal is the typed exception with status 400, and the server saw exactly one attempt. */
  static <T extends Throwable> void assertRefusedOnce(ServerFixture f, Region region, String operation,
                                                    Class<T> type, org.junit.jupiter.api.function.Executable call) {
    long before = f.server.requestCount(region, operation);
    T e = assertThrows(type, call);
    if (e instanceof KmsException k) {
      assertEquals(400, k.statusCode(), k.getMessage());
    }
    assertEquals(before + 1, f.server.requestCount(region, operation), operation + " was retried");
  }

  private static List<String> names(List<AliasListEntry> aliases) {
    return aliases.stream().map(AliasListEntry::aliasName).sorted().toList();
  }
}
