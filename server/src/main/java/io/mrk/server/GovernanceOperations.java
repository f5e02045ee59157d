package io.mrk.server;

import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KeyRotationStatus;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags, descriptions, key policies, grants and rotation: what the management API has beyond the lifecycle. */
final class GovernanceOperations {

  private static final String DEFAULT_POLICY = "default";

  private GovernanceOperations() {}

  static void register(Map<String, Operation> table) {
    table.put("TagResource", c -> {
      List<Tag> tags = KeyOperations.tags(c.input());
      return KeyOperations.none(c.write(k -> {
        k.tagResource(c.input().string("KeyId"), tags);
        return null;
      }));
    });
    table.put("UntagResource", c -> KeyOperations.none(c.write(k -> {
      k.untagResource(c.input().string("KeyId"), c.input().strings("TagKeys"));
      return null;
    })));
    table.put("ListResourceTags", c -> Pagination.page(c.reader().listResourceTags(c.input().required("KeyId")),
        Tag::tagKey, c.input(), "Tags", 50, 50, Shapes::tag));
    table.put("UpdateKeyDescription", c -> KeyOperations.none(c.write(k -> {
      k.updateKeyDescription(c.input().string("KeyId"), c.input().string("Description"));
      return null;
    })));
    table.put("PutKeyPolicy", c -> KeyOperations.none(c.write(k -> {
      k.putKeyPolicy(c.input().string("KeyId"), policyName(c.input()), c.input().string("Policy"));
      return null;
    })));
    table.put("GetKeyPolicy", c -> {
      String name = policyName(c.input());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("Policy", c.reader().getKeyPolicy(c.input().required("KeyId"), name));
      out.put("PolicyName", name);
      return out;
    });
    table.put("ListKeyPolicies", c -> {
      c.reader().getKeyPolicy(c.input().required("KeyId"), DEFAULT_POLICY);
      return Pagination.page(List.of(DEFAULT_POLICY), n -> n, c.input(), "PolicyNames", 100, 1000, n -> n);
    });
    table.put("CreateGrant", GovernanceOperations::createGrant);
    table.put("ListGrants", GovernanceOperations::listGrants);
    table.put("RevokeGrant", c -> KeyOperations.none(c.write(k -> {
      k.revokeGrant(c.input().string("KeyId"), c.input().string("GrantId"));
      return null;
    })));
    table.put("RetireGrant", c -> KeyOperations.none(c.write(k -> {
      k.retireGrant(c.input().string("GrantToken"), c.input().string("KeyId"), c.input().string("GrantId"));
      return null;
    })));
    table.put("EnableKeyRotation", c -> KeyOperations.none(c.write(k -> {
      k.enableKeyRotation(c.input().string("KeyId"), c.input().integer("RotationPeriodInDays"));
      return null;
    })));
    table.put("DisableKeyRotation", c -> KeyOperations.none(c.write(k -> {
      k.disableKeyRotation(c.input().string("KeyId"));
      return null;
    })));
    table.put("GetKeyRotationStatus", c -> rotationStatus(c.reader().getKeyRotationStatus(c.input().required("KeyId"))));
    table.put("RotateKeyOnDemand", c -> Map.of("KeyId", c.write(k -> k.rotateKeyOnDemand(c.input().string("KeyId")))));
    table.put("ListKeyRotations", c -> {
      List<KeyRotation> rotations = c.reader().listKeyRotations(c.input().required("KeyId"));
      return Pagination.page(rotations, r -> String.format("%010d", r.materialVersion()), c.input(),
          "Rotations", 100, 1000, Shapes::rotation);
    });
  }

  private static String policyName(Input in) {
    String name = in.string("PolicyName");
    return name == null ? DEFAULT_POLICY : name;
  }

  private static Map<String, Object> createGrant(Call c) throws ServiceError, KmsException, IOException {
    Input in = c.input();
    if (Boolean.TRUE.equals(in.bool("DryRun"))) {
      // Answered before any check: the registry has no way to evaluate CreateGrant without making it,
      // and a grant made and rolled back would leave a false audit event (a gap noted in DIFFERENCES.md).
      throw ServiceError.dryRun();
    }
    Input constraints = in.structure("Constraints");
    GrantConstraints gc = constraints == null ? GrantConstraints.NONE : new GrantConstraints(
        constraints.stringMap("EncryptionContextEquals"), constraints.stringMap("EncryptionContextSubset"));
    CreateGrantRequest request = new CreateGrantRequest(in.required("KeyId"), in.required("GranteePrincipal"),
        in.strings("Operations"), in.string("RetiringPrincipal"), gc, in.string("Name"));
    CreateGrantResult r = c.write(k -> k.createGrant(request));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("GrantToken", r.grantToken());
    out.put("GrantId", r.grantId());
    return out;
  }

  private static Map<String, Object> listGrants(Call c) throws ServiceError, KmsException, IOException {
    Input in = c.input();
    KmsClient client = c.reader();
    List<GrantListEntry> grants = new ArrayList<>();
    for (GrantListEntry g : client.listGrants(in.required("KeyId"))) {
      if ((in.string("GrantId") == null || in.string("GrantId").equals(g.grantId()))
          && (in.string("GranteePrincipal") == null || in.string("GranteePrincipal").equals(g.granteePrincipal()))) {
        grants.add(g);
      }
    }
    grants.sort((a, b) -> a.grantId().compareTo(b.grantId()));
    return Pagination.page(grants, GrantListEntry::grantId, in, "Grants", 50, 100, Shapes::grant);
  }

  private static Map<String, Object> rotationStatus(KeyRotationStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyRotationEnabled", s.keyRotationEnabled());
    out.put("KeyId", s.keyArn());
    if (s.rotationPeriodInDays() != null) {
      out.put("RotationPeriodInDays", s.rotationPeriodInDays());
    }
    if (s.nextRotationDate() != null) {
      out.put("NextRotationDate", Shapes.timestamp(s.nextRotationDate()));
    }
    return out;
  }
}
