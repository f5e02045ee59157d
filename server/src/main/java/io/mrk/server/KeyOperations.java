package io.mrk.server;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import io.mrk.kms.ScheduleKeyDeletionResult;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key lifecycle: CreateKey, DescribeKey, ListKeys, Enable/DisableKey, deletion, ReplicateKey, UpdatePrimaryRegion. */
final class KeyOperations {

  private KeyOperations() {}

  static void register(Map<String, Operation> table) {
    table.put("CreateKey", KeyOperations::createKey);
    table.put("DescribeKey", c -> Map.of("KeyMetadata", Shapes.keyMetadata(
        c.reader().describeKey(c.input().required("KeyId")))));
    table.put("ListKeys", KeyOperations::listKeys);
    table.put("EnableKey", c -> none(c.write(k -> {
      k.enableKey(c.input().string("KeyId"));
      return null;
    })));
    table.put("DisableKey", c -> none(c.write(k -> {
      k.disableKey(c.input().string("KeyId"));
      return null;
    })));
    table.put("ScheduleKeyDeletion", KeyOperations::scheduleKeyDeletion);
    table.put("CancelKeyDeletion", c -> {
      String keyId = c.input().required("KeyId");
      return Map.of("KeyId", c.write(k -> k.cancelKeyDeletion(keyId)));
    });
    table.put("ReplicateKey", KeyOperations::replicateKey);
    table.put("UpdatePrimaryRegion", c -> {
      Region target = region(c.input().required("PrimaryRegion"));
      return none(c.write(k -> {
        k.updatePrimaryRegion(c.input().string("KeyId"), target);
        return null;
      }));
    });
  }

  private static Map<String, Object> createKey(Call c) throws ServiceError, KmsException, java.io.IOException {
    Input in = c.input();
    unsupported(in, "CustomKeyStoreId", "XksKeyId");
    String spec = in.string("KeySpec") != null ? in.string("KeySpec") : in.string("CustomerMasterKeySpec");
    CreateKeyRequest request = new CreateKeyRequest(Boolean.TRUE.equals(in.bool("MultiRegion")),
        in.string("Description"), in.string("Policy"), tags(in), in.string("KeyUsage"), spec, in.string("Origin"));
    return Map.of("KeyMetadata", Shapes.keyMetadata(c.write(k -> k.createKey(request))));
  }

  private static Map<String, Object> listKeys(Call c) throws ServiceError, KmsException, java.io.IOException {
    List<KeyListEntry> keys = c.reader().listKeys();
    return Pagination.page(keys, k -> k.keyId().value(), c.input(), "Keys", 100, 1000, k -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("KeyId", k.keyId().value());
      row.put("KeyArn", k.keyArn());
      return row;
    });
  }

  private static Map<String, Object> scheduleKeyDeletion(Call c) throws ServiceError, KmsException,
      java.io.IOException {
    Input in = c.input();
    String keyId = in.required("KeyId");
    ScheduleKeyDeletionResult r = c.write(k -> k.scheduleKeyDeletion(keyId, in.integer("PendingWindowInDays")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyId", r.keyId());
    if (r.deletionDate() != null) {
      out.put("DeletionDate", Shapes.timestamp(r.deletionDate()));
    }
    out.put("KeyState", r.keyState().kmsName());
    out.put("PendingWindowInDays", r.pendingWindowInDays());
    return out;
  }

  private static Map<String, Object> replicateKey(Call c) throws ServiceError, KmsException, java.io.IOException {
    Input in = c.input();
    String keyId = in.required("KeyId");
    Region target = region(in.required("ReplicaRegion"));
    ReplicateKeyRequest request = new ReplicateKeyRequest(in.string("Description"), in.string("Policy"), tags(in));
    ReplicateKeyResult r = c.write(k -> k.replicateKey(keyId, target, request));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ReplicaKeyMetadata", Shapes.keyMetadata(r.replicaKeyMetadata()));
    out.put("ReplicaPolicy", r.replicaPolicy());
    out.put("ReplicaTags", Shapes.tags(r.replicaTags()));
    return out;
  }

  /** The request's {@code Tags}, or an empty list. */
  static List<Tag> tags(Input in) throws KmsException {
    List<Tag> out = new ArrayList<>();
    List<Input> tags = in.structures("Tags");
    if (tags != null) {
      for (Input t : tags) {
        out.add(Tag.of(t.string("TagKey"), t.string("TagValue")));
      }
    }
    return out;
  }

  static Region region(String code) throws ServiceError {
    try {
      return Region.of(code);
    } catch (KmsException e) {
      throw ServiceError.validation(e.getMessage());
    }
  }

  /** Refuses members naming features MRK does not have (custom key stores, external keys). */
  static void unsupported(Input in, String... members) throws ServiceError {
    for (String m : members) {
      if (in.has(m)) {
        throw ServiceError.client("UnsupportedOperationException", m + " is not supported: MRK has no custom"
            + " key stores.");
      }
    }
  }

  /** The answer of an operation without output. */
  static Map<String, Object> none(Object ignored) {
    return Map.of();
  }
}
