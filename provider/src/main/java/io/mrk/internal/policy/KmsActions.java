package io.mrk.internal.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names MRK accepts for KMS actions in key policies and for grant operations, spelled as the KMS
 * API reference spells them.
 *
 * <p>A policy action that names no known action is refused rather than stored: in a key policy a
 * typo such as {@code kms:Decrpyt} would otherwise silently allow nothing.
 */
final class KmsActions {

  /** Every KMS API action a key policy may name (without the {@code kms:} prefix). */
  static final List<String> POLICY_ACTIONS = List.of(
      "CancelKeyDeletion", "ConnectCustomKeyStore", "CreateAlias", "CreateCustomKeyStore",
      "CreateGrant", "CreateKey", "Decrypt", "DeleteAlias", "DeleteCustomKeyStore",
      "DeleteImportedKeyMaterial", "DeriveSharedSecret", "DescribeCustomKeyStores", "DescribeKey",
      "DisableKey", "DisableKeyRotation", "DisconnectCustomKeyStore", "EnableKey",
      "EnableKeyRotation", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair",
      "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", "GenerateMac",
      "GenerateRandom", "GetKeyPolicy", "GetKeyRotationStatus", "GetParametersForImport",
      "GetPublicKey", "ImportKeyMaterial", "ListAliases", "ListGrants", "ListKeyPolicies",
      "ListKeyRotations", "ListKeys", "ListResourceTags", "ListRetirableGrants", "PutKeyPolicy",
      "ReEncryptFrom", "ReEncryptTo", "ReplicateKey", "RetireGrant", "RevokeGrant",
      "RotateKeyOnDemand", "ScheduleKeyDeletion", "Sign", "TagResource", "UntagResource",
      "UpdateAlias", "UpdateCustomKeyStore", "UpdateKeyDescription", "UpdatePrimaryRegion",
      "Verify", "VerifyMac");

  /** The KMS {@code GrantOperation} values (KMS API reference, CreateGrant, Operations). */
  static final Set<String> GRANT_OPERATIONS = Set.of(
      "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
      "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey",
      "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac",
      "DeriveSharedSecret");

  /**
   * The operations that take an encryption context, the only ones grant constraints apply to
   * (KMS API reference, GrantConstraints: "not applied to operations that do not support an
   * encryption context, such as ... DescribeKey or RetireGrant").
   */
  static final Set<String> WITH_ENCRYPTION_CONTEXT = Set.of(
      "Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey",
      "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext");

  static final String PREFIX = "kms:";

  private KmsActions() {
  }

  /** True when {@code action} ({@code kms:Name}, any case) names a known KMS action. */
  static boolean isKnownAction(String action) {
    return operationName(action) != null;
  }

  /** The canonical operation name of {@code kms:name} (any case), or {@code null} when unknown. */
  static String operationName(String action) {
    if (action == null || !action.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String name = action.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    for (String known : POLICY_ACTIONS) {
      if (known.toLowerCase(Locale.ROOT).equals(name)) {
        return known;
      }
    }
    return null;
  }
}
