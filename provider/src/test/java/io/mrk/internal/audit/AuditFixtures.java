package io.mrk.internal.audit;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys, Regions and events shared by the audit tests. */
final class AuditFixtures {

  static final Region EU = new Region("eu-west-1");
  static final Region US = new Region("us-east-1");
  static final Region AP = new Region("ap-southeast-2");
  static final KeyId MRK = new KeyId("mrk-0123456789abcdef0123456789abcdef");
  static final KeyId OTHER_KEY = new KeyId("1234abcd-12ab-34cd-56ef-1234567890ab");
  static final String ROOT = "arn:aws:iam::111122223333:root";
  static final AuditIdentity WHO = AuditIdentity.ofPrincipal(ROOT, "111122223333");

  private AuditFixtures() {
  }

  static ChainKeys keys() {
    return keys((byte) 0x42);
  }

  static ChainKeys keys(byte fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, fill);
    return ChainKeys.fromSecret(bytes);
  }

  static Arn arn(Region region, KeyId key) {
    return Arn.forKey(region, AccountId.DEFAULT, key);
  }

  static AuditEvent encrypt(Region region, KeyId key, String tenant) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("keyId", arn(region, key).toString());
    request.put("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
    request.put("encryptionContext", Map.of("tenant", tenant));
    return AuditEvent.succeeded("Encrypt", region, WHO, true, request, null, List.of(arn(region, key)));
  }

  static AuditEvent createKey(Region region, KeyId key) {
    return AuditEvent.succeeded("CreateKey", region, WHO, false, Map.of("multiRegion", true, "keyUsage", "ENCRYPT_DECRYPT"),
        Map.of("keyMetadata", Map.of("keyId", key.value(), "arn", arn(region, key).toString())), List.of(arn(region, key)));
  }

  static AuditEvent deniedDecrypt(Region region, KeyId key) {
    KmsException denied = new KmsException(KmsError.ACCESS_DENIED, "User: " + ROOT + " is not authorized");
    return AuditEvent.failed("Decrypt", region, WHO, true, Map.of("keyId", key.value()), List.of(arn(region, key)), denied);
  }

  static AuditEvent synchronize(Region region, KeyId key) {
    return AuditEvent.serviceEvent("SynchronizeMultiRegionKey", region, null, List.of(arn(region, key)));
  }
}
