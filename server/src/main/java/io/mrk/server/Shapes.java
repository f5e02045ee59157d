package io.mrk.server;

import io.mrk.kms.AliasListEntry;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.MultiRegionConfiguration;
import io.mrk.kms.MultiRegionKey;
import io.mrk.kms.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KMS API's output shapes as JSON-ready maps, with timestamps as epoch seconds (AWS JSON 1.1). */
final class Shapes {

  private Shapes() {}

  /** Epoch seconds with millisecond precision, as KMS sends them. */
  static BigDecimal timestamp(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }

  static Map<String, Object> keyMetadata(KeyMetadata m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("AWSAccountId", m.awsAccountId());
    out.put("KeyId", m.keyId().value());
    out.put("Arn", m.arn());
    out.put("CreationDate", timestamp(m.creationDate()));
    out.put("Enabled", m.enabled());
    out.put("Description", m.description());
    out.put("KeyUsage", m.keyUsage());
    out.put("KeyState", m.keyState().kmsName());
    if (m.deletionDate() != null) {
      out.put("DeletionDate", timestamp(m.deletionDate()));
    }
    if (m.pendingDeletionWindowInDays() != null) {
      out.put("PendingDeletionWindowInDays", m.pendingDeletionWindowInDays());
    }
    out.put("Origin", m.origin());
    out.put("KeyManager", m.keyManager());
    out.put("CustomerMasterKeySpec", m.keySpec());
    out.put("KeySpec", m.keySpec());
    out.put("EncryptionAlgorithms", m.encryptionAlgorithms());
    out.put("MultiRegion", m.multiRegion());
    if (m.multiRegionConfiguration() != null) {
      out.put("MultiRegionConfiguration", multiRegionConfiguration(m.multiRegionConfiguration()));
    }
    if (m.currentKeyMaterialId() != null) {
      out.put("CurrentKeyMaterialId", m.currentKeyMaterialId());
    }
    return out;
  }

  private static Map<String, Object> multiRegionConfiguration(MultiRegionConfiguration c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("MultiRegionKeyType", c.multiRegionKeyType().name());
    out.put("PrimaryKey", regionalKey(c.primaryKey()));
    List<Object> replicas = new ArrayList<>();
    for (MultiRegionKey r : c.replicaKeys()) {
      replicas.add(regionalKey(r));
    }
    out.put("ReplicaKeys", replicas);
    return out;
  }

  private static Map<String, Object> regionalKey(MultiRegionKey k) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Arn", k.arn());
    out.put("Region", k.region().code());
    return out;
  }

  static Map<String, Object> alias(AliasListEntry a) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("AliasName", a.aliasName());
    row.put("AliasArn", a.aliasArn());
    if (a.targetKeyId() != null) {
      row.put("TargetKeyId", a.targetKeyId().value());
    }
    if (a.creationDate() != null) {
      row.put("CreationDate", timestamp(a.creationDate()));
    }
    if (a.lastUpdatedDate() != null) {
      row.put("LastUpdatedDate", timestamp(a.lastUpdatedDate()));
    }
    return row;
  }

  static Map<String, Object> tag(Tag t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("TagKey", t.tagKey());
    row.put("TagValue", t.tagValue());
    return row;
  }

  static List<Object> tags(List<Tag> tags) {
    List<Object> rows = new ArrayList<>();
    tags.forEach(t -> rows.add(tag(t)));
    return rows;
  }

  static Map<String, Object> rotation(KeyRotation r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("KeyId", r.keyId().value());
    row.put("KeyMaterialId", r.keyMaterialId());
    row.put("RotationDate", timestamp(r.rotationDate()));
    row.put("RotationType", r.rotationType());
    return row;
  }

  static Map<String, Object> grant(GrantListEntry g) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("KeyId", g.keyId().value());
    row.put("GrantId", g.grantId());
    if (g.name() != null) {
      row.put("Name", g.name());
    }
    row.put("CreationDate", timestamp(g.creationDate()));
    row.put("GranteePrincipal", g.granteePrincipal());
    if (g.retiringPrincipal() != null) {
      row.put("RetiringPrincipal", g.retiringPrincipal());
    }
    row.put("IssuingAccount", g.issuingAccount());
    row.put("Operations", g.operations());
    GrantConstraints c = g.constraints();
    Map<String, Object> constraints = new LinkedHashMap<>();
    if (!c.encryptionContextEquals().isEmpty()) {
      constraints.put("EncryptionContextEquals", c.encryptionContextEquals());
    }
    if (!c.encryptionContextSubset().isEmpty()) {
      constraints.put("EncryptionContextSubset", c.encryptionContextSubset());
    }
    if (!constraints.isEmpty()) {
      row.put("Constraints", constraints);
    }
    return row;
  }
}
