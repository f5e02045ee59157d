package io.mrk.cli;

import io.mrk.kms.AliasListEntry;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KeyRotationStatus;
import io.mrk.kms.KeyState;
import io.mrk.kms.MultiRegionConfiguration;
import io.mrk.kms.MultiRegionKey;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KMS API's response shapes, field for field, as JSON-ready maps in the order the aws CLI prints them. */
final class KmsShapes {

  private KmsShapes() {}

  static Map<String, Object> keyMetadata(KeyMetadata m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("AWSAccountId", m.awsAccountId());
    out.put("KeyId", m.keyId().value());
    out.put("Arn", m.arn());
    out.put("CreationDate", m.creationDate());
    out.put("Enabled", m.enabled());
    out.put("Description", m.description());
    out.put("KeyUsage", m.keyUsage());
    out.put("KeyState", m.keyState().kmsName());
    if (m.deletionDate() != null) {
      out.put("DeletionDate", m.deletionDate());
    }
    if (m.pendingDeletionWindowInDays() != null && m.keyState() == KeyState.PENDING_REPLICA_DELETION) {
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

  static Map<String, Object> describeKey(KeyMetadata m) {
    return Map.of("KeyMetadata", keyMetadata(m));
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

  static Map<String, Object> keys(List<KeyListEntry> keys) {
    List<Object> rows = new ArrayList<>();
    for (KeyListEntry k : keys) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("KeyId", k.keyId().value());
      row.put("KeyArn", k.keyArn());
      rows.add(row);
    }
    return Map.of("Keys", rows);
  }

  static Map<String, Object> aliases(List<AliasListEntry> aliases) {
    List<Object> rows = new ArrayList<>();
    for (AliasListEntry a : aliases) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("AliasName", a.aliasName());
      row.put("AliasArn", a.aliasArn());
      if (a.targetKeyId() != null) {
        row.put("TargetKeyId", a.targetKeyId().value());
      }
      row.put("CreationDate", a.creationDate());
      row.put("LastUpdatedDate", a.lastUpdatedDate());
      rows.add(row);
    }
    return Map.of("Aliases", rows);
  }

  static Map<String, Object> tags(List<Tag> tags) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Tags", tagList(tags));
    return out;
  }

  static List<Object> tagList(List<Tag> tags) {
    List<Object> rows = new ArrayList<>();
    for (Tag t : tags) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("TagKey", t.tagKey());
      row.put("TagValue", t.tagValue());
      rows.add(row);
    }
    return rows;
  }

  static Map<String, Object> rotationStatus(KeyRotationStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyRotationEnabled", s.keyRotationEnabled());
    out.put("KeyId", s.keyArn());
    if (s.rotationPeriodInDays() != null) {
      out.put("RotationPeriodInDays", s.rotationPeriodInDays());
    }
    if (s.nextRotationDate() != null) {
      out.put("NextRotationDate", s.nextRotationDate());
    }
    return out;
  }

  /**
   * ListKeyRotations: one row per rotation; the newest material is CURRENT, older ones NON_CURRENT.
   * {@code firstMaterialId} (for ALL_KEY_MATERIAL) adds the original material, without a rotation date or type.
   */
  static Map<String, Object> rotations(String keyId, String firstMaterialId, List<KeyRotation> rotations) {
    List<Object> rows = new ArrayList<>();
    if (firstMaterialId != null) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("KeyId", keyId);
      row.put("KeyMaterialId", firstMaterialId);
      row.put("KeyMaterialState", rotations.isEmpty() ? "CURRENT" : "NON_CURRENT");
      rows.add(row);
    }
    int newest = rotations.stream().mapToInt(KeyRotation::materialVersion).max().orElse(-1);
    for (KeyRotation r : rotations) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("KeyId", r.keyId().value());
      row.put("KeyMaterialId", r.keyMaterialId());
      row.put("KeyMaterialState", r.materialVersion() == newest ? "CURRENT" : "NON_CURRENT");
      row.put("RotationDate", r.rotationDate());
      row.put("RotationType", r.rotationType());
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Rotations", rows);
    return out;
  }

  static Map<String, Object> grants(List<GrantListEntry> grants) {
    List<Object> rows = new ArrayList<>();
    for (GrantListEntry g : grants) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("KeyId", g.keyId().value());
      row.put("GrantId", g.grantId());
      if (g.name() != null) {
        row.put("Name", g.name());
      }
      row.put("CreationDate", g.creationDate());
      row.put("GranteePrincipal", g.granteePrincipal());
      if (g.retiringPrincipal() != null) {
        row.put("RetiringPrincipal", g.retiringPrincipal());
      }
      row.put("IssuingAccount", g.issuingAccount());
      row.put("Operations", g.operations());
      Map<String, Object> constraints = constraints(g.constraints());
      if (!constraints.isEmpty()) {
        row.put("Constraints", constraints);
      }
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Grants", rows);
    return out;
  }

  private static Map<String, Object> constraints(GrantConstraints c) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!c.encryptionContextEquals().isEmpty()) {
      out.put("EncryptionContextEquals", c.encryptionContextEquals());
    }
    if (!c.encryptionContextSubset().isEmpty()) {
      out.put("EncryptionContextSubset", c.encryptionContextSubset());
    }
    return out;
  }
}
